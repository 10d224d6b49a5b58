"""The CAF's pure rules: the quarter from the world's date, the amounts people type, the NIR and
the verification code, the new address, the estimate of the prime d'activité."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.formats import AmountError
from simulator.sites.caf import estimate, rules
from simulator.sites.caf.store import code_hash

NIR = "298026938804710"


@pytest.mark.parametrize("today, months, label", [
    (dt.date(2025, 3, 10), ["2024-11", "2024-12", "2025-01"],
     "novembre 2024, décembre 2024 et janvier 2025"),
    (dt.date(2025, 6, 1), ["2025-02", "2025-03", "2025-04"],
     "février 2025, mars 2025 et avril 2025"),
    (dt.date(2026, 11, 26), ["2026-07", "2026-08", "2026-09"],
     "juillet 2026, août 2026 et septembre 2026"),
    (dt.date(2027, 2, 28), ["2026-10", "2026-11", "2026-12"],
     "octobre 2026, novembre 2026 et décembre 2026"),
])
def test_the_reference_months_end_two_months_before_the_declaration(today, months, label):
    quarter = rules.quarter_due(today)
    assert [m.strftime("%Y-%m") for m in quarter.reference_months] == months
    assert quarter.label == label


def test_a_quarter_has_a_deadline_a_key_and_neighbours():
    quarter = rules.quarter_due(dt.date(2026, 12, 3))
    assert quarter.key == "2026-12" and quarter.deadline == dt.date(2026, 12, 31)
    assert quarter.next().key == "2027-03" and quarter.previous().key == "2026-09"
    assert rules.quarter_from_key("2026-12") == quarter
    for bad in ("", None, "2026-13", "2026-1", "abcd-ef", "2026-12-01"):
        assert rules.quarter_from_key(bad) is None


@pytest.mark.parametrize("typed, cents", [
    ("1 234,56", 123456), ("1234.56", 123456), ("1 234 €", 123400), ("1.234,56", 123456),
    ("1234,5", 123450), ("150", 15000), ("150 euros", 15000), ("150EUR", 15000), ("0", 0),
    ("0,00", 0), ("\u00a01\u202f362,44 €", 136244), (" 1362,44 ", 136244),
])
def test_amounts_are_read_as_people_type_them(typed, cents):
    assert rules.parse_resource(typed) == cents


@pytest.mark.parametrize("typed, reason", [
    ("", "empty"), ("   ", "empty"), ("-150", "negative"), ("douze", "format"),
    ("12,345", "format"), ("1,234.56", "format"), ("1 2 3 4,5,6", "format"),
    ("150000000", "too_big"), ("100000,01", "too_big"),
])
def test_nonsense_amounts_get_a_reason_with_a_message(typed, reason):
    with pytest.raises(AmountError) as raised:
        rules.parse_resource(typed)
    assert raised.value.reason == reason
    assert rules.AMOUNT_MESSAGES[reason]


def test_typed_cents_shows_an_amount_ready_to_change():
    assert rules.typed_cents(136244) == "1362,44" and rules.typed_cents(5) == "0,05"


@pytest.mark.parametrize("typed, reason", [
    ("", "nir_empty"), ("2980269388047", "nir_length"), ("29802693880471", "nir_length"),
    ("2 98 02 69 388 047 10", None), ("298026938804711", "nir_key"),
    ("29802693880471X", "nir_characters"), ("185057800608491", "real_number"),
])
def test_the_nir_is_checked_with_its_key(typed, reason):
    assert rules.check_login_nir(typed, NIR) == reason


def test_a_code_is_right_wrong_expired_or_already_used():
    issued = {"code_hash": code_hash("123456"), "sent_at": 1000.0}
    used = {code_hash("654321")}

    def problem(typed, now=1100.0):
        return rules.code_problem(typed, issued=issued, used_hashes=used,
                                  typed_hash=code_hash(typed), now=now)

    assert problem("123456") is None
    assert problem("12345") == "code_format" and problem("12345a") == "code_format"
    assert problem("111111") == "code_wrong"
    assert problem("654321") == "code_used"
    assert problem("123456", now=1000.0 + rules.CODE_SECONDS + 1) == "code_expired"


def test_the_new_password_follows_the_rules_and_is_the_cards():
    assert rules.check_new_password("court1", "court1", "Tulipe2580") == "password_short"
    assert rules.check_new_password("sansChiffre", "sansChiffre", "Tulipe2580") == \
        "password_letters_digits"
    assert rules.check_new_password("Tulipe2580", "Tulipe2581", "Tulipe2580") == \
        "password_mismatch"
    assert rules.check_new_password("Autre12345", "Autre12345", "Tulipe2580") == \
        "password_not_persona"
    assert rules.check_new_password("Tulipe2580", "Tulipe2580", "Tulipe2580") is None


def test_masks_as_the_code_page_writes_them():
    assert rules.masked_phone("06 39 98 63 05") == "06 ** ** ** 05"
    assert rules.masked_email("nadia.ferrand@mel-exemple.fr") == "n************@mel-exemple.fr"


def _address(**changes):
    form = {"rue": "12 rue Anatole-France", "code_postal": "69100", "commune": "Villeurbanne",
            "logement": "locataire"}
    form.update(changes)
    return form


def test_the_new_address_is_checked_field_by_field():
    today = dt.date(2026, 11, 26)
    current = "7 allée des Tisserands"
    assert rules.check_address(_address(), dt.date(2026, 11, 23), today, current) == {}
    assert rules.check_address(_address(rue="", code_postal="6910", commune="", logement=""),
                               None, today, current) == {
        "rue": "street_empty", "code_postal": "postcode_format", "commune": "city_empty",
        "date": "date_format", "logement": "housing_missing"}
    assert rules.check_address(_address(rue="7 ALLÉE DES TISSERANDS"), today, today,
                               current) == {"rue": "same_address"}
    assert rules.check_address(_address(), dt.date(2027, 6, 1), today, current) == {
        "date": "date_future"}
    assert rules.check_address(_address(), dt.date(2024, 1, 1), today, current) == {
        "date": "date_old"}


@pytest.mark.parametrize("couple, children, factor", [
    (False, 0, 1.0), (False, 1, 1.5), (False, 2, 1.8), (False, 3, 2.2),
    (True, 0, 1.5), (True, 1, 1.8), (True, 2, 2.1), (True, 3, 2.5),
])
def test_the_montant_forfaitaire_grows_with_the_household(couple, children, factor):
    assert estimate.household_factor(couple, children) == pytest.approx(factor)


def test_the_estimate_for_nadia_follows_the_formula():
    result = estimate.estimate(couple=False, children=1, work_cents=135_809, other_cents=15_000,
                               housing_aid=True)
    forfaitaire = round(63_321 * 1.5)  # 949,82 €
    housing = round(63_321 * 0.16)  # two people
    expected = forfaitaire + round(135_809 * 0.61) + estimate.BONUS_MAX_CENTS - (
        135_809 + 15_000 + housing)
    assert result.monthly_cents == expected
    assert 30_000 < result.monthly_cents < 40_000  # about 350 € a month, as Nadia receives


def test_the_bonification_rises_between_59_and_95_smic_hours():
    low, high = 59 * estimate.SMIC_HOURLY_CENTS, 95 * estimate.SMIC_HOURLY_CENTS
    assert estimate.bonification(low) == 0
    assert estimate.bonification(high) == estimate.BONUS_MAX_CENTS
    assert 0 < estimate.bonification((low + high) // 2) < estimate.BONUS_MAX_CENTS


def test_no_prime_without_work_income_or_under_15_euros():
    assert estimate.estimate(couple=False, children=0, work_cents=0, other_cents=0,
                             housing_aid=False).monthly_cents == 0
    assert estimate.estimate(couple=False, children=0, work_cents=400_000, other_cents=0,
                             housing_aid=False).monthly_cents == 0
    small = estimate.estimate(couple=False, children=0, work_cents=50_000, other_cents=0,
                              housing_aid=False)
    assert small.monthly_cents == 63_321 + round(50_000 * 0.61) - 63_321
