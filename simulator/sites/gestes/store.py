"""All SQL of the médiathèque: the pages seen and what the pages remember."""

from __future__ import annotations

import sqlite_utils

from simulator.db import write_transaction


def record_visit(db: sqlite_utils.Database, page: str) -> list[str]:
    """Note the page; returns the pages seen before it, the latest first (a few)."""
    with write_transaction(db):
        before = [row[0] for row in db.execute(
            "SELECT page FROM gestes_visits ORDER BY id DESC LIMIT 10")]
        db["gestes_visits"].insert({"page": page})
    return before


def remember(db: sqlite_utils.Database, key: str, value: str) -> None:
    with write_transaction(db):
        db["gestes_state"].upsert({"key": key, "value": value}, pk="key")


def recalled(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM gestes_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None
