"""The monthly declarations: the ones made, and the one being answered (kept between pages)."""

from __future__ import annotations

import json

import sqlite_utils


def declaration(db: sqlite_utils.Database, period: str) -> dict | None:
    rows = list(db["ft_declarations"].rows_where("period = ?", [period], limit=1))
    if not rows:
        return None
    row = rows[0]
    row["answers"] = json.loads(row["answers"] or "{}")
    return row


def save_draft(db: sqlite_utils.Database, period: str, answers: dict, page: int) -> None:
    """Keep the answers given so far (a draft); the page says how far the learner went."""
    existing = declaration(db, period)
    if existing:
        db["ft_declarations"].update(existing["id"], {
            "answers": json.dumps({**existing["answers"], **answers}), "page": page})
    else:
        db["ft_declarations"].insert({"period": period, "status": "draft", "page": page,
                                      "answers": json.dumps(answers)})


def confirm(db: sqlite_utils.Database, period: str, *, declared_at: str, reference: str) -> None:
    db.execute("UPDATE ft_declarations SET status = 'done', page = 3, declared_at = ?, "
               "reference = ? WHERE period = ?", [declared_at, reference, period])


def declaration_by_reference(db: sqlite_utils.Database, reference: str) -> dict | None:
    if not reference or len(reference) > 40:
        return None
    rows = list(db["ft_declarations"].rows_where("reference = ? AND status = 'done'",
                                                 [reference], limit=1))
    if not rows:
        return None
    row = rows[0]
    row["answers"] = json.loads(row["answers"] or "{}")
    return row
