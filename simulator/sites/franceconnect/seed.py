"""The persona's FranceConnect: their identity, and their accounts at the simulated providers
(section ``franceconnect`` of the persona file)."""

from __future__ import annotations

import datetime as dt
import random

import sqlite_utils
from pydantic import BaseModel, ConfigDict


class ProviderAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")

    identifiant: str
    mot_de_passe: str


class FranceConnectProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lieu_naissance: str  # « LYON 8E (69) »
    comptes: dict[str, ProviderAccount] = {}


def seed(db: sqlite_utils.Database, persona, day: dt.date, rng: random.Random) -> None:
    profile = FranceConnectProfile.model_validate(persona.section("franceconnect"))
    identity = persona.identite
    db["fc_identity"].insert({
        "id": 1, "given_name": identity.prenom, "family_name": identity.nom.upper(),
        "birthdate": identity.naissance.isoformat(), "birthplace": profile.lieu_naissance,
        "gender": "female" if identity.civilite.upper() in ("MME", "MLLE") else "male"})
    db["fc_session"].insert({"id": 1, "provider": None, "connected": 0})
    for provider, account in profile.comptes.items():
        db["fc_accounts"].insert({"provider": provider, "identifiant": account.identifiant,
                                  "secret": account.mot_de_passe})
