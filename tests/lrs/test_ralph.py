"""The learning records against a real LRS: Ralph (ralph-malph, its own virtual environment,
file-system backend, basic auth), started by these tests on 127.0.0.1.

If Ralph cannot start, these tests fail and say why (`make lrs` installs it)."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from datetime import datetime

import pytest

from kiosk.app import create_app
from kiosk.database import get_db
from kiosk.records import relay as relay_module
from kiosk.records import store
from kiosk.records.lrs import RelaySettings
from kiosk.server_process import LiveServer
from tests.conftest import TEST_TODAY
from tests.support.attempts import latest_attempt, outbox, play_connexion, start
from tests.support.kiosk_client import KioskClient
from tests.support.ralph import RalphLRS

ADL = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture()
def ralph(tmp_path):
    lrs = RalphLRS(tmp_path / "ralph").start()
    yield lrs
    lrs.stop()


def lrs_settings(ralph: RalphLRS) -> dict:
    return {"XAPI_LRS_URL": ralph.endpoint, "XAPI_LRS_USERNAME": ralph.username,
            "XAPI_LRS_PASSWORD": ralph.password, "XAPI_RETRY_MIN_SECONDS": 0.2,
            "XAPI_RETRY_MAX_SECONDS": 1.0, "XAPI_RELAY_POLL_SECONDS": 0.1,
            "XAPI_TIMEOUT_SECONDS": 5.0}


@pytest.fixture()
def app_with_lrs(tmp_path, ralph):
    return create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"),
                       "SECRET_KEY": "tests", "SIMULATOR_TODAY": TEST_TODAY,
                       "SIMULATOR_SEED": 1234, **lrs_settings(ralph)})


def relay_until_idle(app) -> None:
    relay = relay_module.Relay(app.config["KIOSK_DATABASE"], RelaySettings.from_config(app.config))
    try:
        while (outcome := relay.run_once()) == "sent":
            pass
        assert outcome == "idle", store.relay_status(relay.db)
    finally:
        relay.close()


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def counts(app) -> dict[str, int]:
    with app.test_request_context():
        return store.counts(get_db())


def test_a_completed_attempt_arrives_in_ralph_in_cmi5_order(app_with_lrs, ralph):
    app = app_with_lrs
    learner = KioskClient(app.test_client(), app)
    play_connexion(learner, "guide", mistakes=1)
    attempt = latest_attempt(learner)
    queued = outbox(app, attempt["id"])
    relay_until_idle(app)
    assert counts(app) == {"pending": 0, "sent": 6, "failed": 0}

    registration = queued[0]["statement"]["context"]["registration"]
    held = ralph.statements(f"registration={registration}")
    held.sort(key=lambda s: datetime.fromisoformat(s["timestamp"]))
    assert [s["verb"]["id"] for s in held] == [
        ADL + "initialized", ADL + "interacted", ADL + "interacted", ADL + "completed",
        ADL + "passed", ADL + "terminated"]
    assert [s["id"] for s in held] == [r["id"] for r in queued]
    for ours, theirs in zip((r["statement"] for r in queued), held, strict=True):
        assert theirs["actor"]["account"] == ours["actor"]["account"]
        assert theirs["object"]["id"] == ours["object"]["id"]
        assert theirs["context"]["registration"] == registration
        assert datetime.fromisoformat(theirs["timestamp"]) == datetime.fromisoformat(
            ours["timestamp"])
        assert theirs.get("result") == ours.get("result")
        assert theirs["context"]["extensions"] == ours["context"]["extensions"]
    passed = held[4]
    assert passed["result"]["success"] is True
    assert passed["result"]["score"]["scaled"] == attempt["score"]
    assert all("score" not in s.get("result", {}) for s in held if s is not passed)
    assert held[-1]["result"]["duration"].startswith("PT")
    # Sending them again changes nothing: Ralph knows them by id (204).
    with app.test_request_context():
        get_db().execute("UPDATE xapi_outbox SET status = 'pending'")
    relay_until_idle(app)
    assert len(ralph.statements(f"registration={registration}")) == 6


def test_with_the_lrs_down_for_a_while_every_statement_arrives_once(app_with_lrs, ralph):
    app = app_with_lrs
    stop = threading.Event()
    relay_thread = relay_module.start_in_background(app.config, stop)
    try:
        first = KioskClient(app.test_client(), app)
        play_connexion(first, "autonomie")
        wait_for(lambda: counts(app)["pending"] == 0, 30, "the first attempt to be sent")

        ralph.stop()  # the LRS goes away while learners go on practising
        second = KioskClient(app.test_client(), app)
        play_connexion(second, "guide", mistakes=2)
        third = KioskClient(app.test_client(), app)
        start(third, "entrainement")
        third.login()
        third.end()  # abandoned
        fourth = KioskClient(app.test_client(), app)
        play_connexion(fourth, "entrainement")
        wait_for(lambda: _relay_state(app) == "offline", 30, "the relay to notice")
        assert counts(app)["pending"] == 6 + 3 + 6

        ralph.start()  # same port, same statements file
        wait_for(lambda: counts(app)["pending"] == 0, 60, "the queue to drain")
    finally:
        stop.set()
        relay_thread.join(10)

    queued = [r["id"] for r in outbox(app)]
    held = [s["id"] for s in ralph.statements()]
    assert Counter(held) == Counter(queued)  # every one, once
    assert len(queued) == 4 * 6 - 3
    lines = [json.loads(line) for line in ralph.statements_file.read_text().splitlines()]
    assert Counter(s["id"] for s in lines) == Counter(queued)  # once on disk too


def _relay_state(app) -> str | None:
    with app.test_request_context():
        said = store.relay_status(get_db())
    return said and said["state"]


def test_the_kiosk_server_starts_the_relay_when_an_lrs_is_configured(tmp_path, ralph):
    instance = tmp_path / "served"
    server = LiveServer(instance, {k: json.dumps(v) if not isinstance(v, str) else v
                                   for k, v in {**lrs_settings(ralph),
                                                "SIMULATOR_TODAY": TEST_TODAY}.items()})
    server.start()
    try:
        # A learner's attempt written into the served kiosk's database (the test client shares
        # its instance folder); the server's own relay thread must deliver it.
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(instance),
                          "SIMULATOR_TODAY": TEST_TODAY, "XAPI_LRS_URL": None})
        learner = KioskClient(app.test_client(), app)
        play_connexion(learner)
        wait_for(lambda: counts(app)["pending"] == 0, 30, "the server's relay")
        held = {s["id"] for s in ralph.statements()}
        assert held == {r["id"] for r in outbox(app)}
    finally:
        server.stop()


def test_a_diagnostic_arrives_in_ralph_as_statements_of_its_own(app_with_lrs, ralph):
    """« Par où commencer ? »: Ralph accepts the choice interactions and the performances,
    and keeps them apart from any exercise (their own registration)."""
    from tests.support.diagnostic import play

    app = app_with_lrs
    learner = KioskClient(app.test_client(), app)
    learner.post("/code/nouveau")
    play(learner, sure=False)
    with app.test_request_context():
        rows = [dict(r) for r in get_db()["xapi_outbox"].rows_where(
            "diagnostic_id IS NOT NULL", order_by="rowid")]
    relay_until_idle(app)
    assert counts(app)["failed"] == 0
    registration = json.loads(rows[0]["statement"])["context"]["registration"]
    held = ralph.statements(f"registration={registration}")
    held.sort(key=lambda s: datetime.fromisoformat(s["timestamp"]))
    asked = sum(1 for row in rows if row["verb"] == "answered")  # one per procedure's parcours
    assert asked >= 3
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in held] == (
        ["initialized"] + ["attempted"] * 6 + ["answered"] * asked + ["completed", "terminated"])
    answered = next(s for s in held if s["verb"]["id"].endswith("/answered"))
    assert answered["result"]["response"] == "ne_sait_pas"
    assert answered["object"]["definition"]["interactionType"] == "choice"
    completed = next(s for s in held if s["verb"]["id"].endswith("/completed"))
    proposal = next(iter(completed["result"]["extensions"].values()))
    assert [p["parcours"] for p in proposal] == ["premiers-gestes", "premiers-pas-banque"]
