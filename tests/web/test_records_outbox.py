"""The outbox through the test client: each attempt's statements are queued in cmi5 order, in
the coach's own transactions, with ids and timestamps fixed once, and nothing personal."""

from __future__ import annotations

import json
import re
import time
import uuid
from types import SimpleNamespace

import pytest
from flask import g

from kiosk import remote, sessions
from kiosk.database import get_db
from kiosk.records import store as records_store
from simulator.events import emit
from tests.support.attempts import (
    latest_attempt,
    outbox,
    play_connexion,
    session_id,
    start,
    wrong_code,
)
from tests.support.kiosk_client import KioskClient

HOME = "https://pasapas.example"


def verbs(rows: list[dict]) -> list[str]:
    return [r["verb"] for r in rows]


def test_a_passed_attempt_is_queued_in_cmi5_order(learner, app):
    play_connexion(learner, "guide", mistakes=1)
    attempt = latest_attempt(learner)
    rows = outbox(app, attempt["id"])
    assert verbs(rows) == ["initialized", "interacted", "interacted", "completed", "passed",
                           "terminated"]
    assert all(r["status"] == "pending" for r in rows)
    statements = [r["statement"] for r in rows]
    # Timestamps strictly increase, so an LRS orders them as cmi5 wants.
    stamps = [s["timestamp"] for s in statements]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert all(s["timestamp"].endswith("+00:00") for s in statements)
    # One registration and one cmi5 session per attempt, UUIDs, on every statement.
    registrations = {s["context"]["registration"] for s in statements}
    sessionids = {s["context"]["extensions"][
        "https://w3id.org/xapi/cmi5/context/extensions/sessionid"] for s in statements}
    assert len(registrations) == len(sessionids) == 1
    uuid.UUID(registrations.pop()), uuid.UUID(sessionids.pop())
    assert [r["id"] for r in rows] == [s["id"] for s in statements]
    assert all(uuid.UUID(r["id"]).version == 4 for r in rows)
    login, logout = statements[1], statements[2]
    scenario = f"{HOME}/xapi/activities/scenario/banque-connexion"
    assert login["object"]["id"] == f"{scenario}/step/connexion"
    assert login["object"]["definition"]["name"]["fr"] == (
        "Se connecter avec l'identifiant et le mot de passe")
    assert login["result"]["extensions"][f"{HOME}/xapi/extensions/mistakes"] == 1
    assert login["result"]["extensions"][f"{HOME}/xapi/extensions/hints-used"] == 1
    assert logout["result"]["extensions"][f"{HOME}/xapi/extensions/outcome"] == "alone"
    passed = statements[4]
    assert passed["result"]["score"]["scaled"] == attempt["score"]
    assert passed["result"]["success"] is True
    assert passed["context"]["extensions"][f"{HOME}/xapi/extensions/mode"] == "guide"


def test_a_guest_is_an_anonymous_account_that_leads_nowhere(learner, app):
    play_connexion(learner)
    start(learner, "guide")  # a second attempt in the same kiosk session
    sid = session_id(learner)
    rows = outbox(app)
    actors = {json.dumps(r["statement"]["actor"], sort_keys=True) for r in rows}
    assert len(actors) == 1  # the same guest for the whole kiosk session
    account = rows[0]["statement"]["actor"]["account"]
    assert account["homePage"] == HOME and re.fullmatch(r"invite-[0-9a-f]{16}", account["name"])
    everything = " ".join(json.dumps(r["statement"]) for r in rows)
    assert sid not in everything and latest_attempt(learner)["world_id"] not in everything
    assert "mbox" not in everything and "Martine" not in json.dumps(
        [r["statement"]["actor"] for r in rows])
    other = KioskClient(app.test_client(), app)
    play_connexion(other)
    assert outbox(app)[-1]["statement"]["actor"]["account"]["name"] != account["name"]


