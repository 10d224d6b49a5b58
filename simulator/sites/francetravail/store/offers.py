"""The job offers of the world and the applications sent."""

from __future__ import annotations

import json

import sqlite_utils


def offers(db: sqlite_utils.Database) -> list[dict]:
    return list(db["ft_offers"].rows_where(order_by="published_on DESC, id"))


def offer(db: sqlite_utils.Database, reference: str) -> dict | None:
    if not reference or len(reference) > 20:
        return None
    rows = list(db["ft_offers"].rows_where("reference = ?", [reference], limit=1))
    if not rows:
        return None
    row = rows[0]
    row["skills"] = json.loads(row["skills"] or "[]")
    return row


def application(db: sqlite_utils.Database, offer_id: int) -> dict | None:
    rows = list(db["ft_applications"].rows_where("offer_id = ?", [offer_id], order_by="id DESC",
                                                  limit=1))
    return rows[0] if rows else None


def save_application_draft(db: sqlite_utils.Database, offer_id: int, **fields) -> None:
    db.execute("DELETE FROM ft_applications WHERE offer_id = ? AND status = 'draft'", [offer_id])
    db["ft_applications"].insert({"offer_id": offer_id, "status": "draft", **fields})


def send_application(db: sqlite_utils.Database, application_id: int, sent_at: str) -> None:
    db.execute("UPDATE ft_applications SET status = 'sent', sent_at = ? WHERE id = ?",
               [sent_at, application_id])


def applications_sent(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query(
        "SELECT a.*, o.title, o.company, o.commune, o.reference FROM ft_applications a JOIN "
        "ft_offers o ON o.id = a.offer_id WHERE a.status = 'sent' ORDER BY a.sent_at DESC"))
