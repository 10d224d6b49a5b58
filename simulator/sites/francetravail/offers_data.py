"""The fictional offers of « Offres d'emploi » (offres.yaml), seeded with their publication day
relative to the world's day, and the places a search understands (communes, departments)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import sqlite_utils
import yaml
from pydantic import BaseModel, ConfigDict

DATA_FILE = Path(__file__).with_name("offres.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Commune(_Strict):
    nom: str
    cp: str
    dep: str
    lat: float
    lon: float


class Offer(_Strict):
    ref: str
    titre: str
    entreprise: str
    commune: str
    contrat: str
    duree: str
    qualification: str
    secteur: str
    publie: int
    salaire: str
    horaires: str
    description: str
    experience: str
    competences: list[str]
    formation: str


class OffersFile(_Strict):
    communes: list[Commune]
    departements: dict[str, str]
    offres: list[Offer]


@functools.cache
def data() -> OffersFile:
    return OffersFile.model_validate(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")))


def commune(name: str) -> Commune:
    return next(c for c in data().communes if c.nom == name)


def seed_offers(db: sqlite_utils.Database, day: dt.date) -> None:
    for offer in data().offres:
        place = commune(offer.commune)
        db["ft_offers"].insert({
            "reference": offer.ref, "title": offer.titre, "company": offer.entreprise,
            "commune": place.nom, "department": place.dep, "latitude": place.lat,
            "longitude": place.lon, "contract": offer.contrat, "duration": offer.duree,
            "qualification": offer.qualification, "sector": offer.secteur,
            "published_on": (day - dt.timedelta(days=offer.publie)).isoformat(),
            "salary": offer.salaire, "hours": offer.horaires, "description": offer.description,
            "experience": offer.experience,
            "skills": json.dumps(offer.competences, ensure_ascii=False),
            "training": offer.formation})
