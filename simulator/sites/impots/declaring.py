"""The declaration of income: its steps, what is complete, the tax, signing and correcting.

Used by the routes and by the options a scenario sets on a new world (a declaration ready to
sign, or already signed)."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from simulator import clock
from simulator.formats import date_fr
from simulator.sites.impots import bareme, mails, store
from simulator.world import rng

# The steps, in order: (path segment, title), as the step train shows them.
STEPS = [
    ("etat-civil", "État civil"),
    ("situation", "Famille"),
    ("personnes-a-charge", "Personnes à charge"),
    ("revenus", "Revenus"),
    ("charges", "Charges"),
    ("recapitulatif", "Récapitulatif"),
]
STEP_KEYS = [key for key, _ in STEPS]
CHARGES = {  # the rubrics a learner may add: never pre-filled
    "garde": "Frais de garde des enfants de moins de 6 ans (cases 7GA à 7GC)",
    "dons": "Dons à des organismes d'aide aux personnes en difficulté (case 7UD)",
    "pensions": "Pensions alimentaires versées (cases 6EL à 6EM)",
    "emploi": "Emploi d'un salarié à domicile (case 7DB)",
}
BOXES = ("7GA", "7GB", "7GC")


def income_year(today: dt.date | None = None) -> int:
    """The year of income declared now: the world's year before (the replica keeps the campaign
    open all year: docs/architecture.md)."""
    return (today or clock.today()).year - 1


def children(household: dict, year: int) -> list[dict]:
    """The children at charge at the end of ``year``."""
    return [c for c in household["children_list"] if int(c["naissance"][:4]) <= year]


def young_children(household: dict, year: int) -> list[dict]:
    """Those under six on 1 January of the year of income: their childcare gives 7GA…"""
    return [c for c in children(household, year) if int(c["naissance"][:4]) >= year - 6][
        :len(BOXES)]


def current(db: sqlite_utils.Database, year: int) -> store.Declaration:
    """The declaration of ``year`` (a new draft, pre-filled from last year's situation)."""
    found = store.declaration(db, year)
    if found is None:
        home = store.household(db)
        found = store.start_declaration(db, year, situation=home["situation"],
                                        single_parent=bool(home["single_parent"]))
    return found


def reached_index(declaration: store.Declaration) -> int:
    return STEP_KEYS.index(declaration.reached) if declaration.reached in STEP_KEYS else -1


def missing_step(declaration: store.Declaration) -> str | None:
    """The first step not done yet (None: the declaration can be signed)."""
    if not declaration.identity_checked:
        return "etat-civil"
    if not declaration.situation:
        return "situation"
    if not declaration.dependants_checked:
        return "personnes-a-charge"
    if declaration.salaries is None:
        return "revenus"
    if reached_index(declaration) < STEP_KEYS.index("charges"):
        return "charges"
    return None


def tax(db: sqlite_utils.Database, declaration: store.Declaration) -> bareme.TaxResult:
    home = store.household(db)
    return bareme.compute(
        salaries=declaration.salaries or 0, situation=declaration.situation or "C",
        children=len(children(home, declaration.income_year)),
        single_parent=declaration.single_parent,
        childcare=[amount for amount in declaration.childcare if amount]
        if "garde" in declaration.charges else [])


# Option ``impots.declaration``: how far a scenario's world starts in the declaration.
PREPARED = {"revenus": "personnes-a-charge", "charges": "revenus", "prete": "recapitulatif",
            "signee": "recapitulatif"}


def fill_for_scenario(db: sqlite_utils.Database, year: int, upto: str) -> store.Declaration:
    """The steps up to ``PREPARED[upto]`` saved with the right answers (the pre-filled salary,
    whatever it is; the childcare after the CAF's help)."""
    reached = PREPARED[upto]
    draft = current(db, year)
    home = store.household(db)
    changes = {"identity_checked": True, "dependants_checked": True, "reached": reached}
    if STEP_KEYS.index(reached) >= STEP_KEYS.index("revenus"):
        changes["salaries"] = home["salaries_prefilled"]
    if reached == "recapitulatif":
        young = young_children(home, year)
        net_care = max(home["childcare_paid"] - home["childcare_aid"], 0)
        changes.update(salaries=home["salaries"], charges=["garde"] if young and net_care else [],
                       childcare=[net_care] if young and net_care else [])
    store.save_declaration(db, draft.id, **changes)
    return store.declaration(db, year)


def sign(db: sqlite_utils.Database, year: int, today: dt.date, *,
         announce: bool = True) -> store.Declaration:
    """Sign the current version: the accusé de réception (a document and an e-mail)."""
    draft = store.declaration(db, year)
    result = tax(db, draft)
    reference = f"{year + 1}{rng(db, 'impots-accuse').randrange(10**9):09d}"
    now = clock.now() if announce else dt.datetime.combine(today, dt.time(9, 30))
    store.save_declaration(db, draft.id, status="signed", reference=reference,
                           signed_at=now.isoformat(timespec="seconds"), balance=result.balance)
    correction = draft.version > 0
    kind_title = "Accusé de réception de la déclaration rectificative" if correction else \
        "Accusé de réception de la déclaration"
    store.add_document(db, year=year + 1, kind="accuse",
                       title=f"{kind_title} des revenus de {year}",
                       issued_on=now.date().isoformat(), content={
                           "income_year": year, "reference": reference,
                           "signed_at": now.isoformat(timespec="minutes"),
                           "version": draft.version, "salaries": draft.salaries,
                           "childcare": draft.childcare if "garde" in draft.charges else [],
                           "situation": draft.situation, "single_parent": draft.single_parent,
                           "balance": result.balance})
    mails.send_accuse(db, income_year=year, reference=reference, signed_on=date_fr(now.date()),
                      correction=correction,
                      received_at=None if announce else now.isoformat(timespec="seconds"),
                      announce=announce)
    return store.declaration(db, year)


def correct(db: sqlite_utils.Database, year: int) -> store.Declaration:
    """« Corriger ma déclaration en ligne »: a new draft from the signed one."""
    signed = store.declaration(db, year)
    return store.start_declaration(db, year, situation=signed.situation,
                                   single_parent=signed.single_parent,
                                   version=signed.version + 1, copy_of=signed)
