"""The IBAN of the add-beneficiary form: seven boxes, the RIB key, mod 97; names and labels."""

from __future__ import annotations

import pytest
from stdnum import iban as stdnum_iban

from simulator.sites.banque import rules
from simulator.sites.banque.rules import IbanProblem, check_iban_boxes

SOPHIE = "FR7699503000200002104587208"
WITH_LETTERS = "FR8299501001000458213K02049"  # letters in the account number are allowed


def boxes(iban: str) -> list[str]:
    return rules.split_iban_boxes(iban)


def with_box(iban: str, number: int, typed: str) -> list[str]:
    result = boxes(iban)
    result[number - 1] = typed
    return result


def test_the_boxes_follow_the_real_form():
    assert rules.IBAN_BOX_LENGTHS == (2, 4, 4, 4, 4, 4, 3)
    assert boxes(SOPHIE) == ["76", "9950", "3000", "2000", "0210", "4587", "208"]
    assert "FR" + "".join(boxes(SOPHIE)) == SOPHIE


@pytest.mark.parametrize("iban", [SOPHIE, WITH_LETTERS, "FR7699502000100004128736402",
                                  "FR7699503000200018573460123"])
def test_valid_ibans_are_joined(iban):
    assert check_iban_boxes("FR", boxes(iban)) == (iban, None)


def test_spaces_and_lower_case_are_forgiven():
    typed = ["82", " 9950", "10 01", "0004", "5821", "3k02", "049 "]
    assert check_iban_boxes("FR", typed) == (WITH_LETTERS, None)


@pytest.mark.parametrize("number, typed", [
    (1, "7A"), (2, "99O5"), (3, "3OOO"), (4, "A000"), (4, "2B00"), (7, "2O8"), (7, "20B"),
    (2, "99٣5"),  # a digit of another script is not a digit of an IBAN
])
def test_letters_where_only_digits_go_name_the_box(number, typed):
    assert check_iban_boxes("FR", with_box(SOPHIE, number, typed)) == (
        None, IbanProblem("letters", number))


@pytest.mark.parametrize("number, typed", [(4, "20AB"), (5, "Z210"), (6, "KQ87"), (7, "K08")])
def test_letters_are_allowed_in_the_account_number(number, typed):
    iban, problem = check_iban_boxes("FR", with_box(SOPHIE, number, typed))
    assert problem == IbanProblem("check")  # well formed: only the keys are now wrong


@pytest.mark.parametrize("number, typed", [(5, "02-0"), (6, "45.7"), (4, "20É0"), (6, "<b>")])
def test_signs_are_refused_in_the_letter_boxes(number, typed):
    assert check_iban_boxes("FR", with_box(SOPHIE, number, typed)) == (
        None, IbanProblem("characters", number))


@pytest.mark.parametrize("number, typed", [(1, ""), (1, "7"), (3, "300"), (5, ""), (7, "20")])
def test_a_short_box_is_incomplete(number, typed):
    assert check_iban_boxes("FR", with_box(SOPHIE, number, typed)) == (
        None, IbanProblem("incomplete", number))


def test_the_first_box_at_fault_is_reported():
    typed = ["76", "9950", "30", "2000", "02", "45A7", "208"]
    assert check_iban_boxes("FR", typed) == (None, IbanProblem("incomplete", 3))


def test_a_box_longer_than_the_form_allows_is_refused():
    assert check_iban_boxes("FR", with_box(SOPHIE, 7, "2080")) == (
        None, IbanProblem("too_long", 7))


@pytest.mark.parametrize("country, typed", [("BE", boxes(SOPHIE)), ("FR", boxes(SOPHIE)[:6])])
def test_only_the_seven_boxes_of_a_french_iban(country, typed):
    assert check_iban_boxes(country, typed) == (None, IbanProblem("format"))


def test_a_wrong_mod_97_is_refused():
    wrong = "FR77" + SOPHIE[4:]
    assert check_iban_boxes("FR", boxes(wrong)) == (None, IbanProblem("check"))


def test_a_typing_mistake_in_the_account_number_is_caught():
    wrong = SOPHIE[:15] + "9" + SOPHIE[16:]
    assert check_iban_boxes("FR", boxes(wrong)) == (None, IbanProblem("check"))


def test_a_wrong_rib_key_is_refused_even_with_right_check_digits():
    bban = "99503" "00020" "00021045872" "09"  # the right key is 08
    forged = "FR" + stdnum_iban.calc_check_digits("FR00" + bban) + bban
    stdnum_iban.validate(forged)  # mod 97 alone would let it through
    assert check_iban_boxes("FR", boxes(forged)) == (None, IbanProblem("check"))


def test_the_rib_key_counts_letters_like_the_historical_table():
    assert rules.rib_key("99501", "00100", "0458213K020") == "49"
    assert rules.rib_key("99501", "00100", "0458213K020") == rules.rib_key(
        "99501", "00100", "04582132020")  # K counts as 2
    assert rules.rib_key("99503", "00020", "00021045872") == "08"


def test_french_iban_builds_what_check_accepts():
    iban = rules.french_iban("99501", "00200", "12345678901")
    assert check_iban_boxes("FR", boxes(iban)) == (iban, None)
    assert rules.bank_code(iban) == "99501"


def test_the_lists_mask_the_middle_of_the_iban():
    assert rules.masked_iban("FR7699502000100004128736402") == (
        "FR76 9950 •••• •••• •••• •••6 402")


@pytest.mark.parametrize("text, problem", [
    ("Sophie Durand", None), ("Hélène D'Arc-Dupont", None), ("SCI LES TILLEULS", None),
    ("M. & Mme Martin (Paris)", None), ("Zoë O’Neil", None), ("", "missing"),
    ("A" * 71, "too_long"), ("A" * 70, None), ("<b>Sophie</b>", "characters"),
    ("Sophie; Karim", "characters"), ('"Sophie"', "characters"), ("so_phie", "characters"),
])
def test_names_of_beneficiaries(text, problem):
    assert rules.check_beneficiary_text(text, max_length=70, required=True) == problem


def test_the_label_is_optional_but_short():
    assert rules.check_beneficiary_text("", max_length=35, required=False) is None
    assert rules.check_beneficiary_text("B" * 36, max_length=35, required=False) == "too_long"


def test_clean_text_collapses_spaces():
    assert rules.clean_text("  Sophie \t  Durand  ") == "Sophie Durand"
    assert rules.clean_text(None) == ""
