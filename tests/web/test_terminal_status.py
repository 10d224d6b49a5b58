"""What a terminal's launcher asks the server (GET /borne/<id>/etat): how many sessions of its
kiosk have ended (then it restarts Chromium with a fresh profile) and how long ago its page beat.
"""

from __future__ import annotations

from kiosk import remote
from kiosk.database import get_db
from tests.web.test_heartbeat_and_remote import beat, sid_of


def status(client, kiosk_id: str = "borne-3") -> dict:
    response = client.get(f"/borne/{kiosk_id}/etat")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    return response.get_json()


def test_a_kiosk_never_seen_has_nothing_to_report(app):
    assert status(app.test_client(), "borne-9") == {
        "kiosk": "borne-9", "sessions_ended": 0, "seconds_since_beat": None}


def test_a_bad_kiosk_name_is_a_404(app):
    assert app.test_client().get("/borne/Borne%201/etat").status_code == 404


def test_the_page_heartbeat_shows_in_the_status(learner, app):
    learner.get("/borne/borne-3")
    beat(learner, seance=0, page="/")
    assert 0 <= status(app.test_client())["seconds_since_beat"] < 5


def test_terminer_counts_one_ended_session(learner, app):
    learner.get("/borne/borne-3")
    learner.start("banque")
    beat(learner)
    learner.end()
    assert status(app.test_client())["sessions_ended"] == 1


def test_the_adviser_ending_the_session_counts_too(learner, app):
    learner.get("/borne/borne-3")
    learner.start("banque")
    beat(learner)
    with app.test_request_context():
        remote.end(sid_of(app, learner))
    assert status(app.test_client())["sessions_ended"] == 1


def test_an_expired_session_on_the_screen_counts(learner, app):
    learner.get("/borne/borne-3")
    learner.start("banque")
    beat(learner)
    sid = sid_of(app, learner)
    with app.test_request_context():
        get_db().execute("UPDATE sessions SET last_seen = last_seen - 100000 WHERE id = ?", [sid])
    beat(learner)  # the next heartbeat finds the session expired
    assert status(app.test_client())["sessions_ended"] == 1


def test_a_session_the_screen_no_longer_shows_does_not_count(app):
    """The session a restarted browser left behind expires minutes later: it must not restart
    the browser of the learner who is using the kiosk by then."""
    from tests.support.kiosk_client import KioskClient

    before = KioskClient(app.test_client(), app)  # the browser before the restart
    before.get("/borne/borne-3")
    beat(before, seance=0, page="/")
    after = KioskClient(app.test_client(), app)  # the fresh browser, now on the screen
    after.get("/borne/borne-3")
    after.start("banque")
    beat(after)
    before.end()
    assert status(app.test_client())["sessions_ended"] == 0
    after.end()
    assert status(app.test_client())["sessions_ended"] == 1


def test_a_session_without_a_kiosk_counts_for_no_kiosk(learner, app):
    learner.start("banque")
    learner.end()
    with app.test_request_context():
        assert get_db().execute("SELECT COUNT(*) FROM kiosks").fetchone()[0] == 0


def test_asking_neither_creates_nor_touches_a_session(learner, app):
    learner.get("/borne/borne-3")
    learner.post("/langue", {"lang": "fr", "next": "/"})
    sid = sid_of(app, learner)
    with app.test_request_context():
        db = get_db()
        db.execute("UPDATE sessions SET last_seen = last_seen - 100 WHERE id = ?", [sid])
        seen = db.execute("SELECT last_seen FROM sessions WHERE id = ?", [sid]).fetchone()[0]
    launcher = app.test_client()
    launcher.get("/borne/borne-3/etat")
    assert launcher.get_cookie(app.config["SESSION_COOKIE_NAME"]) is None
    learner.get("/borne/borne-3/etat")
    with app.test_request_context():
        db = get_db()
        assert db.execute("SELECT last_seen FROM sessions WHERE id = ?",
                          [sid]).fetchone()[0] == seen
        assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1


def expire(app, learner) -> None:
    with app.test_request_context():
        get_db().execute("UPDATE sessions SET last_seen = last_seen - 100000 WHERE id = ?",
                         [sid_of(app, learner)])
    beat(learner, seance=0, page="/")  # the next heartbeat finds the session expired


def test_the_home_page_left_alone_does_not_restart_the_browser(learner, app):
    learner.get("/borne/borne-3")
    learner.get("/")
    beat(learner, seance=0, page="/")
    # Nobody acted: there is no session at all to expire, so nothing ends on this kiosk.
    assert learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is None
    with app.test_request_context():
        assert get_db().execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0
    app.test_client().get("/borne/battement?page=/&seance=0&borne=borne-3")
    assert status(app.test_client())["sessions_ended"] == 0


def test_a_language_chosen_then_left_counts_when_it_expires(learner, app):
    """The next person must not find the screen in the language of the one who walked away."""
    learner.get("/borne/borne-3")
    learner.post("/langue", {"lang": "ar", "next": "/"})
    beat(learner, seance=0, page="/")
    expire(app, learner)
    assert status(app.test_client())["sessions_ended"] == 1
