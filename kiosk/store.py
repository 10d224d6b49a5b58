"""All SQL of the kiosk database (instance/kiosk.db)."""

from __future__ import annotations

import json

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


def expire_sessions(db, idle_before: float) -> list[str | None]:
    """Delete the sessions idle since before ``idle_before``; returns their worlds."""
    with write_transaction(db):
        worlds = [
            r[0]
            for r in db.execute("SELECT world_id FROM sessions WHERE last_seen < ?", [idle_before])
        ]
        db.execute("DELETE FROM sessions WHERE last_seen < ?", [idle_before])
    return worlds


def owned_worlds(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT world_id FROM sessions WHERE world_id IS NOT NULL")}


def count_sessions(db) -> int:
    return db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
