"""What the tax space checks, field by field, with the site's own reasons (rules.py)."""

from __future__ import annotations

import pytest

from simulator.identifiers import numero_fiscal_with_key
from simulator.sites.impots import rules

PERSONA = "3012847596283"


@pytest.mark.parametrize("typed, reason", [
    ("3012847596283", None),
    ("30 12 847 596 283", None),  # as the papers print it
    ("", "fiscal_empty"),
    ("301284759628", "fiscal_format"),  # 12 digits
    ("30128475962831", "fiscal_format"),  # 14 digits
    ("30128475962AB", "fiscal_format"),
    ("3012847596284", "fiscal_key"),  # one digit wrong: the check digits fail
    (numero_fiscal_with_key("1098765432"), "real_number"),  # valid, not the persona's
])
def test_numero_fiscal(typed, reason):
    assert rules.check_fiscal(typed, PERSONA) == reason


@pytest.mark.parametrize("typed, reason", [
    ("4827193", None), ("482 71 93", None), ("482719", "access_format"),
    ("48271934", "access_format"), ("48271a3", "access_format"), ("", "access_format"),
    ("4827139", "access_wrong"),
])
def test_numero_d_acces_en_ligne(typed, reason):
    assert rules.check_access_number(typed, "4827193") == reason


@pytest.mark.parametrize("typed, reason", [
    ("13968", None), ("13 968", None), ("13968 €", None), ("13 968€", None),
    ("13\u00a0968 €", None), ("0013968", None),
    ("", "rfr_empty"), ("13968,00", "rfr_format"), ("13.968", "rfr_format"),
    ("-13968", "rfr_negative"), ("treize mille", "rfr_format"), ("١٣٩٦٨", "rfr_format"),
    ("13986", "rfr_wrong"), ("9" * 40, "rfr_format"),
])
def test_revenu_fiscal_de_reference_as_people_type_it(typed, reason):
    assert rules.check_rfr(typed, 13968) == reason


@pytest.mark.parametrize("password, confirmation, reason", [
    ("Lilas7412", "Lilas7412", None),
    ("Lil7412", "Lil7412", "password_short"),
    ("x" * 61 + "1234", "x" * 61 + "1234", "password_long"),
    ("12345678", "12345678", "password_no_letter"),
    ("Lilasbleu", "Lilasbleu", "password_no_digit"),
    ("Lilas7412", "Lilas7421", "password_mismatch"),
    ("Soleil2099", "Soleil2099", "password_not_persona"),  # right shape: maybe a real one
])
def test_password_rules_then_the_kiosk_s_own(password, confirmation, reason):
    assert rules.check_new_password(password, confirmation, "Lilas7412") == reason


@pytest.mark.parametrize("email, confirmation, reason", [
    ("nadia.ferrand@mel-exemple.fr", "nadia.ferrand@mel-exemple.fr", None),
    ("Nadia.Ferrand@mel-exemple.fr", "nadia.ferrand@MEL-exemple.fr", None),
    ("nadia.ferrand.mel-exemple.fr", "nadia.ferrand.mel-exemple.fr", "email_format"),
    ("nadia@", "nadia@", "email_format"),
    ("nadia ferrand@mel-exemple.fr", "x", "email_format"),
    ("nadia.ferrand@mel-exemple.fr", "nadia.ferand@mel-exemple.fr", "email_mismatch"),
    ("moi@exemple.com", "moi@exemple.com", "email_not_persona"),
])
def test_email(email, confirmation, reason):
    assert rules.check_email(email, confirmation, "nadia.ferrand@mel-exemple.fr") == reason


@pytest.mark.parametrize("typed, expected", [
    ("2460", (2460, None)), ("2 460", (2460, None)), ("2460 €", (2460, None)),
    ("", (0, None)), ("0", (0, None)),
    ("2460,00", (None, "amount_format")), ("2.460", (None, "amount_format")),
    ("2460.5", (None, "amount_format")), ("-2460", (None, "amount_negative")),
    ("1e309", (None, "amount_format")), ("NaN", (None, "amount_format")),
    ("9999999999", (None, "amount_too_big")),
])
def test_amounts_of_the_declaration_are_whole_euros(typed, expected):
    assert rules.amount_problem(typed) == expected


def test_the_salary_box_cannot_be_left_empty():
    assert rules.amount_problem("  ", required=True) == (None, "salary_empty")


def test_messages_for_every_reason_and_the_attempts_left():
    for reason in ("fiscal_format", "fiscal_key", "real_number", "access_wrong", "rfr_format",
                   "password_short", "email_format", "amount_format", "blocked"):
        assert rules.MESSAGES[reason]
    assert rules.wrong_password_message(2) == (
        "Votre mot de passe est incorrect, il vous reste 2 essais pour vous identifier.")
    assert "il vous reste 1 essai pour" in rules.wrong_password_message(1)
    assert rules.spaced_fiscal(PERSONA) == "30 12 847 596 283"
