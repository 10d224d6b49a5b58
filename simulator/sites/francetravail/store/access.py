"""The job seeker's account and the state of their online access."""

from __future__ import annotations

import json
import time

import sqlite_utils

from simulator.world import rng


def account(db: sqlite_utils.Database) -> dict:
    row = db["ft_account"].get(1)
    row["address_lines"] = json.loads(row["address"] or "[]")
    row["agency_lines"] = json.loads(row["agency"] or "[]")
    return row


def update_account(db: sqlite_utils.Database, **changes) -> None:
    db["ft_account"].update(1, changes)


def open_online_session(db: sqlite_utils.Database) -> None:
    update_account(db, connected=1, login_step="", failed_passwords=0)


def close_online_session(db: sqlite_utils.Database) -> None:
    update_account(db, connected=0, login_step="")


def record_password_failure(db: sqlite_utils.Database, max_failures: int) -> int:
    """One more wrong password; lock the space at ``max_failures``. Returns the failures."""
    failures = account(db)["failed_passwords"] + 1
    update_account(db, failed_passwords=failures, blocked=int(failures >= max_failures),
                   login_step="" if failures >= max_failures else "password")
    return failures


def new_code(db: sqlite_utils.Database, purpose: str) -> str:
    """A 6-digit code for the SMS (the previous ones of the same purpose stop working)."""
    code = f"{rng(db, purpose).randrange(1_000_000):06d}"
    db.execute("UPDATE ft_codes SET used = 1 WHERE purpose = ?", [purpose])
    db["ft_codes"].insert({"purpose": purpose, "code": code, "created_at": time.time()})
    return code


def pending_code(db: sqlite_utils.Database, purpose: str) -> dict | None:
    rows = list(db["ft_codes"].rows_where("purpose = ? AND used = 0", [purpose],
                                          order_by="id DESC", limit=1))
    return rows[0] if rows else None


def use_code(db: sqlite_utils.Database, code_id: int) -> None:
    db.execute("UPDATE ft_codes SET used = 1 WHERE id = ?", [code_id])


def record_code_failure(db: sqlite_utils.Database, code_id: int, max_failures: int) -> int:
    db.execute("UPDATE ft_codes SET failures = failures + 1 WHERE id = ?", [code_id])
    failures = db.execute("SELECT failures FROM ft_codes WHERE id = ?", [code_id]).fetchone()[0]
    if failures >= max_failures:
        use_code(db, code_id)
    return failures
