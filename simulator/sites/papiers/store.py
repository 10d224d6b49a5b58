"""All SQL of « Mes documents ». Other sites read the paper a learner chose through here."""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class Paper:
    token: str
    slug: str
    kind: str
    title: str
    file_name: str
    format: str
    size_ko: int
    period_start: str | None
    period_end: str | None
    content: dict

    @property
    def size_label(self) -> str:
        """« 312 Ko », « 6,2 Mo »: as a file picker shows a size."""
        if self.size_ko < 1000:
            return f"{self.size_ko} Ko"
        return f"{self.size_ko / 1000:.1f} Mo".replace(".", ",")

    @property
    def is_photo(self) -> bool:
        return self.format in ("JPG", "PNG", "HEIC")


def _paper(row) -> Paper:
    return Paper(token=row["token"], slug=row["slug"], kind=row["kind"], title=row["title"],
                 file_name=row["file_name"], format=row["format"], size_ko=row["size_ko"],
                 period_start=row["period_start"], period_end=row["period_end"],
                 content=json.loads(row["content"]))


def papers(db: sqlite_utils.Database) -> list[Paper]:
    return [_paper(row) for row in db["papers"].rows_where(order_by="position")]


def paper_by_token(db: sqlite_utils.Database, token: str | None) -> Paper | None:
    """The paper a form sent (``None`` for a token of nothing, or of another world)."""
    if not token or len(token) > 64:
        return None
    rows = list(db["papers"].rows_where("token = ?", [token], limit=1))
    return _paper(rows[0]) if rows else None


def paper_by_slug(db: sqlite_utils.Database, slug: str) -> Paper | None:
    rows = list(db["papers"].rows_where("slug = ?", [slug], limit=1))
    return _paper(rows[0]) if rows else None


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM papers").fetchone()[0]
