"""The persona's ameli account (section ``ameli``), and the options a scenario sets on a new
world (``setup.options``: ``ameli.compte: verrouille``, ``ameli.carte_vitale: declaree``)."""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets

import sqlite_utils
from pydantic import BaseModel, ConfigDict, Field

from simulator.sites.ameli import rules
from simulator.sites.papiers.seed import resolve
from simulator.world import meta


class Beneficiary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prenom: str
    naissance: str  # « 14/05/{annee:-3} »


class Payment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mois: int = Field(le=0, ge=-12)  # the month of care, before the world's
    jour: int = Field(ge=1, le=28)
    verse_apres: int = Field(ge=1, le=20)  # days from the care to the payment
    acte: str
    professionnel: str
    beneficiaire: str
    depense: float
    base: float
    taux: int = Field(ge=0, le=100)
    participation: float = 0
    franchise: float = 0
    tiers_payant: bool = False


class AmeliProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nir: str = Field(pattern=r"^[12]\d{12}$")
    cle: str = Field(pattern=r"^\d{2}$")
    code_personnel: str
    caisse: str
    medecin_traitant: str
    iban: str
    titulaire: str
    beneficiaires: list[Beneficiary] = []
    paiements: list[Payment] = []


def _month_day(day: dt.date, months: int, on: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, on)


def seed(db: sqlite_utils.Database, persona, day: dt.date, rng: random.Random) -> None:
    profile = AmeliProfile.model_validate(persona.section("ameli"))
    identity = persona.identite
    children = [{"prenom": b.prenom,
                 "naissance": dt.datetime.strptime(resolve(b.naissance, day), "%d/%m/%Y")
                 .date().isoformat()} for b in profile.beneficiaires]
    db["ameli_account"].insert({
        "id": 1, "nir": profile.nir, "nir_key": profile.cle,
        "code_personnel": profile.code_personnel,
        "email": persona.section("messagerie").get("adresse", ""),
        "identity": json.dumps({"civilite": identity.civilite, "prenom": identity.prenom,
                                "nom": identity.nom, "naissance": identity.naissance.isoformat(),
                                "adresse": identity.adresse}, ensure_ascii=False),
        "caisse": profile.caisse, "doctor": profile.medecin_traitant,
        "beneficiaries": json.dumps(children, ensure_ascii=False),
        "iban": profile.iban, "holder": profile.titulaire})
    for payment in profile.paiements:
        care = _month_day(day, payment.mois, payment.jour)
        db["ameli_payments"].insert({
            "token": secrets.token_urlsafe(9), "care_on": care.isoformat(),
            "paid_on": (care + dt.timedelta(days=payment.verse_apres)).isoformat(),
            "act": payment.acte, "professional": payment.professionnel,
            "beneficiary": payment.beneficiaire, "spent": rules.cents(payment.depense),
            "base": rules.cents(payment.base), "rate": payment.taux,
            "participation": rules.cents(payment.participation),
            "franchise": rules.cents(payment.franchise), "third_party": int(payment.tiers_payant)})


def personalise(db: sqlite_utils.Database, rng: random.Random) -> None:
    """Fresh tokens for this world, and the scenario's options."""
    if not db["ameli_account"].count:
        return
    for row in list(db["ameli_payments"].rows):
        db["ameli_payments"].update(row["id"], {"token": secrets.token_urlsafe(9)})
    if meta(db, "option:ameli.compte") == "verrouille":
        db["ameli_account"].update(1, {"locked": 1})
    if meta(db, "option:ameli.carte_vitale") == "declaree":
        db["ameli_account"].update(1, {"card_status": "lost",
                                       "card_declared_on": meta(db, "today")})
