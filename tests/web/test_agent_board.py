"""The live board: kiosks, help requests, « J'arrive », a message, more time, the end."""

from __future__ import annotations

import pytest

from kiosk import store as kiosk_store
from kiosk.agent.live import session_ref
from kiosk.database import get_db
from tests.support.console import ConsoleClient, create_adviser
from tests.support.kiosk_client import KioskClient


@pytest.fixture()
def console(app) -> ConsoleClient:
    create_adviser(app)
    adviser = ConsoleClient(app)
    adviser.log_in()
    return adviser


def learner_on(app, kiosk_id: str, scenario: str | None = "banque-connexion") -> KioskClient:
    learner = KioskClient(app.test_client(), app)
    learner.get(f"/borne/{kiosk_id}")
    if scenario:
        learner.get(f"/exercices/{scenario}")
        learner.post(f"/exercices/{scenario}/commencer", {"mode": "entrainement"})
    beat(learner, kiosk_id)
    return learner


def beat(learner, kiosk_id: str, page: str = "/sites/banque/connexion"):
    return learner.get(f"/borne/battement?page={page}&seance=1&borne={kiosk_id}")


def sid(app, learner) -> str:
    return learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value


def card(console, kiosk_id: str):
    board = console.soup(console.get("/agent/"))
    return board.select_one(f"article[aria-labelledby='kiosk-{kiosk_id}-name']")


def test_the_board_shows_every_kiosk_free_or_busy_alive_or_not(app, console):
    learner_on(app, "borne-1")
    learner_on(app, "borne-2", scenario=None)
    with app.test_request_context():
        kiosk_store.record_heartbeat(get_db(), "borne-3", 0.0, None, "/")  # long silent
    busy = " ".join(card(console, "borne-1").get_text(" ").split())
    assert "Répond" in busy and "Occupée" in busy
    assert "Banque Citoyenne" in busy or "banque" in busy.lower()
    assert "Se connecter à son espace bancaire" in busy
    assert "Entraînement" in busy and "1 sur 2" in busy
    assert "Indices 0" in busy and "Erreurs 0" in busy
    free = " ".join(card(console, "borne-2").get_text(" ").split())
    assert "Libre" in free and "Répond" in free
    silent = " ".join(card(console, "borne-3").get_text(" ").split())
    assert "Ne répond plus depuis" in silent


def test_hints_and_mistakes_so_far_show(app, console):
    learner = learner_on(app, "borne-1")
    learner.htmx_post("/coach/indice")
    learner.login(code="111111")  # a wrong code: a mistake
    text = " ".join(card(console, "borne-1").get_text(" ").split())
    assert "Indices 1" in text and "Erreurs 1" in text


def test_a_help_request_shows_on_the_board_fragment(app, console):
    learner = learner_on(app, "borne-1")
    first = console.fragment("/agent/tableau")
    assert first.status_code == 200
    version = console.soup(first).select_one("#board")["hx-get"]
    assert console.fragment(version).status_code == 204  # nothing changed: nothing to swap
    learner.htmx_post("/coach/aide")
    response = console.fragment(version)
    assert response.status_code == 200
    page = console.soup(response)
    item = page.select_one("[data-help-id]")
    assert item["data-help-where"] == "borne-1"
    assert "Borne borne-1" in item.get_text()
    assert page.select_one("#board")["hx-trigger"] == "every 2s"
    assert page.select_one("#arrive-borne-1")


def test_j_arrive_answers_and_the_kiosk_shows_it(app, console):
    learner = learner_on(app, "borne-1")
    learner.htmx_post("/coach/aide")
    console.get("/agent/")
    response = console.post("/agent/bornes/borne-1/arrive",
                            {"seance": session_ref(sid(app, learner))})
    assert response.status_code == 303
    board = console.get("/agent/")
    assert "la personne voit « Le conseiller arrive »" in console.text(board)
    assert not console.soup(board).select("[data-help-id]")
    assert "Le conseiller a vu votre demande." in beat(learner, "borne-1").get_data(as_text=True)


def test_a_help_request_from_a_screen_without_a_kiosk_name(app, console):
    learner = KioskClient(app.test_client(), app)
    learner.get("/exercices/banque-connexion")
    learner.post("/exercices/banque-connexion/commencer", {"mode": "guide"})
    learner.htmx_post("/coach/aide")
    page = console.soup(console.get("/agent/"))
    item = page.select_one("[data-help-id]")
    assert item["data-help-where"] == ""
    console.post(f"/agent/aide/{item['data-help-id']}/arrive")
    assert "Le conseiller a vu votre demande." in learner.get(
        "/borne/battement?page=/&seance=1").get_data(as_text=True)
    assert console.post("/agent/aide/999/arrive").status_code == 404


