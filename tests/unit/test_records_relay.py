"""The relay against a scripted LRS: each answer treated as reference §5.5 says, backoff,
the headers, the stored bytes sent as they are, and one relay per kiosk database."""

from __future__ import annotations

import base64
import fcntl
import json
import threading
import time
import uuid

import pytest

from kiosk.migrations import migrations
from kiosk.records import relay as relay_module
from kiosk.records import store
from kiosk.records.lrs import RelaySettings, statements_url
from simulator import db as dbhelpers
from simulator.db import write_transaction
from tests.support.fake_lrs import FakeLRS


@pytest.fixture()
def db_path(tmp_path):
    path = tmp_path / "kiosk.db"
    db = dbhelpers.connect(path, wal=True)
    dbhelpers.apply_migrations(db, [migrations])
    db.conn.close()
    return str(path)


@pytest.fixture()
def lrs():
    server = FakeLRS().start()
    yield server
    server.stop()


def settings_for(lrs: FakeLRS | None, **changes) -> RelaySettings:
    base = dict(statements_url=statements_url(lrs.endpoint) if lrs else None, username="kiosk",
                password="s3cret", batch_size=50, timeout=2.0, retry_min=30, retry_max=3600,
                max_tries=3, auth_pause=600, poll=0.05)
    return RelaySettings(**{**base, **changes})


def queue(db_path: str, count: int, attempt_id: int = 1) -> list[str]:
    ids = [str(uuid.uuid4()) for _ in range(count)]
    db = dbhelpers.connect(db_path)
    with write_transaction(db):
        store.enqueue(db, [{
            "id": i, "attempt_id": attempt_id, "learner_code": None, "verb": "interacted",
            "timestamp": time.time() + n / 1000,
            "statement": json.dumps({"id": i, "verb": {"id": "x"}, "n": n}, separators=(",", ":")),
        } for n, i in enumerate(ids)])
    db.conn.close()
    return ids


def rows(relay) -> dict[str, dict]:
    return {r["id"]: r for r in relay.db["xapi_outbox"].rows}


@pytest.fixture()
def make_relay(db_path):
    made = []

    def make(settings):
        made.append(relay_module.Relay(db_path, settings))
        return made[-1]

    yield make
    for relay in made:
        relay.close()


def test_a_batch_is_the_stored_bytes_with_the_xapi_headers(db_path, lrs, make_relay):
    ids = queue(db_path, 3)
    relay = make_relay(settings_for(lrs))
    stored = [r["statement"] for r in relay.db["xapi_outbox"].rows_where(order_by="rowid")]
    assert relay.run_once() == "sent"
    method, path, headers, body = lrs.requests[0]
    assert (method, path) == ("POST", "/xAPI/statements")
    assert body.decode() == "[" + ",".join(stored) + "]"
    assert headers["x-experience-api-version"] == "1.0.3"
    assert headers["content-type"] == "application/json"
    assert headers["authorization"] == "Basic " + base64.b64encode(b"kiosk:s3cret").decode()
    assert {r["status"] for r in rows(relay).values()} == {"sent"}
    assert [r["last_status"] for r in rows(relay).values()] == [200] * 3
    assert store.relay_status(relay.db)["state"] == "ok"
    assert relay.run_once() == "idle" and len(lrs.requests) == 1
    assert lrs.posted_ids() == [ids]


def test_batches_keep_the_queue_order_and_size(db_path, lrs, make_relay):
    ids = queue(db_path, 5)
    relay = make_relay(settings_for(lrs, batch_size=2))
    while relay.run_once() == "sent":
        pass
    assert lrs.posted_ids() == [ids[:2], ids[2:4], ids[4:]]


def test_204_means_already_stored(db_path, lrs, make_relay):
    queue(db_path, 2)
    lrs.answer(204)
    relay = make_relay(settings_for(lrs))
    assert relay.run_once() == "sent"
    assert {r["status"] for r in rows(relay).values()} == {"sent"}


