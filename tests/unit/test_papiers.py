"""« Mes documents »: the persona's papers, dated from the world's day, read by other sites."""

from __future__ import annotations

import datetime as dt
import importlib
import random

import pytest
from pydantic import ValidationError

from simulator import db as dbhelpers
from simulator.personas import Persona
from simulator.sites.papiers import store
from simulator.sites.papiers.migrations import migrations

# The module, not the function of the same name the site's package re-exports.
seed = importlib.import_module("simulator.sites.papiers.seed")

DAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("text, expected", [
    ("Bulletin de paie de {mois:-1}", "Bulletin de paie de novembre 2026"),
    ("Période du {debut_mois:-2} au {fin_mois:-2}", "Période du 01/10/2026 au 31/10/2026"),
    ("Fait le {date:-35}", "Fait le 28/10/2026"),
    ("Revenus {annee:-1}", "Revenus 2025"),
    ("{mois:-12}", "décembre 2025"),
    ("Sans date", "Sans date"),
])
def test_relative_dates_follow_the_world(text, expected):
    assert seed.resolve(text, DAY) == expected


def persona(papers: list[dict]) -> Persona:
    return Persona.model_validate({
        "id": "essai", "identite": {"civilite": "M.", "prenom": "Ali", "nom": "Test",
                                    "naissance": "1990-01-01", "adresse": ["1 rue A"]},
        "papiers": papers})


def seeded(tmp_path, papers: list[dict]):
    db = dbhelpers.connect(tmp_path / "w.db")
    migrations.apply(db)
    seed.seed(db, persona(papers), DAY, random.Random(1))
    seed.personalise(db, random.Random(2))
    return db


def test_papers_are_seeded_in_order_with_their_period_and_fresh_tokens(tmp_path):
    db = seeded(tmp_path, [
        {"id": "bulletin-octobre", "titre": "Bulletin de paie {mois:-2}",
         "type": "bulletin_salaire",
         "format": "PDF", "taille_ko": 180, "periode": ["{debut_mois:-2}", "{fin_mois:-2}"],
         "champs": [{"libelle": "Net à payer", "valeur": "1 402,16 €"}]},
        {"id": "photo-attestation", "titre": "Attestation employeur",
         "type": "attestation_employeur",
         "format": "jpg", "taille_ko": 6200},
    ])
    first, second = store.papers(db)
    assert (first.title, first.period_start, first.period_end) == (
        "Bulletin de paie octobre 2026", "2026-10-01", "2026-10-31")
    assert first.content["champs"][0]["valeur"] == "1 402,16 €"
    assert (second.format, second.is_photo, second.size_label) == ("JPG", True, "6,2 Mo")
    assert second.file_name == "photo_attestation.jpg"
    assert not first.token.startswith("seed-")
    assert store.paper_by_token(db, first.token) == first
    assert store.paper_by_token(db, "seed-0") is None and store.paper_by_token(db, None) is None
    assert store.paper_by_slug(db, "photo-attestation") == second


def test_a_persona_without_papers_has_an_empty_folder(tmp_path):
    db = dbhelpers.connect(tmp_path / "w.db")
    migrations.apply(db)
    seed.seed(db, Persona.model_validate({"id": "x", "identite": {
        "civilite": "M.", "prenom": "A", "nom": "B", "naissance": "1990-01-01", "adresse": []}}),
        DAY, random.Random(1))
    assert store.count(db) == 0


def test_a_broken_paper_is_reported_with_its_field(tmp_path):
    with pytest.raises(ValidationError, match="taille_ko"):
        seeded(tmp_path, [{"id": "x", "titre": "X", "type": "cv", "taille_ko": "énorme"}])
