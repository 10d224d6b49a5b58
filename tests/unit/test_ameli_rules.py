"""The ameli account's pure rules: the NIR as the login asks for it, the six boxes of the code,
the reimbursement (base × taux − participation forfaitaire), and its PDFs' words."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.identifiers import nir_key
from simulator.sites.ameli import pdf, rules
from tests.unit.test_banque_documents import pdf_text

NIR = "2980269388047"


@pytest.mark.parametrize("typed, reason", [
    (NIR, None),
    ("2 98 02 69 388 047", None),
    ("", "nir_empty"),
    ("29802693880", "nir_length"),
    ("29802693880471", "nir_length"),
    ("2980269388O47", "nir_characters"),
    (NIR + nir_key(NIR), "nir_with_key"),
    (NIR + "99", "nir_key"),
    ("1850775123456", "real_number"),
    ("185077512345678", "real_number"),
])
def test_check_nir(typed, reason):
    if typed == "185077512345678":  # a valid NIR with its key, not the persona's
        typed = "1850775123456" + nir_key("1850775123456")
    assert rules.check_nir(typed, NIR) == reason


def test_every_reason_has_a_message():
    for reason in ("nir_empty", "nir_length", "nir_characters", "nir_with_key", "nir_key",
                   "real_number", "code_empty", "wrong_code_personnel", "locked",
                   "code_format", "code_expired", "code_used", "code_requests"):
        assert rules.MESSAGES[reason]
    assert "compte ameli est verrouillé" in rules.MESSAGES["locked"]
    assert "accès à votre compte ameli est bloqué" in rules.MESSAGES["locked"]
    assert rules.MESSAGES["wrong_code_personnel"].startswith(
        "Le numéro de sécurité sociale et le code personnel ne correspondent pas")


@pytest.mark.parametrize("boxes, code, ok", [
    (list("123456"), "123456", True),
    (["123456", "", "", "", "", ""], "123456", True),
    ([" 1", "2 ", "3", "4", "5", "6"], "123456", True),
    (list("12345") + [""], "12345", False),
    (list("12a456"), "12a456", False),
    (list("١٢٣٤٥٦"), "١٢٣٤٥٦", False),  # Arabic-Indic digits are not the code's digits
    ([None] * 6, "", False),
])
def test_the_six_boxes(boxes, code, ok):
    assert rules.joined_code(boxes) == code
    assert rules.code_format_ok(code) is ok


def test_wrong_code_message_counts_down():
    assert "Il vous reste 2 essais." in rules.wrong_code_message(2)
    assert "Il vous reste 1 essai." in rules.wrong_code_message(1)


@pytest.mark.parametrize("spent, base, rate, deducted, reimbursed, left", [
    (3000, 3000, 70, 200, 1900, 1100),  # généraliste: 30 € × 70 % − 2 €
    (3500, 3500, 70, 0, 2450, 1050),  # pédiatre, a child: no participation
    (1840, 1840, 65, 200, 996, 844),  # two boxes: franchise 2 × 1 €
    (4600, 2300, 60, 200, 1180, 3420),  # dentist above the base
    (100, 100, 70, 200, 0, 100),  # never below zero
    (1001, 1001, 65, 0, 651, 350),  # 6,5065 € rounded to the cent
])
def test_reimbursement(spent, base, rate, deducted, reimbursed, left):
    money = rules.reimbursement(spent, base, rate, deducted)
    assert (money.reimbursed, money.left) == (reimbursed, left)


@pytest.mark.parametrize("label, kind", [
    ("Consultation médecin généraliste", "consultation"), ("Consultation pédiatre", "pediatre"),
    ("Médicaments (pharmacie)", "pharmacie"), ("Soins dentaires", "dentaire"),
])
def test_act_kind(label, kind):
    assert rules.act_kind(label) == kind


def test_spaced_nir_and_masked_email():
    assert rules.spaced_nir(NIR, "10") == "2 98 02 69 388 047 10"
    assert rules.masked_email("nadia.ferrand@mel-exemple.fr") == "n************@mel-exemple.fr"


ACCOUNT = {"person": {"civilite": "MME", "prenom": "Nadia", "nom": "Ferrand",
                      "naissance": "1998-02-17", "adresse": ["7 allée des Tisserands"]},
           "nir": NIR, "nir_key": "10", "caisse": "Caisse primaire d'assurance maladie du Rhône",
           "doctor": "Dr Julien MARTIN", "children": [{"prenom": "Lina",
                                                       "naissance": "2023-05-14"}]}


def test_the_attestation_de_droits_says_who_is_covered_and_is_fictive():
    text = pdf_text(pdf.attestation(ACCOUNT, dt.date(2026, 12, 3), with_children=True,
                                    compress=False))
    for words in ("DOCUMENT FICTIF – EXERCICE", "Attestation de droits à l'assurance maladie",
                  "2 98 02 69 388 047 10", "Nadia FERRAND", "ouverts jusqu'au 30/11/2027",
                  "Lina FERRAND, née le 14/05/2023"):
        assert words in text
    alone = pdf_text(pdf.attestation(ACCOUNT, dt.date(2026, 12, 3), with_children=False,
                                     compress=False))
    assert "Lina" not in alone


def test_the_monthly_statement_lists_each_line():
    line = {"act": "Consultation médecin généraliste", "beneficiary": "Nadia",
            "care_on": "2026-11-06", "third_party": 0,
            "money": rules.reimbursement(3000, 3000, 70, 200)}
    text = pdf_text(pdf.statement(ACCOUNT, "novembre 2026", [line], compress=False))
    for words in ("Relevé mensuel de vos remboursements – novembre 2026", "30,00 €", "70 %",
                  "- 2,00 €", "19,00 €", "DOCUMENT FICTIF"):
        assert words in text