def test_a_learner_code_is_the_account_name(app):
    learner = KioskClient(app.test_client(), app)
    learner.get("/code")
    card = learner.soup(learner.post("/code/nouveau"))
    code = card.select_one(".code-card__code").get_text(strip=True)
    play_connexion(learner)
    rows = outbox(app)
    assert {r["statement"]["actor"]["account"]["name"] for r in rows} == {code}
    assert {r["learner_code"] for r in rows} == {code}


def test_stopping_queues_abandoned_last_and_nothing_after(learner, app):
    start(learner, "guide")
    learner.login()
    learner.post("/coach/arreter")
    rows = outbox(app, latest_attempt(learner)["id"])
    assert verbs(rows) == ["initialized", "interacted", "abandoned"]
    abandoned = rows[-1]["statement"]
    assert abandoned["verb"]["id"] == "https://w3id.org/xapi/adl/verbs/abandoned"
    assert abandoned["result"]["extensions"][f"{HOME}/xapi/extensions/end-reason"] == "stopped"
    assert re.fullmatch(r"PT.*S", abandoned["result"]["duration"])
    learner.end()  # the session ends after the attempt did: nothing more to say
    assert verbs(outbox(app, rows[0]["attempt_id"])) == verbs(rows)


@pytest.mark.parametrize("how", ["finished", "adviser", "expired", "restarted"])
def test_a_session_wiped_before_the_end_abandons_the_attempt(learner, app, how):
    start(learner, "entrainement")
    attempt_id = latest_attempt(learner)["id"]
    sid = session_id(learner)
    if how == "finished":
        learner.end()
    elif how == "adviser":
        with app.test_request_context():
            remote.end(sid)
    elif how == "expired":
        with app.test_request_context():
            get_db().execute("UPDATE sessions SET last_seen = ? WHERE id = ?",
                             [time.time() - 86400, sid])
            sessions.sweep(app)
    else:
        start(learner, "guide")  # another exercise
    rows = outbox(app, attempt_id)
    assert verbs(rows) == ["initialized", "abandoned"]
    assert rows[-1]["statement"]["result"]["extensions"][
        f"{HOME}/xapi/extensions/end-reason"] == how


def test_an_irreversible_mistake_fails_without_completed(learner, app):
    start(learner, "guide", "banque-carte-perdue")
    attempt = latest_attempt(learner)
    with app.test_request_context():
        g.world = SimpleNamespace(id=attempt["world_id"], close=lambda: None)
        emit("banque.card.opposed", card="Visa Classic")  # cancelled for good: the end
    assert latest_attempt(learner)["status"] == "failed"
    rows = outbox(app, attempt["id"])
    assert verbs(rows) == ["initialized", "failed", "terminated"]
    assert rows[1]["statement"]["result"]["success"] is False


def test_the_step_result_and_its_statement_are_committed_together(learner, app, monkeypatch):
    start(learner, "autonomie")
    before = latest_attempt(learner)

    def broken_outbox(db, rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr(records_store, "enqueue", broken_outbox)
    with pytest.raises(RuntimeError):
        learner.login()
    monkeypatch.undo()
    after = latest_attempt(learner)
    assert after["current_step"] == before["current_step"] == 0  # the step was not recorded
    with app.test_request_context():
        assert get_db()["step_results"].count == 0
    assert verbs(outbox(app, after["id"])) == ["initialized"]


def test_a_mistake_alone_queues_nothing(learner, app):
    start(learner, "guide")
    wrong_code(learner)
    assert verbs(outbox(app, latest_attempt(learner)["id"])) == ["initialized"]


def test_the_outbox_counts_and_requeue(learner, app):
    play_connexion(learner)
    with app.test_request_context():
        db = get_db()
        ids = [r["id"] for r in outbox(app)]
        records_store.mark_failed(db, ids[:2], 400, "bad")
        records_store.mark_sent(db, ids[2:3], 200)
        assert records_store.counts(db) == {"pending": 3, "sent": 1, "failed": 2}
        assert records_store.requeue_failed(db) == 2
        assert records_store.counts(db) == {"pending": 5, "sent": 1, "failed": 0}
        assert records_store.forget_learner(db, "AAA-AAA") == 0
