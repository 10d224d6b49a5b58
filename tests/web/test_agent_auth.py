"""The console's door: accounts, login, logout, password change, throttling, its own session."""

from __future__ import annotations

import time

import pytest

from kiosk.agent import store as agent_store
from kiosk.app import create_app
from kiosk.database import get_db
from tests.conftest import TEST_TODAY
from tests.support.console import PASSWORD, ConsoleClient, create_adviser


@pytest.fixture()
def console(app) -> ConsoleClient:
    create_adviser(app)
    return ConsoleClient(app)


def test_there_is_no_default_account(app):
    adviser = ConsoleClient(app)
    for name, password in [("admin", "admin"), ("agent", "agent"), ("admin", ""), ("", "")]:
        response = adviser.log_in(name, password)
        assert response.status_code == 200
        assert "Ce nom ou ce mot de passe n'est pas le bon." in adviser.text(response)
    assert adviser.get("/agent/").status_code == 303


def test_every_console_page_asks_for_a_login_first(app):
    adviser = ConsoleClient(app)
    response = adviser.get("/agent/")
    assert response.status_code == 303
    assert response.headers["Location"] == "/agent/connexion?suite=/agent/"
    page = adviser.get("/agent/connexion?suite=/agent/")
    assert page.status_code == 200
    assert adviser.soup(page).select_one("input[type=password]")["name"] == "mot_de_passe"


def test_log_in_and_log_out(console):
    response = console.log_in()
    assert response.status_code == 303 and response.headers["Location"] == "/agent/"
    board = console.get("/agent/")
    assert board.status_code == 200 and "Les bornes" in console.text(board)
    response = console.post("/agent/deconnexion")
    assert response.status_code == 303
    assert console.cookie() is None
    assert console.get("/agent/").status_code == 303


def test_a_copy_of_the_cookie_is_worth_nothing_after_logout(app, console):
    console.log_in()
    stolen = console.cookie()
    console.get("/agent/")
    console.post("/agent/deconnexion")
    thief = ConsoleClient(app)
    thief.client.set_cookie(app.config["AGENT_SESSION_COOKIE_NAME"], stolen, path="/agent")
    assert thief.get("/agent/").status_code == 303


def test_the_session_gets_a_new_id_at_login(console):
    console.get("/agent/connexion")
    assert console.cookie() is None  # the login page only shows something: it writes nothing
    console.log_in()
    first = console.cookie()
    assert first
    console.post("/agent/deconnexion")
    console.log_in()
    assert console.cookie() not in (None, first)


def test_the_console_cookie_is_strict_and_only_for_the_console(console):
    console.get("/agent/connexion")
    response = console.log_in()
    cookie = next(c for c in response.headers.getlist("Set-Cookie")
                  if c.startswith("pasapas_agent="))
    assert "SameSite=Strict" in cookie and "HttpOnly" in cookie and "Path=/agent" in cookie


def test_wrong_password_and_names_of_any_case(console):
    assert "n'est pas le bon" in console.text(console.log_in("claire", "pas le bon mot"))
    assert "n'est pas le bon" in console.text(console.log_in("claire", ""))
    assert console.log_in("CLAIRE", PASSWORD).headers["Location"] == "/agent/"


def test_five_failures_lock_the_account_whatever_the_address(app, console):
    for i in range(5):
        ConsoleClient(app, address=f"10.0.1.{i}").log_in("claire", "mauvais mot de passe")
    other_desk = ConsoleClient(app, address="10.0.2.1")
    response = other_desk.log_in("claire", PASSWORD)  # even the right password waits
    assert response.status_code == 429
    assert "Trop d'essais. Attendez 15 minutes" in other_desk.text(response)
    assert int(response.headers["Retry-After"]) <= 900


def test_an_unknown_name_is_throttled_the_same_way(app):
    """The answer never tells whether an account exists."""
    create_adviser(app)
    unknown, known = ConsoleClient(app, address="10.0.3.1"), ConsoleClient(app, address="10.0.3.2")
    answers = []
    for _ in range(6):
        answers.append((unknown.log_in("personne", "mauvais mot").status_code,
                        known.log_in("claire", "mauvais mot").status_code))
    assert answers == [(200, 200)] * 5 + [(429, 429)]
    assert unknown.text(unknown.log_in("personne", "x")) .replace("personne", "") == \
        known.text(known.log_in("claire", "x")).replace("claire", "")


def test_five_failures_lock_the_address_whatever_the_account(app, console):
    for i in range(5):
        console.log_in(f"nom{i}", "mauvais mot de passe")
    assert console.log_in("claire", PASSWORD).status_code == 429
    assert ConsoleClient(app, address="10.9.9.9").log_in("claire", PASSWORD).status_code == 303


def test_the_lock_holds_across_two_server_processes_and_a_restart(tmp_path):
    settings = {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"),
                "SECRET_KEY": "tests", "SIMULATOR_TODAY": TEST_TODAY}
    first, second = create_app(settings), create_app(settings)
    create_adviser(first)
    for i in range(3):
        ConsoleClient(first, address="10.0.4.1").log_in("claire", f"faux {i}")
    for i in range(2):
        ConsoleClient(second, address="10.0.4.1").log_in("claire", f"faux {i}")
    assert ConsoleClient(first, address="10.0.4.2").log_in("claire", PASSWORD).status_code == 429
    restarted = create_app(settings)
    assert ConsoleClient(restarted, address="10.0.4.3").log_in(
        "claire", PASSWORD).status_code == 429


def test_the_lock_ends_after_its_time(app, console):
    for _ in range(5):
        console.log_in("claire", "mauvais mot de passe")
    with app.test_request_context():
        get_db().execute("UPDATE login_failures SET at = at - 901")
    assert console.log_in("claire", PASSWORD).status_code == 303