def test_409_for_our_own_statement_is_sent_for_another_is_failed(db_path, lrs, make_relay):
    mine, theirs = queue(db_path, 2)
    relay = make_relay(settings_for(lrs))
    lrs.stored[mine] = json.loads(rows(relay)[mine]["statement"])  # a retry of ours
    lrs.stored[theirs] = {"id": theirs, "verb": {"id": "y"}}  # another statement, same id
    lrs.on_post = lambda ids: (409, b'{"detail":"Differing statements"}')
    assert relay.run_once() == "sent"
    found = rows(relay)
    assert (found[mine]["status"], found[mine]["last_status"]) == ("sent", 409)
    assert (found[theirs]["status"], found[theirs]["last_status"]) == ("failed", 409)
    assert "different statement" in found[theirs]["last_error"]
    # The batch of two was split, then each one checked with GET ?statementId=.
    assert lrs.posted_ids() == [[mine, theirs], [mine], [theirs]]
    assert [p for m, p, _, _ in lrs.requests if m == "GET"] == [
        f"/xAPI/statements?statementId={mine}", f"/xAPI/statements?statementId={theirs}"]


@pytest.mark.parametrize("status", [400, 413, 422])
def test_a_refused_statement_is_found_in_its_batch_and_failed_not_retried(
        db_path, lrs, make_relay, status):
    good1, bad, good2 = queue(db_path, 3)
    lrs.on_post = lambda ids: (status, b'{"detail":"invalid"}') if bad in ids else None
    relay = make_relay(settings_for(lrs))
    assert relay.run_once() == "sent"
    found = rows(relay)
    assert [found[i]["status"] for i in (good1, bad, good2)] == ["sent", "failed", "sent"]
    assert found[bad]["last_status"] == status and "invalid" in found[bad]["last_error"]
    sent_before = len(lrs.requests)
    assert relay.run_once() == "idle" and len(lrs.requests) == sent_before


@pytest.mark.parametrize("status", [401, 403, 404])
def test_refused_credentials_or_a_wrong_address_pause_the_relay(db_path, lrs, make_relay, status):
    queue(db_path, 2)
    lrs.answer(status, b'{"detail":"Invalid authentication credentials"}')
    relay = make_relay(settings_for(lrs))
    assert relay.run_once() == "paused"
    assert all(r["status"] == "pending" and r["tries"] == 0 for r in rows(relay).values())
    said = store.relay_status(relay.db)
    assert said["state"] == "paused" and str(status) in said["detail"]
    assert relay.run_once() == "sent"  # the next try goes through (default answer)


@pytest.mark.parametrize("status", [500, 503, 429])
def test_server_errors_are_retried_later_then_failed(db_path, lrs, make_relay, status):
    (only,) = queue(db_path, 1)
    lrs.on_post = lambda ids: (status, b"busy")
    relay = make_relay(settings_for(lrs, retry_min=30, max_tries=3))
    assert relay.run_once() == "retry"
    row = rows(relay)[only]
    assert (row["status"], row["tries"], row["last_status"]) == ("pending", 1, status)
    assert time.time() + 30 * 0.5 - 1 <= row["next_attempt_at"] <= time.time() + 60 * 1.0 + 1
    assert relay.run_once() == "idle"  # not due yet
    for _tries in (2, 3):
        relay.db.execute("UPDATE xapi_outbox SET next_attempt_at = 0")
        assert relay.run_once() == "retry"
    row = rows(relay)[only]
    assert (row["status"], row["tries"]) == ("failed", 3)
    assert store.counts(relay.db) == {"pending": 0, "sent": 0, "failed": 1}


def test_no_answer_leaves_the_rows_as_they_were(db_path, lrs, make_relay):
    queue(db_path, 2)
    relay = make_relay(settings_for(lrs))
    lrs.stop()  # connection refused
    assert relay.run_once() == "offline"
    assert all(r["status"] == "pending" and r["tries"] == 0 for r in rows(relay).values())
    said = store.relay_status(relay.db)
    assert said["state"] == "offline" and "does not answer" in said["detail"]


