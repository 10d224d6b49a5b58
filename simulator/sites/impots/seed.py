"""The persona's tax file (section ``impots``), and the options a scenario sets on a new world
(``setup.options``: the space already created or active, the declaration ready to sign…)."""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets
import time

import sqlite_utils
from pydantic import BaseModel, ConfigDict, Field

from simulator.sites.impots import bareme
from simulator.sites.papiers.seed import resolve
from simulator.world import meta


class Child(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prenom: str
    naissance: str  # « 14/05/{annee:-3} »: relative to the world's year


class PastNotice(BaseModel):
    """An avis d'impôt of the space's « Documents », computed with the barème."""

    model_config = ConfigDict(extra="forbid")

    revenus: int = Field(le=-1)  # the year of income, relative: -2 = two years before the world's
    salaires: int
    frais_garde: int = 0  # after the aids, for the first child
    reference: str


class Childcare(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paye: int  # paid to the crèche over last year
    aide_caf: int  # the CAF's help deducted on the certificate


class TaxProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    numero_fiscal: str = Field(pattern=r"^[0-3]\d{12}$")
    numero_acces: str = Field(pattern=r"^\d{7}$")
    revenu_fiscal_reference: int  # on the last avis (checked against the barème)
    mot_de_passe: str
    lieu_naissance: str
    situation: str = Field(pattern=r"^[CMODV]$")
    parent_isole: bool = False
    enfants: list[Child] = []
    employeur: str
    salaires: int  # last year's, as the employer declared them (1AJ)
    salaires_errone: int | None = None  # pre-filled instead with option impots.salaires: erreur
    frais_garde: Childcare | None = None
    taux_prelevement: str = "0,0"
    avis: list[PastNotice] = []


def seed(db: sqlite_utils.Database, persona, day: dt.date, rng: random.Random) -> None:
    profile = TaxProfile.model_validate(persona.section("impots"))
    identity = persona.identite
    phone = persona.section("telephone").get("numero", "")
    email = persona.section("messagerie").get("adresse", "")
    db["impots_taxpayer"].insert({
        "id": 1, "numero_fiscal": profile.numero_fiscal, "numero_acces": profile.numero_acces,
        "rfr": profile.revenu_fiscal_reference, "email": email,
        "password": profile.mot_de_passe, "pas_rate": profile.taux_prelevement,
        "identity": json.dumps({
            "civilite": identity.civilite, "prenom": identity.prenom, "nom": identity.nom,
            "naissance": identity.naissance.isoformat(), "lieu": profile.lieu_naissance,
            "adresse": identity.adresse, "telephone": phone}, ensure_ascii=False),
    })
    children = [{"prenom": c.prenom, "naissance": _iso(resolve(c.naissance, day))}
                for c in profile.enfants]
    care = profile.frais_garde
    db["impots_household"].insert({
        "id": 1, "situation": profile.situation, "single_parent": int(profile.parent_isole),
        "children": json.dumps(children, ensure_ascii=False), "employer": profile.employeur,
        "salaries": profile.salaires, "salaries_prefilled": profile.salaires,
        "childcare_paid": care.paye if care else 0, "childcare_aid": care.aide_caf if care else 0,
    })
    for position, notice in enumerate(sorted(profile.avis, key=lambda n: n.revenus)):
        income_year = day.year + notice.revenus
        result = bareme.compute(
            salaries=notice.salaires, situation=profile.situation,
            children=sum(1 for c in children if int(c["naissance"][:4]) <= income_year),
            single_parent=profile.parent_isole,
            childcare=[notice.frais_garde] if notice.frais_garde else [])
        if notice.revenus == max(n.revenus for n in profile.avis) and \
                result.net_income != profile.revenu_fiscal_reference:
            raise ValueError(f"persona {persona.id}: the last avis gives a revenu fiscal de "
                             f"référence of {result.net_income}, not "
                             f"{profile.revenu_fiscal_reference}")
        db["impots_documents"].insert({
            "token": f"seed-{position}", "year": income_year + 1, "kind": "avis",
            "title": f"Avis d'impôt {income_year + 1} sur les revenus de l'année {income_year}",
            "issued_on": dt.date(income_year + 1, 7, 25).isoformat(),
            "content": json.dumps({
                "income_year": income_year, "reference": notice.reference,
                "salaries": notice.salaires, "childcare": notice.frais_garde,
                "result": _result_json(result)}, ensure_ascii=False),
        })


def _iso(text: str) -> str:
    return dt.datetime.strptime(text, "%d/%m/%Y").date().isoformat()


def _result_json(result: bareme.TaxResult) -> dict:
    data = dict(result.__dict__)
    data["parts"] = bareme.parts_label(result.parts)
    return data


def personalise(db: sqlite_utils.Database, rng: random.Random) -> None:
    """Fresh tokens, then what the scenario's options ask for (read from the world's meta)."""
    if not db["impots_taxpayer"].count:
        return
    for (doc_id,) in db.execute("SELECT id FROM impots_documents").fetchall():
        db.execute("UPDATE impots_documents SET token = ? WHERE id = ?",
                   [secrets.token_urlsafe(12), doc_id])
    from simulator.sites.impots import declaring, store  # they need the site's package

    def option(name: str) -> str | None:
        return meta(db, f"option:impots.{name}")

    if option("salaires") == "erreur":
        db.execute("UPDATE impots_household SET salaries_prefilled = ?", [_wrong_salaries(db)])
    space = option("espace")
    today = dt.date.fromisoformat(meta(db, "today"))
    prepared = option("declaration")
    if space == "actif" or prepared in declaring.PREPARED:
        store.update_taxpayer(db, status="actif", created_via="numeros")
    elif space == "a_activer":
        sent_at = time.time() - (9 * 3600 if option("activation") == "expiree" else 600)
        store.update_taxpayer(db, status="a_activer", created_via="numeros",
                              creation_step="identified")
        from simulator.sites.impots.mails import send_activation

        send_activation(db, sent_at=sent_at, received_at=dt.datetime.combine(
            today, dt.time(8, 5)).isoformat(timespec="seconds"), announce=False)
    if prepared in declaring.PREPARED:
        declaring.fill_for_scenario(db, today.year - 1, prepared)
        if prepared == "signee":
            declaring.sign(db, today.year - 1, today, announce=False)


def _wrong_salaries(db: sqlite_utils.Database) -> int:
    from simulator.personas import load_persona

    section = load_persona(meta(db, "persona")).section("impots")
    return int(section.get("salaires_errone") or section["salaires"] + 1000)
