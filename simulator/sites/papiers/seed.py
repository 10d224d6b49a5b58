"""The persona's papers (section ``papiers`` of the persona file), dated from the world's day.

Texts may hold dates relative to the world's day, so that « last month's payslip » is always
last month's: ``{mois:-1}`` → « octobre 2026 », ``{date:-35}`` → « 22/10/2026 »,
``{debut_mois:-1}`` / ``{fin_mois:-1}`` → the first / last day of a month, ``{annee:-1}`` → 2025.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
import re
import secrets

import sqlite_utils
from pydantic import BaseModel, ConfigDict, Field

from simulator.formats import MONTHS_FR_TITLE, date_fr

FORMATS = ("PDF", "JPG", "PNG", "HEIC", "DOCX", "ODT")


class PaperField(BaseModel):
    model_config = ConfigDict(extra="forbid")

    libelle: str
    valeur: str


class Paper(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    titre: str
    type: str = Field(pattern=r"^[a-z_]+$")
    format: str = "PDF"
    taille_ko: int = Field(default=250, ge=1, le=100_000)
    fichier: str | None = None  # the file's name; default from the id and the format
    emetteur: list[str] = []  # the issuer's block, top left
    destinataire: list[str] = []  # the addressee's block, top right
    date: str | None = None  # « Fait le … », may be relative
    periode: tuple[str, str] | None = None  # the period covered, e.g. ["{debut_mois:-1}", …]
    champs: list[PaperField] = []  # the numbers and amounts a learner looks for
    lignes: list[str] = []
    note: str | None = None  # small print at the bottom


class Papers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    papiers: list[Paper]


_PLACEHOLDER = re.compile(r"\{(mois|date|debut_mois|fin_mois|annee):(-?\d+)\}")


def _month(day: dt.date, shift: int) -> tuple[int, int]:
    year, month = divmod(day.year * 12 + day.month - 1 + shift, 12)
    return year, month + 1


def resolve(text: str, day: dt.date) -> str:
    """Turn the relative dates of a paper's text into the world's dates."""

    def one(match: re.Match) -> str:
        kind, shift = match.group(1), int(match.group(2))
        if kind == "date":
            return date_fr(day + dt.timedelta(days=shift))
        if kind == "annee":
            return str(day.year + shift)
        year, month = _month(day, shift)
        if kind == "mois":
            return f"{MONTHS_FR_TITLE[month - 1]} {year}"
        last = calendar.monthrange(year, month)[1]
        return date_fr(dt.date(year, month, 1 if kind == "debut_mois" else last))

    return _PLACEHOLDER.sub(one, text)


def _iso(text: str | None, day: dt.date) -> str | None:
    if not text:
        return None
    return dt.datetime.strptime(resolve(text, day), "%d/%m/%Y").date().isoformat()


def seed(db: sqlite_utils.Database, persona, day: dt.date, rng: random.Random) -> None:
    section = persona.items("papiers")
    if not section:
        return
    papers = Papers.model_validate({"papiers": section}).papiers
    for position, paper in enumerate(papers):
        content = {
            "emetteur": [resolve(line, day) for line in paper.emetteur],
            "destinataire": [resolve(line, day) for line in paper.destinataire],
            "date": resolve(paper.date, day) if paper.date else None,
            "champs": [{"libelle": f.libelle, "valeur": resolve(f.valeur, day)}
                       for f in paper.champs],
            "lignes": [resolve(line, day) for line in paper.lignes],
            "note": paper.note,
        }
        db["papers"].insert({
            "token": f"seed-{position}",
            "slug": paper.id,
            "kind": paper.type,
            "title": resolve(paper.titre, day),
            "file_name": paper.fichier or f"{paper.id.replace('-', '_')}.{paper.format.lower()}",
            "format": paper.format.upper(),
            "size_ko": paper.taille_ko,
            "period_start": _iso(paper.periode[0], day) if paper.periode else None,
            "period_end": _iso(paper.periode[1], day) if paper.periode else None,
            "content": json.dumps(content, ensure_ascii=False),
            "position": position,
        })


def personalise(db: sqlite_utils.Database, rng: random.Random) -> None:
    """A paper's token seen in one learner's world means nothing in another's."""
    for (paper_id,) in db.execute("SELECT id FROM papers").fetchall():
        db.execute("UPDATE papers SET token = ? WHERE id = ?",
                   [secrets.token_urlsafe(12), paper_id])
