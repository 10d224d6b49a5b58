"""France Travail's rules on their own: formats of the login, the allocation's arithmetic, the
places and keywords of the job search, the checks of the documents and of the registration."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from werkzeug.datastructures import MultiDict

from simulator.sites.francetravail import offers_data
from simulator.sites.francetravail.rules import access, documents, offers, payments
from simulator.sites.francetravail.rules.calendar import Period
from simulator.sites.francetravail.rules.registration import appointment_slots, recap
from simulator.sites.francetravail.rules.registration_checks import check_step, safe_to_keep

NIR = "191069300824560"


@pytest.mark.parametrize("typed, expected", [(" 4827153k ", "4827153K"),
                                             ("48 27 153 K", "4827153K")])
def test_the_identifiant_is_read_as_the_site_reads_it(typed, expected):
    assert access.clean_identifiant(typed) == expected
    assert access.identifiant_problem(expected) is None


def test_a_chosen_password_is_compared_by_its_hash():
    hashed = access.hash_password("246810")
    assert "246810" not in hashed
    assert access.password_matches("246810", plain="739251", hashed=hashed)
    assert not access.password_matches("739251", plain="739251", hashed=hashed)
    assert access.password_matches("739251", plain="739251", hashed=None)


def test_the_allocation_counts_thirty_days_a_month_and_its_deductions():
    november = Period(2026, 11)
    assert payments.days_paid(dt.date(2026, 10, 1), november) == 30
    assert payments.days_paid(dt.date(2026, 11, 10), november) == 21
    assert payments.days_paid(dt.date(2026, 12, 1), november) == 0
    amounts = payments.amounts(4127, 30)
    assert amounts == {"gross_cents": 123810, "pension_cents": 3714, "csg_cents": 7906,
                       "net_cents": 112190}


def test_places_are_communes_postal_codes_or_departments():
    data = offers_data.data()

    def place(text):
        return offers.resolve_place(text, data.communes, data.departements)

    assert place("aubervilliers").label == "Aubervilliers (93)"
    assert place("93300").label == "Aubervilliers (93)"
    assert place("Aubervilliers (93)").label == "Aubervilliers (93)"
    assert place("Seine-Saint-Denis").latitude is None and place("93").department == "93"
    assert place("paris 19").label == "Paris 19e Arrondissement (75)"
    assert place("Atlantis") is None and place("") is None
    home, rungis = place("93300"), place("Rungis")
    assert offers.distance_km(home.latitude, home.longitude, rungis.latitude,
                              rungis.longitude) == 19


def test_keywords_begin_words_of_the_offer_accents_and_capitals_aside():
    title = "Préparateur / Préparatrice de commandes (H/F)"
    assert offers.keyword_match("preparateur de commandes", title)
    assert offers.keyword_match("PRÉPARATRICE", title)
    assert offers.keyword_match("", title)
    assert not offers.keyword_match("cariste", title)
    assert offers.published_label(0) == "Publié aujourd'hui"
    assert offers.published_label(1) == "Publié hier"
    assert offers.published_label(4) == "Publié il y a 4 jours"


def a_paper(**changes):
    base = {"token": "t1", "kind": "attestation_employeur", "format": "PDF", "size_ko": 400,
            "period_start": "2026-11-01", "period_end": "2026-11-30"}
    return SimpleNamespace(**{**base, **changes})


@pytest.mark.parametrize("changes, reason", [
    ({"format": "HEIC"}, "format"),
    ({"format": "JPG", "size_ko": 6240}, "too_large"),
    ({"size_ko": 5000}, None),
])
def test_documents_follow_the_real_constraints(changes, reason):
    paper = a_paper(**changes)
    problem = documents.document_problem(
        document_type="attestation_employeur", period_token="p", period_known=True,
        paper_token=paper.token, paper=paper, sent_on_by_paper={}, period_taken=False)
    assert (problem[0] if problem else None) == reason


def test_a_paper_covers_a_work_period_when_their_dates_meet():
    assert documents.covers(a_paper(), "2026-11-17", "2026-11-19")
    assert not documents.covers(a_paper(), "2025-12-01", "2026-07-31")
    assert not documents.covers(a_paper(period_start=None, period_end=None), "2026-11-01",
                                "2026-11-30")


def test_registration_steps_keep_what_is_clean_and_say_what_is_wrong():
    today = dt.date(2026, 12, 2)
    step = check_step(5, MultiDict([("metier_recherche", "  Préparateur   de commandes "),
                                    ("contrats", "interim"), ("contrats", "cdi"),
                                    ("temps", "plein")]), today=today, persona_nir=NIR)
    assert step.errors == {}
    assert step.clean == {"metier_recherche": "Préparateur de commandes",
                          "contrats": ["cdi", "interim"], "temps": "plein"}
    forged = check_step(5, MultiDict([("metier_recherche", "x"), ("contrats", "esclavage"),
                                      ("temps", "plein")]), today=today, persona_nir=NIR)
    assert forged.reasons == [("contrats", "unknown_option")]


def test_only_the_beginning_of_the_persona_nir_is_kept_in_a_draft():
    assert safe_to_keep(1, {"nir": "1 91 06 93"}, NIR)["nir"] == "1 91 06 93"
    assert safe_to_keep(1, {"nir": "2 85 05"}, NIR)["nir"] == ""


def test_appointments_are_offered_on_working_days_from_two_days_on():
    slots = appointment_slots(dt.date(2026, 12, 4))  # a Friday
    days = {dt.date.fromisoformat(key[:10]) for key in slots}
    assert len(slots) == 6 and min(days) == dt.date(2026, 12, 7)
    assert all(day.weekday() < 5 for day in days)
    assert list(slots.values())[0].startswith("lundi 7 décembre 2026 à ")


def test_the_recap_writes_each_answer_as_the_summary_shows_it():
    rows = dict((title, dict(fields)) for _n, title, fields in recap(
        {"2": {"motif": "fin_cdd", "disponible": "OUI"}, "4": {"langues": ["francais"]}}))
    assert rows["Ma situation"]["Motif de votre inscription"] == \
        "Fin de contrat à durée déterminée (CDD)"
    assert rows["Ma situation"]["Êtes-vous disponible pour travailler dès maintenant ?"] == "Oui"
    assert rows["Mes connaissances"]["Langues que vous parlez"] == "Français"
    assert rows["Mes expériences"]["Métier exercé"] == "—"