def test_a_message_reaches_the_screen(app, console):
    learner = learner_on(app, "borne-1")
    ref = session_ref(sid(app, learner))
    page = console.get("/agent/bornes/borne-1")
    assert page.status_code == 200
    assert console.soup(page).select_one("textarea[name=texte]")["maxlength"] == "280"
    console.post("/agent/bornes/borne-1/message",
                 {"seance": ref, "texte": "Je viens, <b>2 min</b>"})
    shown = learner.soup(beat(learner, "borne-1")).get_text()
    assert "Je viens, <b>2 min</b>" in shown


@pytest.mark.parametrize(("text", "message"), [
    ("   ", "Le message est vide"), ("x" * 281, "Le message est trop long")])
def test_an_empty_or_long_message_is_refused_clearly(app, console, text, message):
    learner = learner_on(app, "borne-1")
    response = console.post("/agent/bornes/borne-1/message",
                            {"seance": session_ref(sid(app, learner)), "texte": text})
    assert message in console.text(console.get(response.headers["Location"]))
    assert beat(learner, "borne-1").status_code == 204


def test_more_time(app, console):
    learner = learner_on(app, "borne-1")
    ref = session_ref(sid(app, learner))
    assert console.post("/agent/bornes/borne-1/prolonger", {"seance": ref, "minutes": "10"}
                        ).status_code == 303
    assert "kiosk-idle-extended" in beat(learner, "borne-1").headers["HX-Trigger"]
    assert console.post("/agent/bornes/borne-1/prolonger", {"seance": ref, "minutes": "999"}
                        ).status_code == 400


def test_ending_asks_first_then_wipes_and_sends_the_screen_home(app, console):
    learner = learner_on(app, "borne-1")
    learner_sid = sid(app, learner)
    ref = session_ref(learner_sid)
    confirm = console.get(f"/agent/bornes/borne-1/terminer?seance={ref}")
    assert "Terminer la séance de la borne borne-1 ?" in console.text(confirm)
    with app.test_request_context():
        assert kiosk_store.load_session(get_db(), learner_sid) is not None  # nothing ended yet
    console.post("/agent/bornes/borne-1/terminer", {"seance": ref})
    with app.test_request_context():
        assert kiosk_store.load_session(get_db(), learner_sid) is None
        status = get_db().execute("SELECT status FROM attempts").fetchone()[0]
    assert status == "abandoned"
    assert beat(learner, "borne-1").headers["HX-Redirect"] == "/borne/borne-1?fin=1"


def test_an_action_on_a_session_that_changed_does_nothing(app, console):
    learner = learner_on(app, "borne-1")
    old_ref = session_ref(sid(app, learner))
    learner.end()
    newcomer = learner_on(app, "borne-1")
    response = console.post("/agent/bornes/borne-1/terminer", {"seance": old_ref})
    assert "déjà terminée ou a changé" in console.text(console.get(response.headers["Location"]))
    with app.test_request_context():
        assert kiosk_store.load_session(get_db(), sid(app, newcomer)) is not None
    response = console.get(f"/agent/bornes/borne-1/terminer?seance={old_ref}")
    assert response.status_code == 303


def test_unknown_kiosks_and_a_page_for_a_free_kiosk(app, console):
    assert console.get("/agent/bornes/nulle-part").status_code == 404
    assert console.post("/agent/bornes/nulle-part/arrive", {"seance": "x"}).status_code == 404
    learner_on(app, "borne-2", scenario=None)
    page = console.get("/agent/bornes/borne-2")
    assert "Personne n'utilise cette borne" in console.text(page)


def test_the_console_never_shows_a_learner_cookie(app, console):
    learner = learner_on(app, "borne-1")
    learner.htmx_post("/coach/aide")
    for path in ["/agent/", "/agent/bornes/borne-1", "/agent/tableau"]:
        assert sid(app, learner) not in console.get(path).get_data(as_text=True)


def test_the_adviser_is_warned_before_the_idle_logout(app, console):
    with app.test_request_context():
        get_db().execute("UPDATE adviser_sessions SET last_seen = last_seen - 1600")
    text = console.text(console.fragment("/agent/tableau"))
    assert "la console se fermera dans 3 min" in text
    assert console.post("/agent/rester").status_code == 303
    assert "se fermera" not in console.text(console.get("/agent/"))
