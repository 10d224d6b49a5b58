"""The kiosk's identity and heartbeat, and what the adviser sends to a learner's screen."""

from __future__ import annotations

from pathlib import Path

from kiosk import remote
from kiosk import store as kiosk_store
from kiosk.database import get_db


def sid_of(app, learner) -> str:
    return learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value


def beat(learner, seance: int = 1, page: str = "/sites/banque/connexion", borne: str = ""):
    return learner.get(f"/borne/battement?page={page}&seance={seance}&borne={borne}")


def test_a_terminal_announces_itself_and_beats(learner, app):
    response = learner.get("/borne/borne-3")
    # The terminal's home page names the terminal, and plants no cookie: nobody acted yet.
    assert response.status_code == 200 and 'data-kiosk-id="borne-3"' in response.text
    assert "Set-Cookie" not in response.headers
    learner.start("banque")
    assert beat(learner).status_code == 204
    with app.test_request_context():
        (kiosk,) = kiosk_store.kiosks(get_db())
    assert kiosk["id"] == "borne-3" and kiosk["session_id"] == sid_of(app, learner)
    assert kiosk["page"] == "/sites/banque/connexion"


def test_a_bad_terminal_id_is_refused(learner):
    assert learner.get("/borne/Pas%20bon").status_code == 404


def test_terminer_goes_back_to_the_terminal_address(learner):
    learner.get("/borne/borne-3")
    learner.start("banque")
    response = learner.end()
    assert response.headers["Location"] == "/borne/borne-3?fin=1"


def test_the_heartbeat_does_not_count_as_activity(learner, app):
    learner.start("banque")
    sid = sid_of(app, learner)
    with app.test_request_context():
        db = get_db()
        db.execute("UPDATE sessions SET last_seen = last_seen - 100 WHERE id = ?", [sid])
        before = kiosk_store.load_session(db, sid)["last_seen"]
    beat(learner)
    with app.test_request_context():
        assert kiosk_store.load_session(get_db(), sid)["last_seen"] == before


def test_a_message_from_the_adviser_reaches_the_screen_once_escaped(learner, app):
    learner.start("banque")
    with app.test_request_context():
        remote.send_message(sid_of(app, learner), "J'arrive dans 2 minutes <b>promis</b>")
    page = learner.soup(beat(learner))
    assert "J'arrive dans 2 minutes <b>promis</b>" in page.get_text()
    assert page.select_one("b") is None
    assert beat(learner).status_code == 204  # delivered once


def test_j_arrive_answers_the_help_request(learner, app):
    learner.get("/exercices/banque-connexion")
    learner.post("/exercices/banque-connexion/commencer", {"mode": "guide"})
    learner.htmx_post("/coach/aide")
    with app.test_request_context():
        assert len(remote.open_help_requests()) == 1
        remote.acknowledge_help(sid_of(app, learner))
        assert remote.open_help_requests() == []
    assert "Le conseiller a vu votre demande." in beat(learner).get_data(as_text=True)


def test_more_time_is_added_and_the_page_told(learner, app):
    learner.start("banque")
    with app.test_request_context():
        remote.extend(sid_of(app, learner), 300)
    response = beat(learner)
    assert "kiosk-idle-extended" in response.headers["HX-Trigger"]
    with app.test_request_context():
        assert kiosk_store.load_session(
            get_db(), sid_of(app, learner))["data"]["extra_seconds"] == 300


def test_ending_from_the_console_wipes_and_sends_the_screen_home(learner, app, events):
    learner.get("/borne/borne-2")
    learner.get("/exercices/banque-connexion")
    learner.post("/exercices/banque-connexion/commencer", {"mode": "guide"})
    sid = sid_of(app, learner)
    with app.test_request_context():
        remote.end(sid)
        assert kiosk_store.load_session(get_db(), sid) is None
        row = get_db().execute("SELECT status FROM attempts WHERE session_id = ?", [sid]).fetchone()
    assert row[0] == "abandoned"
    assert list(Path(app.config["WORLDS_DIR"], "live").glob("*.db")) == []
    response = beat(learner, borne="borne-2")
    assert response.headers["HX-Redirect"] == "/borne/borne-2?fin=1"


def test_a_world_wiped_by_another_request_is_not_an_error_nor_born_again(learner, app,
                                                                         monkeypatch):
    """« Terminer » in one request while the page's heartbeat (or a late tap) is on its way in
    another: the second finds the session's world file gone just after it looked for it (the
    soak drill's one 500, and a world left on disk)."""
    from simulator.world import World

    learner.start("banque")
    world = learner.world()
    world.close()
    world.path.unlink()  # what « Terminer » does, right after this request saw the file there
    worlds = app.extensions["pasapas.worlds"]
    monkeypatch.setattr(worlds, "open", lambda world_id: World(world_id, worlds.path_of(world_id))
                        if world_id else None)
    assert beat(learner).status_code in (200, 204)
    assert learner.get("/sites/banque/synthese").status_code in (200, 303)
    assert learner.get("/").status_code == 200
    assert not world.path.exists(), "a world must never be created again by opening it"
