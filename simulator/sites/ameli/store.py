"""All SQL of the ameli account. Every function takes the world's database first; those that
change something are called inside the caller's ``write_transaction``."""

from __future__ import annotations

import json
import secrets
import time

import sqlite_utils

# --- the account and the access to it --------------------------------------------------------


def account(db: sqlite_utils.Database) -> dict | None:
    row = next(db["ameli_account"].rows_where(limit=1), None)
    if row is not None:
        row["person"] = json.loads(row["identity"] or "{}")
        row["children"] = json.loads(row["beneficiaries"] or "[]")
    return row


def update_account(db: sqlite_utils.Database, **changes) -> None:
    db["ameli_account"].update(1, changes)


def record_failure(db: sqlite_utils.Database, column: str, limit: int) -> int:
    """One more wrong code personnel or security code; the account locks at ``limit``."""
    failures = account(db)[column] + 1
    update_account(db, **{column: failures, "locked": int(failures >= limit)})
    return failures


def open_session(db: sqlite_utils.Database, via: str) -> None:
    update_account(db, connected=1, connected_via=via, code_pending=0, password_failures=0,
                   code_failures=0, code_requests=0)
    use_codes(db)


def close_session(db: sqlite_utils.Database) -> None:
    update_account(db, connected=0, code_pending=0)


def new_code(db: sqlite_utils.Database, code: str, sent_at: float | None = None) -> None:
    """A new security code replaces the one before (which can no longer be used)."""
    use_codes(db)
    db["ameli_codes"].insert({"code": code, "sent_at": sent_at or time.time()})
    db.execute("UPDATE ameli_account SET code_requests = code_requests + 1, code_pending = 1")


def latest_code(db: sqlite_utils.Database) -> dict | None:
    return next(db["ameli_codes"].rows_where(order_by="id DESC", limit=1), None)


def code_was_sent(db: sqlite_utils.Database, code: str) -> bool:
    """Was this code sent before (a code used already, or replaced by a newer one)?"""
    return bool(db.execute("SELECT 1 FROM ameli_codes WHERE code = ? AND used = 1 LIMIT 1",
                           [code]).fetchone())


def use_codes(db: sqlite_utils.Database) -> None:
    db.execute("UPDATE ameli_codes SET used = 1")


# --- « Mes paiements » -------------------------------------------------------------------


def payments(db: sqlite_utils.Database) -> list[dict]:
    return list(db["ameli_payments"].rows_where(order_by="paid_on DESC, id"))


def payment_by_token(db: sqlite_utils.Database, token: str | None) -> dict | None:
    if not token or len(token) > 40:
        return None
    return next(db["ameli_payments"].rows_where("token = ?", [token], limit=1), None)


# --- « Mes démarches » -------------------------------------------------------------------


def declare_card(db: sqlite_utils.Database, reason: str, day: str) -> None:
    update_account(db, card_status="stolen" if reason == "vol" else "lost",
                   card_declared_on=day, card_reason_draft=None)


def change_iban(db: sqlite_utils.Database, iban: str, holder: str, day: str) -> None:
    update_account(db, iban=iban, holder=holder, iban_changed_on=day)


# --- « Ma messagerie » -------------------------------------------------------------------


def add_message(db: sqlite_utils.Database, *, subject: str, body: str, sender: str,
                written_at: str, visible_at: float | None = None, read: bool = False) -> str:
    token = secrets.token_urlsafe(9)
    db["ameli_messages"].insert({"token": token, "subject": subject, "body": body,
                                 "sender": sender, "written_at": written_at,
                                 "visible_at": visible_at or time.time(), "read": int(read)})
    return token


def visible_messages(db: sqlite_utils.Database) -> list[dict]:
    return list(db["ameli_messages"].rows_where("visible_at <= ?", [time.time()],
                                                order_by="id DESC"))


def message_by_token(db: sqlite_utils.Database, token: str | None) -> dict | None:
    if not token or len(token) > 40:
        return None
    return next(db["ameli_messages"].rows_where("token = ? AND visible_at <= ?",
                                                [token, time.time()], limit=1), None)


def mark_read(db: sqlite_utils.Database, message_id: int) -> None:
    db["ameli_messages"].update(message_id, {"read": 1})


def unread_count(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT COUNT(*) FROM ameli_messages WHERE sender = 'caisse' AND read = 0 "
                     "AND visible_at <= ?", [time.time()]).fetchone()
    return row[0]
