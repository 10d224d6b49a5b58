"""The bank part of a persona's golden world: accounts, 13 months of history, cards…

The history is generated from the persona's habits (monthly debits, card purchases, cash
withdrawals, one-off operations) with a generator seeded by the persona, dated relative to the
day the golden database is built, in the label grammar of the real statements.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
from decimal import Decimal

import sqlite_utils
from pydantic import BaseModel, ConfigDict

from simulator.formats import MONTHS_FR, cents_from_decimal
from simulator.sites.banque import rules

HISTORY_MONTHS = 13


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Monthly(_Strict):
    libelle: str
    detail: str = ""
    jour: int
    montant: Decimal
    variation: Decimal = Decimal(0)
    categorie: str
    mois: list[int] | None = None  # only these months (quarterly fees…)


class CardPurchases(_Strict):
    commercants: list[str]
    par_mois: tuple[int, int]
    montant: tuple[Decimal, Decimal]


class Withdrawals(_Strict):
    lieux: list[str]
    par_mois: tuple[int, int]
    montants: list[int]


class OneOff(_Strict):
    il_y_a_jours: int | None = None
    le: str | None = None  # "MM-DD": the last time this day came
    libelle: str
    detail: str = ""
    montant: Decimal
    categorie: str


class Upcoming(_Strict):
    dans_jours: int
    libelle: str
    detail: str = ""
    montant: Decimal
    categorie: str


class Account(_Strict):
    cle: str
    type: str
    intitule: str
    abrege: str
    numero: str
    solde: Decimal
    plafond: Decimal | None = None
    decouvert: Decimal = Decimal(0)
    mensuel: list[Monthly] = []
    achats_cb: CardPurchases | None = None
    retraits: Withdrawals | None = None
    ponctuelles: list[OneOff] = []
    a_venir: list[Upcoming] = []


class InternalTransfer(_Strict):
    de: str
    vers: str
    jour: int
    montant: Decimal
    variation: Decimal = Decimal(0)


class Beneficiary(_Strict):
    nom: str
    intitule: str
    iban: str
    ajoute_il_y_a_jours: int


class Card(_Strict):
    compte: str
    produit: str
    fin_numero: str
    expiration: str


class BankProfile(_Strict):
    identifiant: str
    code_secret: str
    authentification_forte_il_y_a_jours: int
    code_banque: str
    code_guichet: str
    bic: str
    domiciliation: str
    comptes: list[Account]
    virements_internes: list[InternalTransfer] = []
    beneficiaires: list[Beneficiary] = []
    cartes: list[Card] = []


def seed(db: sqlite_utils.Database, persona, day: dt.date, rng: random.Random) -> None:
    profile = BankProfile.model_validate(persona.section("banque"))
    identity = persona.identite
    db["customer"].insert(
        {
            "id": 1,
            "identifiant": profile.identifiant,
            "secret_code": profile.code_secret,
            "holder": identity.bank_name,
            "address": json.dumps(identity.adresse, ensure_ascii=False),
            "bank_code": profile.code_banque,
            "branch_code": profile.code_guichet,
            "bic": profile.bic,
            "domiciliation": profile.domiciliation,
            "strong_auth_on": (day - dt.timedelta(days=profile.authentification_forte_il_y_a_jours))
            .isoformat(),
        }
    )
    ids = {}
    operations: dict[str, list[dict]] = {}
    for position, account in enumerate(profile.comptes):
        ids[account.cle] = db["accounts"].insert(
            {
                "key": account.cle,
                "token": account.cle,  # replaced by a random token in every new world
                "kind": account.type,
                "title": account.intitule,
                "short": account.abrege,
                "number": account.numero,
                "iban": rules.french_iban(profile.code_banque, profile.code_guichet,
                                          account.numero),
                "opening_cents": 0,
                "ceiling_cents": cents_from_decimal(account.plafond) if account.plafond else None,
                "overdraft_cents": cents_from_decimal(account.decouvert),
                "position": position,
            }
        ).last_pk
        operations[account.cle] = list(_history(account, day, rng))
    holder = f"{identity.civilite} {identity.nom} {identity.prenom}".upper()
    for transfer in profile.virements_internes:
        for when, cents in _monthly_dates(transfer.jour, transfer.montant, transfer.variation, None,
                                          day, rng):
            operations[transfer.de].append(_op(when, f"VIREMENT POUR {holder}", "", -cents,
                                               "virement_emis"))
            operations[transfer.vers].append(_op(when, f"VIREMENT DE {holder}", "", cents,
                                                 "virement_recu"))
    for account in profile.comptes:
        rows = operations[account.cle]
        booked = sum(r["amount_cents"] for r in rows if not r["upcoming"])
        db["accounts"].update(ids[account.cle],
                              {"opening_cents": cents_from_decimal(account.solde) - booked})
        db["operations"].insert_all({**r, "account_id": ids[account.cle]} for r in
                                    sorted(rows, key=lambda r: r["day"]))
    now = dt.datetime.combine(day, dt.time(8)).timestamp()
    for b in profile.beneficiaires:
        created = now - b.ajoute_il_y_a_jours * 86400
        db["beneficiaries"].insert({"token": b.iban[-8:], "name": b.nom, "label": b.intitule,
                                    "iban": b.iban, "country": "FR", "status": "active",
                                    "created_at": created, "active_from": created})
    for card in profile.cartes:
        db["cards"].insert({"token": card.fin_numero, "account_id": ids[card.compte],
                            "product": card.produit, "last_digits": card.fin_numero,
                            "expiry": card.expiration, "status": "active"})


def personalise(db: sqlite_utils.Database, rng: random.Random) -> None:
    """Random tokens per world: an account id seen in one session means nothing in another."""
    for table in ("accounts", "beneficiaries", "cards"):
        for (row_id,) in db.execute(f"SELECT id FROM {table}").fetchall():
            db[table].update(row_id, {"token": f"{rng.getrandbits(48):012x}"})


def _op(day: dt.date, label: str, detail: str, cents: int, category: str, upcoming: int = 0):
    return {"day": day.isoformat(), "label": label, "detail": detail, "amount_cents": cents,
            "category": category, "upcoming": upcoming}


def _months(day: dt.date):
    """The first day of each month of the history, oldest first, ending with the current one."""
    year, month = day.year, day.month
    firsts = []
    for _ in range(HISTORY_MONTHS):
        firsts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(firsts))


def _monthly_dates(jour, montant, variation, only_months, day, rng):
    for first in _months(day):
        if only_months and first.month not in only_months:
            continue
        last = calendar.monthrange(first.year, first.month)[1]
        when = rules.next_working_day(first.replace(day=min(jour, last)))
        if when > day:
            continue
        jitter = Decimal(rng.randint(-int(variation * 100), int(variation * 100))) / 100
        yield when, cents_from_decimal(montant + jitter)


def _fill(template: str, when: dt.date) -> str:
    previous = (when.replace(day=1) - dt.timedelta(days=1))
    return template.format(
        mois=f"{MONTHS_FR[when.month - 1]} {when.year}",
        mois_precedent=f"{MONTHS_FR[previous.month - 1]} {previous.year}",
        annee=when.year,
    )


def _history(account: Account, day: dt.date, rng: random.Random):
    start = _months(day)[0]
    for m in account.mensuel:
        for when, cents in _monthly_dates(m.jour, m.montant, m.variation, m.mois, day, rng):
            yield _op(when, m.libelle, _fill(m.detail, when), cents, m.categorie)
    for first in _months(day):
        last = min(day, first.replace(day=calendar.monthrange(first.year, first.month)[1]))
        if account.achats_cb:
            p = account.achats_cb
            for _ in range(rng.randint(*p.par_mois)):
                when = first + dt.timedelta(days=rng.randint(0, (last - first).days))
                shop = rng.choice(p.commercants)
                cents = rng.randint(cents_from_decimal(p.montant[0]),
                                    cents_from_decimal(p.montant[1]))
                yield _op(rules.next_working_day(when), f"ACHAT CB {shop} {when:%d.%m.%y}", "",
                          -cents, "carte")
        if account.retraits:
            w = account.retraits
            for _ in range(rng.randint(*w.par_mois)):
                when = first + dt.timedelta(days=rng.randint(0, (last - first).days))
                hour = f"{rng.randint(8, 19):02d}H{rng.randint(0, 59):02d}"
                yield _op(when, f"RETRAIT DAB {when:%d/%m/%y} {hour} {rng.choice(w.lieux)}", "",
                          -100 * rng.choice(w.montants), "retrait")
    for o in account.ponctuelles:
        when = _one_off_day(o, day)
        if start <= when <= day:
            yield _op(when, _fill(o.libelle, when), _fill(o.detail, when),
                      cents_from_decimal(o.montant), o.categorie)
    for u in account.a_venir:
        when = day + dt.timedelta(days=u.dans_jours)
        yield _op(when, u.libelle, _fill(u.detail, when), cents_from_decimal(u.montant),
                  u.categorie, upcoming=1)


def _one_off_day(o: OneOff, day: dt.date) -> dt.date:
    if o.le:
        month, dom = (int(x) for x in o.le.split("-"))
        when = dt.date(day.year, month, dom)
        return when if when <= day else when.replace(year=day.year - 1)
    return day - dt.timedelta(days=o.il_y_a_jours or 0)
