"""Display options (« Affichage »), the inactivity warning's settings and routes, the on-screen
keyboard's place on every screen, and the end of a session as the browser sees it."""

from __future__ import annotations

import pytest

from kiosk import remote
from kiosk import store as kiosk_store
from kiosk.database import get_db
from kiosk.sessions import learner_session_ended


def page_classes(learner, path: str = "/") -> list[str]:
    return learner.soup(learner.get(path)).select_one(".page")["class"]


def sid_of(app, learner) -> str:
    return learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value


# --- display options ----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/code", "/nulle-part"])
def test_the_display_menu_is_on_every_kiosk_screen(learner, path):
    menu = learner.soup(learner.get(path)).select_one(".kiosk-bar details#display-switch")
    assert menu.select_one("summary").get_text(strip=True) == "Affichage"
    assert [b["value"] for b in menu.select("button[name=texte]")] == [
        "normal", "grand", "tres-grand"]
    assert menu.select_one("#display-text-normal")["aria-pressed"] == "true"


def test_the_display_menu_is_beside_the_replica_too(banker):
    page = banker.soup(banker.get("/sites/banque/synthese"))
    assert page.select_one(".kiosk-bar #display-switch")


def test_each_choice_puts_its_class_on_the_page_and_stays_for_the_session(learner):
    assert "display-text-large" not in page_classes(learner)
    response = learner.post("/affichage", {"texte": "grand", "next": "/code"})
    assert response.status_code == 303 and response.headers["Location"] == "/code"
    learner.post("/affichage", {"contraste": "oui"})
    learner.post("/affichage", {"animations": "moins"})
    for path in ("/", "/code"):
        classes = page_classes(learner, path)
        assert {"display-text-large", "display-contrast", "display-calm"} <= set(classes)
    learner.post("/affichage", {"texte": "tres-grand"})
    learner.post("/affichage", {"contraste": "non"})
    classes = page_classes(learner)
    assert "display-text-larger" in classes and "display-text-large" not in classes
    assert "display-contrast" not in classes and "display-calm" in classes
    menu = learner.soup(learner.get("/")).select_one("#display-switch")
    assert menu.select_one("#display-text-tres-grand")["aria-pressed"] == "true"
    assert menu.select_one("#display-contrast")["aria-pressed"] == "false"
    assert menu.select_one("#display-contrast")["value"] == "oui"  # the next tap turns it on
    assert menu.select_one("#display-calm")["value"] == "normal"


def test_htmx_gets_the_menu_back_open_with_the_page_classes(learner):
    learner.get("/")
    response = learner.htmx_post("/affichage", {"contraste": "oui", "next": "/"})
    assert response.status_code == 200
    menu = learner.soup(response).select_one("details#display-switch")
    assert menu.has_attr("open")
    assert menu["data-page-classes"] == "display-contrast"
    assert menu.select_one("#display-contrast")["aria-pressed"] == "true"


@pytest.mark.parametrize("form", [
    {"texte": "enorme"}, {"contraste": "peut-etre"}, {"animations": "oui"}, {},
    {"couleur": "rouge"},
])
def test_a_bad_choice_is_a_kiosk_styled_bad_request(learner, form):
    response = learner.post("/affichage", form)
    assert response.status_code == 400
    assert learner.soup(response).select_one("a[href='/']")  # a way home


def test_display_choices_need_the_csrf_token(learner):
    learner.get("/")
    assert learner.post("/affichage", {"texte": "grand"}, csrf=False).status_code == 400
    assert learner.get("/affichage").status_code == 400  # GET: not allowed, said kindly


