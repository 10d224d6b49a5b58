"""All SQL of the learning records: the xAPI outbox and the relay's last word (kiosk.db)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import sqlite_utils

from simulator.db import write_transaction

STATUSES = ("pending", "sent", "failed")


def enqueue(db: sqlite_utils.Database, rows: list[dict]) -> None:
    """Add statements to the outbox. Runs inside the caller's transaction (the one that
    changed the attempt): the attempt and its statements are committed together or not at all.
    Each row: id, attempt_id, learner_code, verb, statement (JSON text), timestamp."""
    now = time.time()
    db["xapi_outbox"].insert_all(
        [{**row, "created_at": now, "status": "pending", "tries": 0, "next_attempt_at": now}
         for row in rows])


def last_timestamp(db: sqlite_utils.Database, attempt_id: int) -> float | None:
    row = db.execute("SELECT MAX(timestamp) FROM xapi_outbox WHERE attempt_id = ?",
                     [attempt_id]).fetchone()
    return row[0]


def last_timestamp_of_diagnostic(db: sqlite_utils.Database, diagnostic_id: int) -> float | None:
    row = db.execute("SELECT MAX(timestamp) FROM xapi_outbox WHERE diagnostic_id = ?",
                     [diagnostic_id]).fetchone()
    return row[0]


def verbs_of_attempt(db: sqlite_utils.Database, attempt_id: int) -> list[str]:
    return [r[0] for r in db.execute(
        "SELECT verb FROM xapi_outbox WHERE attempt_id = ? ORDER BY timestamp, rowid",
        [attempt_id])]


def due(db: sqlite_utils.Database, now: float, limit: int) -> list[dict]:
    """The oldest pending statements whose turn has come, in the order they were queued."""
    return [{"id": r[0], "statement": r[1], "tries": r[2]} for r in db.execute(
        "SELECT id, statement, tries FROM xapi_outbox WHERE status = 'pending' "
        "AND next_attempt_at <= ? ORDER BY rowid LIMIT ?", [now, limit])]


def next_due_at(db: sqlite_utils.Database) -> float | None:
    return db.execute("SELECT MIN(next_attempt_at) FROM xapi_outbox "
                      "WHERE status = 'pending'").fetchone()[0]


def mark_sent(db: sqlite_utils.Database, ids: list[str], http_status: int) -> None:
    with write_transaction(db):
        db.conn.executemany(
            "UPDATE xapi_outbox SET status = 'sent', sent_at = ?, last_status = ?, "
            "last_error = NULL WHERE id = ? AND status = 'pending'",
            [(time.time(), http_status, i) for i in ids])


def mark_failed(db: sqlite_utils.Database, ids: list[str], http_status: int | None,
                error: str) -> None:
    with write_transaction(db):
        db.conn.executemany(
            "UPDATE xapi_outbox SET status = 'failed', tries = tries + 1, last_status = ?, "
            "last_error = ? WHERE id = ? AND status = 'pending'",
            [(http_status, error[:1000], i) for i in ids])


def retry_later(db: sqlite_utils.Database, schedule: dict[str, float], http_status: int | None,
                error: str) -> None:
    """schedule: id → when to try again. One more try is counted for each."""
    with write_transaction(db):
        db.conn.executemany(
            "UPDATE xapi_outbox SET tries = tries + 1, next_attempt_at = ?, last_status = ?, "
            "last_error = ? WHERE id = ? AND status = 'pending'",
            [(when, http_status, error[:1000], i) for i, when in schedule.items()])


def requeue_failed(db: sqlite_utils.Database) -> int:
    """An operator's « re-queue »: every failed statement is pending again, from scratch."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE xapi_outbox SET status = 'pending', tries = 0, next_attempt_at = ? "
            "WHERE status = 'failed'", [time.time()])
        return cursor.rowcount


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    found = dict(db.execute("SELECT status, COUNT(*) FROM xapi_outbox GROUP BY status"))
    return {status: found.get(status, 0) for status in STATUSES}


def oldest_pending_at(db: sqlite_utils.Database) -> float | None:
    return db.execute("SELECT MIN(created_at) FROM xapi_outbox "
                      "WHERE status = 'pending'").fetchone()[0]


def failures(db: sqlite_utils.Database, limit: int = 20) -> list[dict]:
    return list(db["xapi_outbox"].rows_where(
        "status = 'failed'", select="id, verb, tries, last_status, last_error, created_at",
        order_by="rowid", limit=limit))


def statements(db: sqlite_utils.Database, status: str | None = "pending") -> Iterator[str]:
    """The statements' JSON, in the order they were queued (all of them when status is None)."""
    where, params = ("WHERE status = ?", [status]) if status else ("", [])
    for (text,) in db.execute(f"SELECT statement FROM xapi_outbox {where} ORDER BY rowid",
                              params):
        yield text


def delete_sent_before(db: sqlite_utils.Database, before: float) -> int:
    """The LRS holds them: the local copies go after a while (pending and failed never do)."""
    with write_transaction(db):
        return db.execute("DELETE FROM xapi_outbox WHERE status = 'sent' AND sent_at < ?",
                          [before]).rowcount


def forget_learner(db: sqlite_utils.Database, code: str) -> int:
    """Deleting a learner code deletes its statements too, even those not yet sent.
    Runs in the caller's transaction."""
    return db.execute("DELETE FROM xapi_outbox WHERE learner_code = ?", [code]).rowcount


def delete_attempts_statements(db: sqlite_utils.Database, attempt_ids: list[int]) -> int:
    """For a purge of old attempts (runs in the caller's transaction)."""
    return sum(db.execute("DELETE FROM xapi_outbox WHERE attempt_id = ?", [i]).rowcount
               for i in attempt_ids)


# --- what the relay last saw ------------------------------------------------------------------

def set_relay_status(db: sqlite_utils.Database, state: str, detail: str = "",
                     sent: bool = False) -> None:
    now = time.time()
    with write_transaction(db):
        db.execute(
            "INSERT INTO xapi_relay_status (id, state, detail, updated_at, last_sent_at) "
            "VALUES (1, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state, "
            "detail = excluded.detail, updated_at = excluded.updated_at, "
            "last_sent_at = COALESCE(excluded.last_sent_at, xapi_relay_status.last_sent_at)",
            [state, detail[:500], now, now if sent else None])


def relay_status(db: sqlite_utils.Database) -> dict | None:
    rows = list(db["xapi_relay_status"].rows_where("id = 1"))
    return rows[0] if rows else None
