"""A page that only shows something writes nothing: no cookie, no session row, no write lock.

The session is born when the learner first acts (a language, « Ma banque », an exercise), and
« Terminer » leaves the browser with no cookie at all.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kiosk import store as kiosk_store
from kiosk.database import get_db

SHOW_ONLY_PAGES = ["/", "/parcours/premiers-pas-banque", "/exercices/banque-connexion", "/code",
                   "/healthz", "/borne/borne-7"]


def kiosk_db_state(app) -> str:
    """The bytes of kiosk.db and of its write-ahead log: any write changes one of them."""
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        path = Path(app.config["KIOSK_DATABASE"] + suffix)
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


def session_count(app) -> int:
    with app.test_request_context():
        return kiosk_store.count_sessions(get_db())


@pytest.mark.parametrize("path", SHOW_ONLY_PAGES)
def test_a_page_that_only_shows_plants_no_cookie(app, path):
    client = app.test_client()
    response = client.get(path)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is None


def test_cookie_less_visits_leave_the_kiosk_database_unchanged(app):
    app.test_client().get("/")  # the first request of a worker may prepare things
    before = kiosk_db_state(app)
    for number in range(2_000):
        client = app.test_client()  # a crawler, a health check, a script: no cookie kept
        assert client.get(SHOW_ONLY_PAGES[number % 5]).status_code == 200
    assert kiosk_db_state(app) == before
    assert session_count(app) == 0


def test_the_home_forms_work_without_any_session(learner, app):
    """The home page's forms carry a token that needs no stored session."""
    learner.get("/")
    response = learner.post("/langue", {"lang": "ar", "next": "/"})
    assert response.status_code == 303
    assert learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is not None
    assert session_count(app) == 1
    assert 'dir="rtl"' in learner.get("/").text


def test_the_first_act_creates_the_session_and_an_exercise_starts(learner, app):
    learner.get("/exercices/banque-connexion")
    assert session_count(app) == 0
    response = learner.post("/exercices/banque-connexion/commencer", {"mode": "guide"})
    assert response.status_code == 303
    assert session_count(app) == 1
    card = learner.get("/seance/fiche")
    assert card.status_code == 200 and "Martine Durand" in card.text


def test_after_terminer_the_browser_holds_no_cookie(learner, app):
    learner.start("banque")
    learner.get("/seance/fiche")
    assert learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is not None
    home = learner.post("/seance/terminer", follow_redirects=True)
    assert home.status_code == 200 and "Bonjour" in home.text
    assert learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is None
    assert session_count(app) == 0


def test_a_terminal_session_is_born_with_its_kiosk_name(learner, app):
    learner.get("/borne/borne-7")
    learner.start("banque")
    sid = learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    with app.test_request_context():
        assert kiosk_store.load_session(get_db(), sid)["data"]["kiosk"] == "borne-7"
    after = learner.post("/seance/terminer")
    assert after.headers["Location"] == "/borne/borne-7?fin=1"
    assert learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is None


def test_a_session_page_refreshes_last_seen_at_most_every_few_seconds(banker, app):
    """A GET inside a session that changes nothing does not write kiosk.db each time."""
    banker.get("/sites/banque/synthese")
    before = kiosk_db_state(app)
    for _ in range(20):
        banker.get("/seance/fiche")
    assert kiosk_db_state(app) == before