def test_a_success_forgets_the_account_failures(app, console):
    for _ in range(4):
        console.log_in("claire", "mauvais mot de passe")
    assert console.log_in("claire", PASSWORD).status_code == 303
    for _ in range(4):
        ConsoleClient(app, address="10.0.5.1").log_in("claire", "mauvais mot de passe")
    assert ConsoleClient(app, address="10.0.5.2").log_in("claire", PASSWORD).status_code == 303


def test_every_post_needs_the_console_csrf_token(console):
    console.log_in()
    console.get("/agent/")
    response = console.post("/agent/deconnexion", csrf=False)
    assert response.status_code == 400
    assert console.get("/agent/").status_code == 200  # still logged in


def test_a_learner_cookie_gives_nothing_under_agent(app, console, learner):
    learner.start("banque")
    learner_token = learner.csrf()
    assert learner.get("/agent/").status_code == 303
    assert learner.get("/agent/tableau").status_code == 303
    # The learner's own CSRF token is not the console's: a forged POST is refused.
    for path, form in [("/agent/connexion", {"nom": "claire", "mot_de_passe": PASSWORD}),
                       ("/agent/deconnexion", {}), ("/agent/rester", {})]:
        response = learner.post(path, {**form, "csrf_token": learner_token})
        assert response.status_code == 400
        assert "Ce formulaire a expiré." in learner.soup(response).get_text()


def test_a_logged_in_adviser_gets_no_learner_session(app, console):
    console.log_in()
    console.get("/agent/")
    assert console.client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is None


def test_idle_for_thirty_minutes_logs_out(app, console):
    console.log_in()
    with app.test_request_context():
        get_db().execute("UPDATE adviser_sessions SET last_seen = last_seen - 1801")
    response = console.get("/agent/")
    assert response.status_code == 303
    page = console.get(response.headers["Location"])
    assert "Votre session a pris fin" in console.text(page)


def test_eight_hours_log_out_even_when_busy(app, console):
    console.log_in()
    with app.test_request_context():
        get_db().execute("UPDATE adviser_sessions SET created_at = created_at - 8 * 3600 - 1")
    assert console.get("/agent/").status_code == 303


def test_the_board_polling_does_not_keep_the_session_alive(app, console):
    console.log_in()
    with app.test_request_context():
        get_db().execute("UPDATE adviser_sessions SET last_seen = last_seen - 600")
        before = get_db().execute("SELECT last_seen FROM adviser_sessions").fetchone()[0]
    assert console.fragment("/agent/tableau").status_code == 200
    with app.test_request_context():
        assert get_db().execute("SELECT last_seen FROM adviser_sessions").fetchone()[0] == before


def test_the_polling_sends_the_page_to_the_login_once_logged_out(app, console):
    console.log_in()
    with app.test_request_context():
        get_db().execute("DELETE FROM adviser_sessions")
    response = console.fragment("/agent/tableau?v=1")
    assert response.headers["HX-Redirect"] == "/agent/connexion?expiree=1"


def test_after_login_only_a_console_page_is_followed(console):
    console.get("/agent/connexion")
    for target in ["https://ailleurs.example/", "//ailleurs.example/agent/", "/sites/banque/"]:
        response = console.post("/agent/connexion", {"nom": "claire", "mot_de_passe": PASSWORD,
                                                     "suite": target})
        assert response.headers["Location"] == "/agent/"
        console.post("/agent/deconnexion")
        console.get("/agent/connexion")


def test_change_password(app, console):
    console.log_in()
    other_browser = ConsoleClient(app, address="10.0.6.1")
    other_browser.log_in()
    console.get("/agent/mot-de-passe")
    refused = {
        ("pas le bon", "nouveau mot de passe", "nouveau mot de passe"): "actuel n'est pas le bon",
        (PASSWORD, "court", "court"): "au moins 10 caractères",
        (PASSWORD, "nouveau mot de passe", "nouveau mot de pass"): "ne sont pas les mêmes",
        (PASSWORD, "          ", "          "): "est vide",
    }
    for (old, new, again), message in refused.items():
        response = console.post("/agent/mot-de-passe",
                                {"actuel": old, "nouveau": new, "confirmation": again})
        assert message in console.text(response)
    response = console.post("/agent/mot-de-passe", {"actuel": PASSWORD,
                                                     "nouveau": "nouveau mot de passe",
                                                     "confirmation": "nouveau mot de passe"})
    assert response.status_code == 303
    assert "mot de passe a été changé" in console.text(console.get("/agent/"))
    assert other_browser.get("/agent/").status_code == 303  # logged out everywhere else
    fresh = ConsoleClient(app, address="10.0.6.2")
    assert fresh.log_in("claire", PASSWORD).status_code == 200
    assert fresh.log_in("claire", "nouveau mot de passe").status_code == 303


def test_stale_console_sessions_are_swept(app, console):
    console.log_in()
    with app.test_request_context():
        db = get_db()
        db.execute("UPDATE adviser_sessions SET last_seen = ?", [time.time() - 4000])
        ConsoleClient(app).get("/agent/connexion")
        assert db.execute("SELECT COUNT(*) FROM adviser_sessions WHERE adviser_id IS NOT NULL"
                          ).fetchone()[0] == 0
        assert agent_store.adviser_by_name(db, "claire") is not None


def test_unknown_console_pages_get_the_console_404(console):
    console.log_in()
    response = console.get("/agent/rien-ici")
    assert response.status_code == 404
    assert "Retour aux bornes" in console.text(response)
    stylesheet = console.get("/agent/static/agent.css")
    assert stylesheet.status_code == 200
    stylesheet.close()
