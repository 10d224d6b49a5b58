"""The France Travail part of a persona's golden world: the job seeker's file, dated from the
world's day. The two months before the one being declared are declared and paid (avis de
paiement in the courriers); the registration began then. Offers come from ``offres.yaml``.

Texts of the persona may hold the same relative dates as its papers (``{fin_mois:-4}``…), so the
employer's attestation in « Mes documents » and France Travail's file always agree.

World options (``setup.options`` of a scenario, read here since the world's options are written
before ``personalise`` runs): ``francetravail.inscription`` = ``a-faire`` (not registered: the
learner registers), ``etape-5`` (a registration left at step 5, steps 1–4 filled in).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets
from decimal import Decimal
from typing import Literal

import sqlite_utils
from pydantic import BaseModel, ConfigDict

from simulator.formats import cents_from_decimal
from simulator.sites.francetravail import offers_data
from simulator.sites.francetravail.rules import payments
from simulator.sites.francetravail.rules.calendar import current_period
from simulator.sites.papiers.seed import resolve
from simulator.world import meta


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WorkPeriod(_Strict):
    employeur: str
    metier: str
    type: Literal["cdd", "cdi", "interim"]
    du: str
    au: str
    document_recu: bool = False


class Appointment(_Strict):
    dans_jours: int
    heure: str
    objet: str


class OldMessage(_Strict):
    objet: str
    de: Literal["moi", "conseiller"]
    il_y_a_jours: int
    texte: str


class JobSeeker(_Strict):
    identifiant: str
    mot_de_passe: str
    code_postal: str
    nir: str
    email: str
    conseiller: str
    agence: list[str]
    allocation_journaliere: Decimal
    periodes_de_travail: list[WorkPeriod] = []
    rendez_vous: Appointment | None = None
    messages: list[OldMessage] = []
    inscription: dict[str, str | list[str]] = {}


def profile_of(persona) -> JobSeeker:
    return JobSeeker.model_validate(persona.section("francetravail"))


def _day(text: str, day: dt.date) -> str:
    return dt.datetime.strptime(resolve(text, day), "%d/%m/%Y").date().isoformat()


def seed(db: sqlite_utils.Database, persona, day: dt.date, rng: random.Random) -> None:
    profile = profile_of(persona)
    identity = persona.identite
    period = current_period(day)
    registered_on = period.shifted(-2).first_day().replace(day=3)
    db["ft_account"].insert({
        "id": 1, "identifiant": profile.identifiant, "email": profile.email,
        "password": profile.mot_de_passe, "postal_code": profile.code_postal,
        "nir": profile.nir, "civilite": identity.civilite, "first_name": identity.prenom,
        "last_name": identity.nom, "birth_date": identity.naissance.isoformat(),
        "address": json.dumps(identity.adresse, ensure_ascii=False),
        "phone": persona.section("telephone").get("numero", ""),
        "adviser": profile.conseiller, "agency": json.dumps(profile.agence, ensure_ascii=False),
        "registered_on": registered_on.isoformat(),
        "daily_gross_cents": cents_from_decimal(profile.allocation_journaliere),
        "prefill": json.dumps({k: resolve(v, day) if isinstance(v, str) else v
                               for k, v in profile.inscription.items()}, ensure_ascii=False),
    })
    _seed_history(db, profile, period, registered_on)
    for position, work in enumerate(profile.periodes_de_travail):
        work_id = db["ft_work_periods"].insert({
            "token": f"seed-{position}", "employer": work.employeur, "job": work.metier,
            "start": _day(work.du, day), "end": _day(work.au, day), "kind": work.type,
            "position": position}).last_pk
        if work.document_recu:
            db["ft_documents"].insert({
                "type": "attestation_employeur", "work_period_id": work_id,
                "file_name": "attestation_employeur.pdf", "sent_on": _day(work.au, day),
                "status": "Reçu"})
    if profile.rendez_vous:
        when = day + dt.timedelta(days=profile.rendez_vous.dans_jours)
        db["ft_appointments"].insert({"day": when.isoformat(), "time": profile.rendez_vous.heure,
                                      "subject": profile.rendez_vous.objet,
                                      "place": profile.agence[0]})
    thread = None
    for position, message in enumerate(profile.messages):
        sent = dt.datetime.combine(day - dt.timedelta(days=message.il_y_a_jours),
                                   dt.time(10 + position, 5))
        message_id = db["ft_messages"].insert({
            "token": f"seed-{position}", "thread": thread, "subject": message.objet,
            "author": message.de, "body": message.texte,
            "sent_at": sent.isoformat(timespec="minutes"), "visible_at": 0.0}).last_pk
        thread = thread or message_id
    offers_data.seed_offers(db, day)


def _seed_history(db, profile: JobSeeker, period, registered_on: dt.date) -> None:
    """Two months declared and paid before the one being declared now, with their courriers."""
    daily = cents_from_decimal(profile.allocation_journaliere)
    _courrier(db, registered_on, "attestation_inscription",
              "Attestation d'inscription comme demandeur d'emploi", read=1)
    _courrier(db, registered_on + dt.timedelta(days=9), "notification_droits",
              "Notification de vos droits à l'allocation d'aide au retour à l'emploi (ARE)",
              read=1)
    for months_back in (2, 1):
        month = period.shifted(-months_back)
        declared = month.opens_on() + dt.timedelta(days=2 + months_back)
        db["ft_declarations"].insert({
            "period": month.key(), "status": "done", "page": 3,
            "declared_at": f"{declared.isoformat()}T09:4{months_back}",
            "reference": f"ACT{month.year % 100:02d}{month.month:02d}{7310 + months_back}",
            "answers": json.dumps(payments.ORDINARY_ANSWERS)})
        first = max(month.first_day(), registered_on + dt.timedelta(days=7))  # délai d'attente
        days = payments.days_paid(first, month)
        amounts = payments.amounts(daily, days)
        paid_on = month.payment_day()
        payment_id = db["ft_payments"].insert({
            "token": f"seed-{months_back}", "month": month.key(), "allocation": "ARE",
            "days": days, **amounts, "paid_on": paid_on.isoformat()}).last_pk
        _courrier(db, paid_on, "avis_paiement", f"Avis de paiement – {month.label()}",
                  read=int(months_back == 2), payment_id=payment_id)


def _courrier(db, day: dt.date, kind: str, subject: str, *, read: int,
              payment_id: int | None = None) -> None:
    position = db.execute("SELECT COUNT(*) FROM ft_courriers").fetchone()[0]
    db["ft_courriers"].insert({"token": f"seed-{position}", "day": day.isoformat(), "kind": kind,
                               "subject": subject, "channel": "Courrier électronique",
                               "read": read, "payment_id": payment_id,
                               "lines": json.dumps([], ensure_ascii=False)})


def personalise(db: sqlite_utils.Database, rng: random.Random) -> None:
    """Fresh tokens for everything a URL or a form carries; then the world's options."""
    if not db["ft_account"].exists() or not db.execute("SELECT 1 FROM ft_account").fetchone():
        return
    for table in ("ft_payments", "ft_courriers", "ft_work_periods", "ft_messages"):
        for (row_id,) in db.execute(f"SELECT id FROM {table}").fetchall():  # noqa: S608
            db.execute(f"UPDATE {table} SET token = ? WHERE id = ?",  # noqa: S608
                       [secrets.token_urlsafe(9), row_id])
    choice = meta(db, "option:francetravail.inscription")
    if choice in ("a-faire", "etape-5"):
        _not_registered(db)
    if choice == "etape-5":
        _draft_at_step_five(db)


def _not_registered(db) -> None:
    """The learner registers: France Travail knows the person (their space) but has no current
    registration, no payments, no declarations."""
    for table in ("ft_payments", "ft_declarations", "ft_appointments"):
        db.execute(f"DELETE FROM {table}")  # noqa: S608
    db.execute("DELETE FROM ft_courriers")
    db.execute("UPDATE ft_account SET registered = 0, registered_on = NULL")


def _draft_at_step_five(db) -> None:
    from simulator.sites.francetravail.rules.registration import (
        draft_from_persona,
        prefill_from_account,
    )
    from simulator.sites.francetravail.store import access, registration

    account = access.account(db)
    data = draft_from_persona(json.loads(account["prefill"] or "{}"),
                              prefill_from_account(account))
    # Not clock.now(): a world being created is not yet the request's world (simulator.clock).
    registration.start(db, data=data, step_reached=5, started_at=f"{meta(db, 'today')}T09:00")

