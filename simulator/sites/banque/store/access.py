"""The customer, the state of their online access, and the keypad on display."""

from __future__ import annotations

import json
import random
import time

import sqlite_utils

from simulator.sites.banque import keypad
from simulator.world import rng


def customer(db: sqlite_utils.Database) -> dict:
    # Plain SQL: sqlite-utils' ``db["customer"].get`` first asks sqlite_master about the table
    # (five statements); every page of the customer space reads this row.
    cursor = db.execute("SELECT * FROM customer WHERE id = 1")
    row = dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))
    row["address_lines"] = json.loads(row["address"] or "[]")
    return row


def update_customer(db: sqlite_utils.Database, **changes) -> None:
    db["customer"].update(1, changes)


def record_code_failure(db: sqlite_utils.Database, max_failures: int) -> int:
    """Count one more wrong secret code; block the access at ``max_failures``. Returns failures."""
    failures = customer(db)["failed_codes"] + 1
    update_customer(db, failed_codes=failures, blocked=int(failures >= max_failures))
    return failures


def open_online_session(db: sqlite_utils.Database, *, strong_auth_needed: bool) -> None:
    update_customer(db, connected=1, failed_codes=0, last_activity=time.time(),
                    strong_auth_pending=int(strong_auth_needed))


def close_online_session(db: sqlite_utils.Database) -> None:
    update_customer(db, connected=0, strong_auth_pending=0)


def unblock(db: sqlite_utils.Database) -> None:
    """What the adviser does for a learner who typed three wrong codes."""
    update_customer(db, blocked=0, failed_codes=0)


def new_keypad(db: sqlite_utils.Database, *, seed: int | None = None,
               accessible: bool = False) -> list[str | None]:
    """Draw (and remember) the layout of the keypad about to be displayed."""
    if accessible:
        layout = keypad.ordered_layout()
    else:
        draw = random.Random(seed) if seed is not None else rng(db, "keypad")
        layout = keypad.shuffled_layout(draw)
    db["keypad"].upsert({"id": 1, "layout": keypad.dump(layout), "shown_at": time.time()}, pk="id")
    return layout


def current_keypad(db: sqlite_utils.Database) -> list[str | None] | None:
    row = db.execute("SELECT layout FROM keypad WHERE id = 1").fetchone()
    return keypad.load(row[0]) if row else None
