"""All SQL of the mailbox. Other sites send e-mails with :func:`deliver_mail`, the way the bank
sends SMS with ``deliver_sms``; they never touch these tables."""

from __future__ import annotations

import json
import secrets

import sqlite_utils
from flask import g, has_request_context

from simulator import clock
from simulator.db import first_row
from simulator.events import emit

KINDS = ("info", "code", "scam")
FOLDERS = ("inbox", "spam")


def deliver_mail(db: sqlite_utils.Database, *, sender_name: str, sender_address: str,
                 subject: str, body: str, kind: str = "info", topic: str = "",
                 links: list[str] | tuple[str, ...] = (), folder: str = "inbox",
                 received_at: str | None = None, announce: bool = True) -> str | None:
    """Put a new e-mail in the persona's mailbox (call inside the caller's transaction).

    ``links``: the web addresses written in ``body`` that the mailbox makes tappable (only those
    a replica answers for open; any other stays plain text). ``topic`` names what the mail is
    about (``impots.activation``), so that a scenario can wait for it to be read. Returns the
    mail's token, or ``None`` when the persona has no mailbox. ``announce=False`` (a world being
    prepared) reports no event.
    """
    if not db["mailbox"].count:
        return None
    if kind not in KINDS or folder not in FOLDERS:
        raise ValueError(f"kind {kind!r} / folder {folder!r}")
    token = secrets.token_urlsafe(12)
    db["mails"].insert({
        "token": token, "sender_name": sender_name, "sender_address": sender_address,
        "subject": subject, "body": body, "kind": kind, "topic": topic,
        "links": json.dumps(list(links)), "folder": folder,
        "received_at": received_at or clock.now().isoformat(timespec="seconds"),
    })
    if announce:
        emit("messagerie.mail.received", sender=sender_address, kind=kind, topic=topic)
        if has_request_context():
            g.mail_arrived = True  # the kiosk bar's button learns of it (HX-Trigger)
    return token


def mailbox(db: sqlite_utils.Database) -> dict | None:
    # Read on every page (the kiosk bar's button): plain SQL, no table introspection.
    return first_row(db, "SELECT * FROM mailbox LIMIT 1")


def address(db: sqlite_utils.Database) -> str | None:
    box = mailbox(db)
    return box["address"] if box else None


def _mail(row: dict) -> dict:
    row["links"] = json.loads(row["links"] or "[]")
    return row


def mails(db: sqlite_utils.Database, folder: str = "inbox") -> list[dict]:
    return [_mail(row) for row in db["mails"].rows_where(
        "deleted = 0 AND folder = ?", [folder], order_by="received_at DESC, id DESC")]


def mail(db: sqlite_utils.Database, token: str | None) -> dict | None:
    """The mail a link names (``None`` for a token of nothing, or of another world)."""
    if not token or len(token) > 64:
        return None
    rows = list(db["mails"].rows_where("token = ? AND deleted = 0", [token], limit=1))
    return _mail(rows[0]) if rows else None


def unread_count(db: sqlite_utils.Database, folder: str = "inbox") -> int:
    return db.execute("SELECT COUNT(*) FROM mails WHERE read = 0 AND deleted = 0 AND folder = ?",
                      [folder]).fetchone()[0]


def latest_unread(db: sqlite_utils.Database) -> dict | None:
    row = first_row(db, "SELECT * FROM mails WHERE read = 0 AND deleted = 0 "
                        "AND folder = 'inbox' ORDER BY id DESC LIMIT 1")
    return _mail(row) if row else None


def latest(db: sqlite_utils.Database, topic: str) -> dict | None:
    """The newest mail about ``topic`` (tests and the replica's « renvoyer le courriel »)."""
    rows = list(db["mails"].rows_where("topic = ? AND deleted = 0", [topic],
                                       order_by="id DESC", limit=1))
    return _mail(rows[0]) if rows else None


def mark_read(db: sqlite_utils.Database, mail_id: int) -> None:
    db.execute("UPDATE mails SET read = 1 WHERE id = ?", [mail_id])


def delete(db: sqlite_utils.Database, mail_id: int) -> None:
    db.execute("UPDATE mails SET deleted = 1 WHERE id = ?", [mail_id])


def report(db: sqlite_utils.Database, mail_id: int) -> None:
    """« Signaler comme indésirable »: the mail goes to « Courrier indésirable »."""
    db.execute("UPDATE mails SET reported = 1, folder = 'spam', read = 1 WHERE id = ?", [mail_id])


def not_spam(db: sqlite_utils.Database, mail_id: int) -> None:
    db.execute("UPDATE mails SET reported = 0, folder = 'inbox' WHERE id = ?", [mail_id])
