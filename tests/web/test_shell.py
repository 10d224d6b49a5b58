"""The kiosk shell: home, language, starting a site, the persona card, ending a session."""

from __future__ import annotations

from pathlib import Path


def test_home_offers_languages_and_the_bank(learner):
    page = learner.soup(learner.get("/"))
    buttons = page.select(".choice-row button[name=lang]")
    languages = [b.get_text(strip=True) for b in buttons]
    assert languages == ["Français", "English", "العربية", "Türkçe", "Português", "Română"]
    # Each name is in its own language, so that screen readers pronounce it right.
    assert [b["lang"] for b in buttons] == [b["value"] for b in buttons] == [
        "fr", "en", "ar", "tr", "pt", "ro"]
    assert "Ma banque" in " ".join(t.get_text() for t in page.select(".site-tiles"))


def test_starting_the_bank_creates_a_world_and_shows_the_persona_card(learner, app):
    response = learner.start("banque")
    assert response.status_code == 303
    assert response.headers["Location"] == "/seance/fiche"
    card = learner.soup(learner.get("/seance/fiche")).select_one(".persona-card")
    assert card.select_one(".persona-card__name").get_text(strip=True) == "Martine Durand"
    values = [dd.get_text(strip=True) for dd in card.select("dd")]
    assert values[:3] == ["3045127896", "482916", "06 39 98 41 27"]
    assert len(list(Path(app.config["WORLDS_DIR"], "live").glob("*.db"))) == 1


def test_replica_pages_without_a_session_lead_home(learner):
    response = learner.get("/sites/banque/synthese")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_htmx_requests_without_a_session_are_sent_home_too(learner):
    response = learner.htmx_get("/sites/banque/synthese")
    assert response.headers["HX-Location"] == "/"


def test_ending_wipes_the_world_and_the_old_cookie_gets_only_the_home_page(learner, app):
    learner.start("banque")
    learner.login()
    old_cookie = learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    response = learner.end()
    assert response.status_code == 303
    assert response.headers["Location"] == "/?fin=1"
    assert "cookies" in response.headers["Clear-Site-Data"]
    assert list(Path(app.config["WORLDS_DIR"], "live").glob("*.db")) == []
    # A copy of the old cookie, replayed by someone else:
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], old_cookie)
    response = thief.get("/sites/banque/synthese")
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_choosing_arabic_turns_the_chrome_right_to_left(learner):
    learner.post("/langue", {"lang": "ar", "next": "/"})
    html = learner.soup(learner.get("/")).html
    assert html["lang"] == "ar" and html["dir"] == "rtl"


def test_an_unknown_language_is_a_bad_request_with_a_way_home(learner):
    response = learner.post("/langue", {"lang": "xx"})
    assert response.status_code == 400
    assert learner.soup(response).select_one("a[href='/']")


def test_language_change_never_redirects_off_the_server(learner):
    response = learner.post("/langue", {"lang": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_health_check(learner):
    assert learner.get("/healthz").get_json() == {"status": "ok"}
