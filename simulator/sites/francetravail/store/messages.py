"""The messages exchanged with the adviser. A reply is written when the learner writes, with the
moment it « arrives » (``visible_at``); :func:`deliver_due_replies` makes it appear then."""

from __future__ import annotations

import secrets
import time

import sqlite_utils


def conversations(db: sqlite_utils.Database) -> list[dict]:
    """The first message of each conversation, newest first, with its unread replies."""
    now = time.time()
    return list(db.query(
        "SELECT m.*, (SELECT COUNT(*) FROM ft_messages r WHERE COALESCE(r.thread, r.id) = m.id "
        "AND r.read = 0 AND r.visible_at <= ?) AS unread, (SELECT MAX(r.sent_at) FROM "
        "ft_messages r WHERE COALESCE(r.thread, r.id) = m.id AND r.visible_at <= ?) AS last_at "
        "FROM ft_messages m WHERE m.thread IS NULL ORDER BY last_at DESC, m.id DESC",
        [now, now]))


def conversation(db: sqlite_utils.Database, token: str) -> list[dict]:
    """The messages of one conversation, oldest first (the replies that have arrived)."""
    if not token or len(token) > 40:
        return []
    first = next(db["ft_messages"].rows_where("token = ? AND thread IS NULL", [token], limit=1),
                 None)
    if first is None:
        return []
    return list(db["ft_messages"].rows_where(
        "(id = ? OR thread = ?) AND visible_at <= ?", [first["id"], first["id"], time.time()],
        order_by="id"))


def write(db: sqlite_utils.Database, *, subject: str, body: str, sent_at: str) -> int:
    return db["ft_messages"].insert({"token": secrets.token_urlsafe(9), "thread": None,
                                     "subject": subject, "author": "moi", "body": body,
                                     "sent_at": sent_at, "visible_at": 0.0}).last_pk


def schedule_reply(db: sqlite_utils.Database, thread: int, *, subject: str, body: str,
                   sent_at: str, visible_at: float) -> None:
    db["ft_messages"].insert({"token": secrets.token_urlsafe(9), "thread": thread,
                              "subject": subject, "author": "conseiller", "body": body,
                              "sent_at": sent_at, "visible_at": visible_at, "arrived": 0,
                              "read": 0})


def due_replies(db: sqlite_utils.Database) -> list[dict]:
    """Replies whose time has come and that nobody announced yet (a cheap read, every page)."""
    return list(db["ft_messages"].rows_where("arrived = 0 AND visible_at <= ?", [time.time()]))


def mark_arrived(db: sqlite_utils.Database, message_id: int) -> None:
    db.execute("UPDATE ft_messages SET arrived = 1 WHERE id = ?", [message_id])


def mark_read(db: sqlite_utils.Database, thread: int) -> list[dict]:
    """Read the conversation: returns the replies that were unread until now."""
    unread = list(db["ft_messages"].rows_where(
        "COALESCE(thread, id) = ? AND read = 0 AND visible_at <= ?", [thread, time.time()]))
    db.execute("UPDATE ft_messages SET read = 1 WHERE COALESCE(thread, id) = ? AND "
               "visible_at <= ?", [thread, time.time()])
    return unread


def unread_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM ft_messages WHERE read = 0 AND visible_at <= ?",
                      [time.time()]).fetchone()[0]
