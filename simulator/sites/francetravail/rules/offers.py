"""Searching « Offres d'emploi »: keywords, a place and a radius, and the real filters' labels
(reference §1.2.7, from woob's job-search module)."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

CONTRACTS = ("CDI tout public", "CDI alternance", "CDI insertion", "CDD tout public",
             "CDD alternance", "CDD insertion", "CDD Senior", "Mission d'intérim",
             "Contrat de travail saisonnier", "Contrat de travail intermittent")
QUALIFICATIONS = ("Manoeuvre", "Ouvrier spécialisé", "Ouvrier qualifié (P1,P2)",
                  "Ouvrier qualifié (P3,P4,OHQ)", "Employé non qualifié", "Employé qualifié",
                  "Technicien", "Agent de maîtrise", "Cadre")
# « Date de publication »: the label, and how many days back it reaches.
PUBLICATION = {"1": "Hier", "3": "3 jours", "7": "1 semaine", "14": "2 semaines",
               "31": "1 mois", "93": "3 mois"}
RADII = ("5", "10", "20", "30", "50")
DEFAULT_RADIUS = "10"
MAX_LENGTH = 80
_STOP = {"de", "du", "des", "la", "le", "les", "en", "et", "h", "f", "hf", "a", "au", "aux",
         "d", "l", "un", "une"}


def words(text: str) -> list[str]:
    """Lower case, no accents, letters and digits: « Préparateur/trice » → préparateur, trice."""
    bare = unicodedata.normalize("NFD", text.casefold()).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", bare)


def keyword_match(keywords: str, *texts: str) -> bool:
    """Every word typed (but the little ones) begins a word of the offer."""
    wanted = [w for w in words(keywords) if w not in _STOP]
    have = set(words(" ".join(texts)))
    return all(any(h.startswith(w) for h in have) for w in wanted)


@dataclass(frozen=True)
class Place:
    label: str  # as the results say: « Aubervilliers (93) », « Seine-Saint-Denis (93) »
    department: str
    latitude: float | None = None  # a commune; None for a whole department
    longitude: float | None = None


def resolve_place(typed: str, communes, departments: dict[str, str]) -> Place | None:
    """A commune (name or postal code) or a department (number or name); None if unknown."""
    text = " ".join(words(re.sub(r"\(\d{2,3}\)", "", typed)))
    if not text:
        return None
    for number, name in departments.items():
        if text in (number, " ".join(words(name))):
            return Place(f"{name} ({number})", number)
    for commune in communes:
        name = " ".join(words(commune.nom))
        if text == commune.cp or text == name or (len(text) >= 4 and name.startswith(text)):
            return Place(f"{commune.nom} ({commune.dep})", commune.dep, commune.lat, commune.lon)
    return None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> int:
    """As the crow flies, rounded to the kilometre (haversine)."""
    rad = math.radians
    a = (math.sin(rad(lat2 - lat1) / 2) ** 2
         + math.cos(rad(lat1)) * math.cos(rad(lat2)) * math.sin(rad(lon2 - lon1) / 2) ** 2)
    return round(2 * 6371 * math.asin(math.sqrt(a)))


def published_label(days: int) -> str:
    if days <= 0:
        return "Publié aujourd'hui"
    if days == 1:
        return "Publié hier"
    return f"Publié il y a {days} jours"


def clean(typed: str | None) -> str:
    return " ".join((typed or "").split())[:MAX_LENGTH]
