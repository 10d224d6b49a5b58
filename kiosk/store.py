"""All SQL of the kiosk database (instance/kiosk.db)."""

from __future__ import annotations

import json
import time

import sqlite_utils

from simulator.db import write_transaction


def load_session(db: sqlite_utils.Database, sid: str) -> dict | None:
    row = db.execute(
        "SELECT id, created_at, last_seen, world_id, data FROM sessions WHERE id = ?", [sid]
    ).fetchone()
    if row is None:
        return None
    return {
        "id": row[0],
        "created_at": row[1],
        "last_seen": row[2],
        "world_id": row[3],
        "data": json.loads(row[4] or "{}"),
    }


def create_session(db, sid: str, now: float, world_id: str | None, data: dict) -> None:
    with write_transaction(db):
        db["sessions"].insert(
            {"id": sid, "created_at": now, "last_seen": now, "world_id": world_id,
             "data": json.dumps(data)}
        )


def save_session(db, sid: str, now: float, world_id: str | None, data: dict) -> None:
    db.execute(
        "UPDATE sessions SET last_seen = ?, world_id = ?, data = ? WHERE id = ?",
        [now, world_id, json.dumps(data), sid],
    )


def touch_session(db, sid: str, now: float) -> None:
    db.execute("UPDATE sessions SET last_seen = ? WHERE id = ?", [now, sid])


def delete_session(db, sid: str) -> str | None:
    """Delete a session row; returns the world it owned so the caller can wipe it."""
    with write_transaction(db):
        row = db.execute("SELECT world_id FROM sessions WHERE id = ?", [sid]).fetchone()
        db.execute("DELETE FROM sessions WHERE id = ?", [sid])
    return row[0] if row else None


def sessions_idle_since(db, before: float) -> list[tuple[str, float, dict]]:
    """The sessions without a request since ``before``: id, last request, data."""
    return [(sid, last_seen, json.loads(data or "{}")) for sid, last_seen, data in db.execute(
        "SELECT id, last_seen, data FROM sessions WHERE last_seen < ?", [before])]


def owned_worlds(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT world_id FROM sessions WHERE world_id IS NOT NULL")}


def count_sessions(db) -> int:
    return db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]


# --- kiosks (terminals) and the notices the adviser sends them ------------------------------

def record_heartbeat(db, kiosk_id: str, now: float, session_id: str | None, page: str, *,
                     every: float = 0.0) -> bool:
    """The kiosk is alive, on this page, with this session. Written only when something
    changed or the last beat written is ``every`` seconds old: heartbeats come from every
    screen every few seconds, and each write would queue behind the others."""
    row = db.execute("SELECT last_beat, session_id, page FROM kiosks WHERE id = ?",
                     [kiosk_id]).fetchone()
    if row and row[1] == session_id and row[2] == page and now - row[0] < every:
        return False
    db.execute(  # one statement: atomic, and the write lock taken at once
        "INSERT INTO kiosks (id, first_seen, last_beat, session_id, page)"
        " VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET last_beat = excluded.last_beat,"
        " session_id = excluded.session_id, page = excluded.page",
        [kiosk_id, now, now, session_id, page])
    return True


def kiosks(db) -> list[dict]:
    return list(db["kiosks"].rows_where(order_by="id"))


def add_notice(db, session_id: str, kind: str, text: str = "", seconds: int = 0) -> None:
    """kind: message (text), help_ack (« J'arrive »), extend (seconds more), end."""
    with write_transaction(db):
        db["kiosk_notices"].insert({"session_id": session_id, "kind": kind, "text": text,
                                    "seconds": seconds, "created_at": time.time(),
                                    "delivered_at": None})


def take_notices(db, session_id: str) -> list[dict]:
    """The notices not yet shown on this session's screen, marked as delivered."""
    if not db.execute("SELECT 1 FROM kiosk_notices WHERE session_id = ? AND delivered_at IS NULL",
                      [session_id]).fetchone():
        return []  # the usual answer, read without taking the write lock
    with write_transaction(db):
        rows = list(db["kiosk_notices"].rows_where(
            "session_id = ? AND delivered_at IS NULL", [session_id], order_by="id"))
        if rows:
            db.execute("UPDATE kiosk_notices SET delivered_at = ? WHERE session_id = ? AND "
                       "delivered_at IS NULL", [time.time(), session_id])
    return rows
