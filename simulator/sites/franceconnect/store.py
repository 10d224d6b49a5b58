"""All SQL of FranceConnect. Every function takes the world's database first; those that
change something are called inside the caller's ``write_transaction``."""

from __future__ import annotations

import secrets
import time

import sqlite_utils


def new_request(db: sqlite_utils.Database, service: str) -> dict:
    row = {"service": service, "state": secrets.token_urlsafe(24),
           "nonce": secrets.token_urlsafe(24), "status": "started", "created_at": time.time()}
    row["id"] = db["fc_requests"].insert(row).last_pk
    return row


def request_by_state(db: sqlite_utils.Database, state: str | None) -> dict | None:
    if not state or len(state) > 80:
        return None
    rows = list(db["fc_requests"].rows_where("state = ?", [state], limit=1))
    return rows[0] if rows else None


def update_request(db: sqlite_utils.Database, request_id: int, **changes) -> None:
    db["fc_requests"].update(request_id, changes)


def issue_code(db: sqlite_utils.Database, request_id: int) -> str:
    code = secrets.token_urlsafe(24)
    update_request(db, request_id, status="code_issued", code=code, code_at=time.time())
    return code


def session(db: sqlite_utils.Database) -> dict:
    return next(db["fc_session"].rows_where(limit=1), {"provider": None, "connected": 0})


def open_session(db: sqlite_utils.Database, provider: str) -> None:
    db["fc_session"].upsert({"id": 1, "provider": provider, "connected": 1}, pk="id")


def close_session(db: sqlite_utils.Database) -> None:
    db["fc_session"].upsert({"id": 1, "provider": None, "connected": 0}, pk="id")


def account(db: sqlite_utils.Database, provider: str) -> dict | None:
    rows = list(db["fc_accounts"].rows_where("provider = ?", [provider], limit=1))
    return rows[0] if rows else None


def record_failure(db: sqlite_utils.Database, provider: str) -> int:
    db.execute("UPDATE fc_accounts SET failures = failures + 1 WHERE provider = ?", [provider])
    found = account(db, provider)
    return found["failures"] if found else 0


def reset_failures(db: sqlite_utils.Database, provider: str) -> None:
    db.execute("UPDATE fc_accounts SET failures = 0 WHERE provider = ?", [provider])


def identity(db: sqlite_utils.Database) -> dict | None:
    return next(db["fc_identity"].rows_where(limit=1), None)