def test_after_a_choice_the_page_never_leaves_the_server(learner):
    response = learner.post("/affichage", {"texte": "grand", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_display_options_are_forgotten_when_the_session_ends(learner):
    learner.start("banque")
    learner.post("/affichage", {"contraste": "oui"})
    learner.post("/affichage", {"texte": "grand"})
    assert "display-contrast" in page_classes(learner, "/seance/fiche")
    learner.end()
    classes = page_classes(learner)
    assert not [c for c in classes if c.startswith("display-")]


# --- inactivity -----------------------------------------------------------------------------

def test_no_idle_timer_while_nothing_of_a_learner_is_kept(learner):
    page = learner.soup(learner.get("/"))
    assert not page.select_one(".page").has_attr("data-idle-seconds")
    assert page.select_one("#idle-dialog") is None


@pytest.mark.parametrize("step", ["language", "display", "bank"])
def test_the_timer_runs_as_soon_as_the_session_holds_something(learner, step):
    if step == "language":
        learner.post("/langue", {"lang": "ar", "next": "/"})
    elif step == "display":
        learner.post("/affichage", {"texte": "grand"})
    else:
        learner.start("banque")
    page = learner.soup(learner.get("/"))
    wrapper = page.select_one(".page")
    assert wrapper["data-idle-seconds"] == "180" and wrapper["data-idle-countdown"] == "60"
    dialog = page.select_one("dialog#idle-dialog")
    assert dialog.select_one("#idle-title").get_text(strip=True)
    form = dialog.select_one("form[data-idle-end]")
    assert form["action"] == "/seance/terminer" and form["hx-boost"] == "false"
    assert form.select_one("input[name=raison]")["value"] == "inactivite"


def test_the_countdown_is_never_shorter_than_20_seconds(app, learner):
    app.config.update(KIOSK_IDLE_SECONDS=5, KIOSK_IDLE_COUNTDOWN_SECONDS=3)
    learner.start("banque")
    page = learner.soup(learner.get("/seance/fiche"))
    assert page.select_one(".page")["data-idle-seconds"] == "5"
    assert page.select_one(".page")["data-idle-countdown"] == "20"
    assert "20 secondes" in page.select_one("#idle-text").get_text()


def test_presence_counts_as_activity_but_the_heartbeat_does_not(learner, app):
    learner.start("banque")
    sid = sid_of(app, learner)
    with app.test_request_context():
        get_db().execute("UPDATE sessions SET last_seen = last_seen - 100 WHERE id = ?", [sid])
        before = kiosk_store.load_session(get_db(), sid)["last_seen"]
    learner.get("/borne/battement?page=/seance/fiche&seance=1")
    with app.test_request_context():
        assert kiosk_store.load_session(get_db(), sid)["last_seen"] == before
    assert learner.htmx_post("/seance/presence").status_code == 204
    with app.test_request_context():
        assert kiosk_store.load_session(get_db(), sid)["last_seen"] > before + 90


def test_presence_needs_the_csrf_token(learner):
    learner.start("banque")
    assert learner.post("/seance/presence", csrf=False).status_code == 400


def test_the_end_by_inactivity_is_told_apart_from_terminer(learner, app):
    reasons = []

    def record(sender, reason):
        reasons.append(reason)

    learner_session_ended.connect(record)
    try:
        learner.start("banque")
        response = learner.post("/seance/terminer", {"raison": "inactivite"})
        learner.start("banque")
        learner.end()
    finally:
        learner_session_ended.disconnect(record)
    assert response.status_code == 303 and response.headers["Location"] == "/?fin=1"
    assert "cookies" in response.headers["Clear-Site-Data"]
    assert reasons == ["expired", "finished"]


def test_after_the_adviser_ends_it_the_screen_forgets_in_the_browser_too(learner, app):
    learner.start("banque")
    with app.test_request_context():
        remote.end(sid_of(app, learner))
    response = learner.get("/borne/battement?page=/sites/banque/synthese&seance=1")
    assert response.headers["HX-Redirect"] == "/?fin=1"
    assert "HX-Location" not in response.headers  # a full page load, not a swap into this one
    assert '"storage"' in response.headers["Clear-Site-Data"]
    assert '"cookies"' in response.headers["Clear-Site-Data"]
    assert learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is None
    home = learner.soup(learner.get("/?fin=1"))
    assert home.html["lang"] == "fr" and "session-ended" in home.select_one(".page")["class"]


# --- the on-screen keyboard -----------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/code", "/sites/banque/synthese"])
def test_every_screen_has_the_keyboard_with_named_keys(banker, path):
    osk = banker.soup(banker.get(path)).select_one("#osk")
    assert osk.has_attr("hidden") and osk["role"] == "region"
    assert osk["aria-label"] == "Clavier à l'écran"
    assert (osk["data-key-bksp"], osk["data-key-ok"]) == (
        "Effacer un caractère", "OK, fermer le clavier")


def test_the_keyboard_speaks_the_learners_language(learner):
    learner.post("/langue", {"lang": "en", "next": "/"})
    osk = learner.soup(learner.get("/")).select_one("#osk")
    assert osk["data-key-bksp"] != "Effacer un caractère" and osk["data-key-space"] != "Espace"


def test_the_date_of_a_transfer_gets_the_date_pad(banker):
    page = banker.soup(banker.get("/sites/banque/virements"))
    assert page.select_one("#date")["data-keyboard"] == "date"
    assert page.select_one("#montant")["inputmode"] == "decimal"