def test_a_timeout_is_no_answer_and_the_retry_is_the_same_statement(db_path, lrs, make_relay):
    (only,) = queue(db_path, 1)
    lrs.hold_seconds = 5
    relay = make_relay(settings_for(lrs, timeout=0.3))
    assert relay.run_once() == "offline"
    lrs.hold_seconds = 0
    lrs.delay.set()
    assert relay.run_once() == "sent"
    first, second = [body for m, _, _, body in lrs.requests if m == "POST"]
    assert first == second  # byte for byte: the LRS can tell it is the same statement


def test_no_lrs_configured_keeps_everything_queued(db_path, make_relay):
    queue(db_path, 1)
    relay = make_relay(settings_for(None))
    assert relay.run_once() == "unconfigured"
    assert store.counts(relay.db)["pending"] == 1


def test_backoff_doubles_with_jitter_up_to_the_ceiling(db_path, make_relay):
    relay = make_relay(settings_for(None, retry_min=30, retry_max=3600))
    for failures, ceiling in [(1, 30), (2, 60), (3, 120), (8, 3600), (30, 3600)]:
        for _ in range(20):
            assert ceiling * 0.5 <= relay.backoff(failures) <= ceiling


def test_the_endpoint_may_be_given_with_or_without_statements():
    assert statements_url("https://lrs.example/xAPI") == "https://lrs.example/xAPI/statements"
    assert statements_url("https://lrs.example/xAPI/") == "https://lrs.example/xAPI/statements"
    assert statements_url("https://lrs.example/xAPI/statements/") == (
        "https://lrs.example/xAPI/statements")
    assert statements_url("") is None and statements_url(None) is None


def test_one_relay_per_database_the_other_waits_for_the_lock(db_path, lrs, monkeypatch):
    monkeypatch.setattr(relay_module, "ELECTION_SECONDS", 0.05)
    ids = queue(db_path, 2)
    stop, waiting = threading.Event(), threading.Event()
    with relay_module.lock_path(db_path).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another relay (a worker, systemd) has it
        thread = threading.Thread(target=relay_module.run_when_elected,
                                  args=(db_path, settings_for(lrs), stop, waiting.set))
        thread.start()
        assert waiting.wait(5)
        assert lrs.requests == []
        fcntl.flock(held, fcntl.LOCK_UN)  # that process ended
    deadline = time.monotonic() + 10
    while lrs.posted_ids() != [ids] and time.monotonic() < deadline:
        time.sleep(0.02)
    stop.set()
    thread.join(5)
    assert lrs.posted_ids() == [ids] and not thread.is_alive()


def test_start_in_background_only_with_an_lrs_and_when_asked(db_path, lrs):
    config = {"KIOSK_DATABASE": db_path, "XAPI_LRS_URL": None, "XAPI_RELAY_IN_SERVER": True,
              "XAPI_BATCH_SIZE": 50, "XAPI_TIMEOUT_SECONDS": 2, "XAPI_RETRY_MIN_SECONDS": 1,
              "XAPI_RETRY_MAX_SECONDS": 2, "XAPI_MAX_TRIES": 3, "XAPI_AUTH_PAUSE_SECONDS": 5,
              "XAPI_RELAY_POLL_SECONDS": 0.05, "XAPI_KEEP_SENT_DAYS": 30}
    assert relay_module.start_in_background(config) is None
    assert relay_module.start_in_background(
        {**config, "XAPI_LRS_URL": lrs.endpoint, "XAPI_RELAY_IN_SERVER": False}) is None
    ids = queue(db_path, 1)
    stop = threading.Event()
    thread = relay_module.start_in_background({**config, "XAPI_LRS_URL": lrs.endpoint}, stop)
    assert thread is not None and thread.daemon
    deadline = time.monotonic() + 10
    while lrs.posted_ids() != [ids] and time.monotonic() < deadline:
        time.sleep(0.02)
    stop.set()
    thread.join(5)
    assert lrs.posted_ids() == [ids] and not thread.is_alive()
