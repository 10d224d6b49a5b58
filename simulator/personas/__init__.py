"""Fictional people whose lives the learners play.

A persona is a YAML file in this folder: who the person is (``identite``) and one section per
site (``banque``, ``telephone``…) that the site's seed turns into the data of the world. Each
site validates its own section with its own pydantic model, so a mistake in a persona file is
reported with the file and the field.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

PERSONAS_DIR = Path(__file__).parent


class Identity(BaseModel):
    model_config = ConfigDict(extra="forbid")

    civilite: str  # "MME" or "M." as written on bank documents
    prenom: str
    nom: str
    naissance: dt.date
    adresse: list[str]

    @property
    def full_name(self) -> str:
        return f"{self.prenom} {self.nom}"

    @property
    def bank_name(self) -> str:
        """The holder's name as the bank prints it: ``MME MARTINE DURAND``."""
        return f"{self.civilite} {self.prenom} {self.nom}".upper()


class Persona(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    identite: Identity

    def section(self, name: str) -> dict[str, Any]:
        return dict((self.model_extra or {}).get(name) or {})

    def has(self, name: str) -> bool:
        return bool((self.model_extra or {}).get(name))

    def items(self, name: str) -> list[Any]:
        """A section that is a list (``papiers``: the persona's papers)."""
        return list((self.model_extra or {}).get(name) or [])


class PersonaNotFound(LookupError):
    pass


def persona_path(persona_id: str) -> Path:
    path = PERSONAS_DIR / f"{persona_id}.yaml"
    if not persona_id.isidentifier() or not path.exists():
        raise PersonaNotFound(persona_id)
    return path


@functools.cache
def load_persona(persona_id: str) -> Persona:
    with persona_path(persona_id).open(encoding="utf-8") as f:
        return Persona.model_validate(yaml.safe_load(f))


def available() -> list[str]:
    return sorted(p.stem for p in PERSONAS_DIR.glob("*.yaml"))
