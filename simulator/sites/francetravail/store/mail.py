"""Payments and courriers (« Mes paiements », « Mes courriers »)."""

from __future__ import annotations

import json
import secrets

import sqlite_utils


def payments(db: sqlite_utils.Database) -> list[dict]:
    return list(db["ft_payments"].rows_where(order_by="month DESC"))


def payment(db: sqlite_utils.Database, payment_id: int) -> dict | None:
    rows = list(db["ft_payments"].rows_where("id = ?", [payment_id], limit=1))
    return rows[0] if rows else None


def payment_by_token(db: sqlite_utils.Database, token: str) -> dict | None:
    if not token or len(token) > 40:
        return None
    rows = list(db["ft_payments"].rows_where("token = ?", [token], limit=1))
    return rows[0] if rows else None


def courriers(db: sqlite_utils.Database, *, unread_only: bool = False,
              since: str | None = None) -> list[dict]:
    where, params = ["1 = 1"], []
    if unread_only:
        where.append("read = 0")
    if since:
        where.append("day >= ?")
        params.append(since)
    return list(db["ft_courriers"].rows_where(" AND ".join(where), params,
                                              order_by="day DESC, id DESC"))


def courrier_by_token(db: sqlite_utils.Database, token: str) -> dict | None:
    if not token or len(token) > 40:
        return None
    rows = list(db["ft_courriers"].rows_where("token = ?", [token], limit=1))
    if not rows:
        return None
    row = rows[0]
    row["lines"] = json.loads(row["lines"] or "[]")
    return row


def latest_of_kind(db: sqlite_utils.Database, kind: str) -> dict | None:
    rows = list(db["ft_courriers"].rows_where("kind = ?", [kind], order_by="day DESC, id DESC",
                                              limit=1))
    return rows[0] if rows else None


def mark_read(db: sqlite_utils.Database, courrier_id: int) -> None:
    db.execute("UPDATE ft_courriers SET read = 1 WHERE id = ?", [courrier_id])


def add_courrier(db: sqlite_utils.Database, *, day: str, kind: str, subject: str,
                 lines: list[str] | None = None) -> str:
    token = secrets.token_urlsafe(9)
    db["ft_courriers"].insert({"token": token, "day": day, "kind": kind, "subject": subject,
                               "channel": "Courrier électronique", "read": 0,
                               "lines": json.dumps(lines or [], ensure_ascii=False)})
    return token


def unread_courriers(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM ft_courriers WHERE read = 0").fetchone()[0]


def next_appointment(db: sqlite_utils.Database, today: str) -> dict | None:
    rows = list(db["ft_appointments"].rows_where("day >= ?", [today], order_by="day, time",
                                                 limit=1))
    return rows[0] if rows else None


def add_appointment(db: sqlite_utils.Database, *, day: str, time: str, subject: str,
                    place: str) -> None:
    db["ft_appointments"].insert({"day": day, "time": time, "subject": subject, "place": place})
