"""All SQL of the simulated phone."""

from __future__ import annotations

import sqlite_utils
from flask import g, has_request_context

from simulator import clock


def deliver_sms(db: sqlite_utils.Database, sender: str, body: str, kind: str = "info",
                link: str | None = None) -> int:
    """Put a new SMS on the phone (call inside the caller's transaction)."""
    sms_id = db["sms"].insert(
        {
            "sender": sender,
            "body": body,
            "kind": kind,
            "link": link,
            "received_at": clock.now().isoformat(timespec="seconds"),
        }
    ).last_pk
    if has_request_context():
        # Lets the kiosk tell the page that the phone has something new (HX-Trigger).
        g.phone_rang = True
    return sms_id


def phone(db: sqlite_utils.Database) -> dict:
    return next(db["phone"].rows_where(limit=1), {"number": "", "owner": ""})


def messages(db: sqlite_utils.Database) -> list[dict]:
    return list(db["sms"].rows_where("deleted = 0", order_by="received_at DESC, id DESC"))


def message(db: sqlite_utils.Database, sms_id: int) -> dict | None:
    rows = list(db["sms"].rows_where("id = ? AND deleted = 0", [sms_id]))
    return rows[0] if rows else None


def unread_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM sms WHERE read = 0 AND deleted = 0").fetchone()[0]


def latest_unread(db: sqlite_utils.Database) -> dict | None:
    # Plain SQL (the kiosk bar asks on every page; sqlite-utils would ask sqlite_master first).
    cursor = db.execute("SELECT * FROM sms WHERE read = 0 AND deleted = 0 ORDER BY id DESC "
                        "LIMIT 1")
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None


def mark_read(db: sqlite_utils.Database, sms_id: int) -> None:
    db.execute("UPDATE sms SET read = 1 WHERE id = ?", [sms_id])


def delete(db: sqlite_utils.Database, sms_id: int) -> None:
    db.execute("UPDATE sms SET deleted = 1 WHERE id = ?", [sms_id])


def report(db: sqlite_utils.Database, sms_id: int) -> None:
    db.execute("UPDATE sms SET reported = 1, deleted = 1 WHERE id = ?", [sms_id])
