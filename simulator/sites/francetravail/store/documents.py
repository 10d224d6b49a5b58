"""Work periods France Travail knows of, and the documents sent for them."""

from __future__ import annotations

import sqlite_utils


def work_periods(db: sqlite_utils.Database) -> list[dict]:
    return list(db["ft_work_periods"].rows_where(order_by="position"))


def work_period_by_token(db: sqlite_utils.Database, token: str) -> dict | None:
    if not token or len(token) > 40:
        return None
    rows = list(db["ft_work_periods"].rows_where("token = ?", [token], limit=1))
    return rows[0] if rows else None


def documents(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query(
        "SELECT d.*, w.employer, w.start, w.end FROM ft_documents d "
        "LEFT JOIN ft_work_periods w ON w.id = d.work_period_id ORDER BY d.sent_on DESC, d.id "
        "DESC"))


def sent_on_by_paper(db: sqlite_utils.Database) -> dict[str, str]:
    """The papers of « Mes documents » already sent, and when."""
    return {row["paper_token"]: row["sent_on"] for row in db.query(
        "SELECT paper_token, sent_on FROM ft_documents WHERE paper_token IS NOT NULL")}


def period_has(db: sqlite_utils.Database, work_period_id: int, document_type: str) -> bool:
    return db.execute("SELECT 1 FROM ft_documents WHERE work_period_id = ? AND type = ?",
                      [work_period_id, document_type]).fetchone() is not None


def record(db: sqlite_utils.Database, **document) -> None:
    db["ft_documents"].insert({**document, "status": "En cours de traitement"})
