"""The persona's CAF file (section ``caf``), and the options a scenario sets on a new world
(``setup.options``): the declaration already sent, a wrong pre-filled month, a blocked account.

The world's date decides everything dated: the quarter asked this month, its three reference
months (the pre-filled « montant net social », the same as on the payslips of « Mes documents »),
the payments of the last twelve months, the reminder e-mail of the 1st."""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal

import sqlite_utils
from pydantic import BaseModel, ConfigDict, Field

from simulator.formats import cents_from_decimal
from simulator.sites.caf import rules
from simulator.world import meta


class Aid(BaseModel):
    model_config = ConfigDict(extra="forbid")

    aide: str  # « Aide personnalisée au logement »
    montants: list[Decimal]  # monthly, by quarter: this quarter's first, then the earlier ones


class CafProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nir: str = Field(pattern=r"^[12]\d{14}$")
    numero_allocataire: str = Field(pattern=r"^\d{7}$")
    mot_de_passe: str
    employeur: str
    net_social: list[Decimal] = Field(min_length=3, max_length=3)  # the 3 reference months
    pension_alimentaire: Decimal  # a month, never pre-filled
    aides: list[Aid]


def seed(db: sqlite_utils.Database, persona, day: dt.date, rng: random.Random) -> None:
    profile = CafProfile.model_validate(persona.section("caf"))
    identity = persona.identite
    db["caf_allocataire"].insert({
        "id": 1, "nir": profile.nir, "numero_allocataire": profile.numero_allocataire,
        "password": profile.mot_de_passe, "employer": profile.employeur,
        "email": persona.section("messagerie").get("adresse", ""),
        "phone": persona.section("telephone").get("numero", ""),
        "identity": json.dumps({"civilite": identity.civilite, "prenom": identity.prenom,
                                "nom": identity.nom, "naissance": identity.naissance.isoformat(),
                                "pension": str(profile.pension_alimentaire)},
                               ensure_ascii=False),
        "address": json.dumps(identity.adresse, ensure_ascii=False),
    })
    quarter = rules.quarter_due(day)
    for month, amount in zip(quarter.reference_months, profile.net_social, strict=True):
        cents = cents_from_decimal(amount)
        db["caf_prefill"].insert({"month": month.strftime("%Y-%m"), "net_social": cents,
                                  "payslip": cents})
    _seed_past_declarations(db, quarter, profile)
    _seed_payments(db, day, quarter, profile)


def _seed_past_declarations(db, quarter: rules.Quarter, profile: CafProfile) -> None:
    earlier = quarter.previous()
    pension = cents_from_decimal(profile.pension_alimentaire)
    for rank in range(2):
        salaries = [cents_from_decimal(a) - 2_315 * (rank + 1) for a in profile.net_social]
        db["caf_declarations"].insert({
            "quarter": earlier.key, "status": "sent", "reached": "recapitulatif",
            "salaries": json.dumps(salaries), "others": json.dumps(["pension"]),
            "amounts": json.dumps({"pension": [pension] * 3}),
            "reference": f"DTR-{earlier.month:%Y%m}-{profile.numero_allocataire}",
            "sent_at": dt.datetime.combine(earlier.month + dt.timedelta(days=3),
                                           dt.time(18, 42)).isoformat(timespec="seconds")})
        earlier = earlier.previous()


def _seed_payments(db, day: dt.date, quarter: rules.Quarter, profile: CafProfile) -> None:
    """Each aid is paid on the 5th for the month before; the prime d'activité's amount is fixed
    for a quarter (reference §1.4)."""
    for back in range(1, 13):  # the last twelve months
        period = rules.shift_month(day.replace(day=1), -back)
        paid_on = rules.shift_month(period, 1).replace(day=5)
        if paid_on > day:
            continue
        months_back = (quarter.month.year - period.year) * 12 + quarter.month.month - period.month
        for aid in profile.aides:
            amount = aid.montants[min((months_back - 1) // 3, len(aid.montants) - 1)]
            db["caf_payments"].insert({"paid_on": paid_on.isoformat(), "aid": aid.aide,
                                       "period": period.isoformat(),
                                       "amount": cents_from_decimal(amount)})


def personalise(db: sqlite_utils.Database, rng: random.Random) -> None:
    """What the scenario's options ask for (read from the world's meta), and the reminder."""
    if not db["caf_allocataire"].count:
        return
    from simulator.sites.caf import declaring, mails, store  # they need the site's package

    def option(name: str) -> str | None:
        return meta(db, f"option:caf.{name}")

    today = dt.date.fromisoformat(meta(db, "today"))
    quarter = rules.quarter_due(today)
    if option("preremplissage") == "erreur":
        second = store.prefill(db, [m.strftime("%Y-%m") for m in quarter.reference_months])[1]
        store.set_prefill(db, second["month"], second["net_social"] + 10_000,
                          second["payslip"])
    if option("compte") == "bloque":
        store.update_allocataire(db, blocked=1, failed_passwords=rules.MAX_PASSWORD_FAILURES)
    if option("declaration") == "salaires":  # the salaries checked: next, the other resources
        store.start_declaration(db, quarter.key)
        store.save_declaration(db, quarter.key, salaries=declaring.payslips(db, quarter),
                               reached="autres")
    if option("declaration") == "faite":
        declaring.fill_for_scenario(db, quarter)
        declaring.send(db, quarter, today, announce=False)
    if option("declaration") != "faite":
        mails.send_reminder(db, quarter, received_at=dt.datetime.combine(
            quarter.month, dt.time(7, 12)).isoformat(timespec="seconds"))
