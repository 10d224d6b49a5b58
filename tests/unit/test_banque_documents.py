"""The bank's pure history rules (periods, search, statements) and its PDF documents."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from simulator.formats import euros
from simulator.sites.banque import documents, ledger

TODAY = dt.date(2026, 11, 26)


def op(id_, day, cents, label="ACHAT CB LIDL", detail="", category="carte", upcoming=False):
    return ledger.Operation(id_, dt.date.fromisoformat(day), label, detail, cents, category,
                            upcoming)


def pdf_text(data: bytes) -> str:
    """The text drawn by an uncompressed fpdf2 PDF (core fonts, windows-1252 strings)."""
    shown = []
    for raw in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", data):
        unescaped = re.sub(rb"\\([()\\])", rb"\1", raw).replace(rb"\r", b"\r")
        shown.append(unescaped.decode("cp1252"))
    # fpdf2 prints the no-break spaces of euros() as plain spaces.
    return "\n".join(shown).replace("\xa0", " ")


# --- periods and search ---------------------------------------------------------------------


@pytest.mark.parametrize("period, start", [
    ("30j", dt.date(2026, 10, 27)), ("3m", dt.date(2026, 8, 26)), ("6m", dt.date(2026, 5, 26)),
])
def test_period_start(period, start):
    assert ledger.period_start(period, TODAY) == start


def test_months_before_keeps_the_end_of_short_months():
    assert ledger.months_before(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)
    assert ledger.months_before(dt.date(2026, 2, 15), 6) == dt.date(2025, 8, 15)


@pytest.mark.parametrize("value, expected", [
    (None, "30j"), ("", "30j"), ("3m", "3m"), ("6m", "6m"), ("12m", "30j"), ("a-venir", "upcoming"),
    ("upcoming", "30j"), ("<b>", "30j"),
])
def test_a_period_the_history_does_not_know_falls_back_to_30_days(value, expected):
    assert ledger.clean_period(value) == expected


def test_the_search_is_trimmed_and_cut_to_60_characters():
    assert ledger.clean_search("  virement   de  CAF ") == "virement de CAF"
    assert ledger.clean_search("x" * 200) == "x" * 60
    assert ledger.clean_search(None) == ""


def test_the_search_ignores_case_and_accents_and_looks_at_the_detail():
    ops = [op(1, "2026-11-05", 19279, "VIREMENT DE CAF", "PRIME D'ACTIVITE OCTOBRE 2026"),
           op(2, "2026-11-06", -5400, "PRELEVEMENT DE EDF", "ECHEANCE NOVEMBRE 2026"),
           op(3, "2026-11-03", -52000, "VIREMENT POUR SCI LES TILLEULS", "LOYER NOVEMBRE 2026")]
    assert [o.id for o in ledger.search(ops, "caf")] == [1]
    assert [o.id for o in ledger.search(ops, "Prélèvement")] == [2]
    assert [o.id for o in ledger.search(ops, "loyer")] == [3]
    assert [o.id for o in ledger.search(ops, "échéance  novembre")] == [2]
    assert [o.id for o in ledger.search(ops, "virement")] == [1, 3]
    assert [o.id for o in ledger.search(ops, "prélèvement edf")] == [2]  # every word, any place
    assert [o.id for o in ledger.search(ops, "caf loyer")] == []
    assert ledger.search(ops, "") == ops
    assert ledger.search(ops, "<script>") == []


def test_every_category_of_the_persona_has_a_plain_french_type():
    assert op(1, "2026-11-05", 1, category="virement_recu").type_label == "Virement reçu"
    assert op(1, "2026-11-05", 1, category="prelevement").type_label == "Prélèvement"
    assert op(1, "2026-11-05", 1, category="carte").type_label == "Paiement par carte"
    assert op(1, "2026-11-05", 1, category="retrait").type_label == "Retrait d'espèces"
    assert op(1, "2026-11-05", 1, category="cheque").type_label == "Remise de chèque"
    assert op(1, "2026-11-05", 1, category="frais").type_label == "Frais bancaires"
    assert op(1, "2026-11-05", 1, category="??").type_label == "Autre opération"


def test_an_operation_reference_is_bound_to_its_account_and_hides_the_id():
    first = ledger.operation_reference("a1b2c3d4e5f6", 42)
    assert first == ledger.operation_reference("a1b2c3d4e5f6", 42)
    assert first != ledger.operation_reference("a1b2c3d4e5f7", 42)
    assert first != ledger.operation_reference("a1b2c3d4e5f6", 43)
    assert re.fullmatch(r"[0-9a-f]{12}", first) and "42" != first
    ops = [op(41, "2026-11-01", 1), op(42, "2026-11-02", 2)]
    assert ledger.find_by_reference(ops, "a1b2c3d4e5f6", first).id == 42
    assert ledger.find_by_reference(ops, "other-token", first) is None


# --- statements -------------------------------------------------------------------------------


def test_a_statement_closes_on_opening_plus_credits_minus_debits():
    ops = [op(1, "2026-10-31", -2000), op(2, "2026-10-01", 19630, category="virement_recu"),
           op(3, "2026-10-05", -52000), op(4, "2026-11-02", -8880),  # next month
           op(5, "2026-10-30", -2740, upcoming=True)]  # not booked yet
    statement = ledger.build_statement(2026, 10, 160418, ops)
    assert [o.id for o in statement.operations] == [2, 3, 1]
    assert statement.debit_cents == 54000
    assert statement.credit_cents == 19630
    assert statement.closing_cents == 160418 + 19630 - 54000
    assert (statement.first_day, statement.last_day) == (dt.date(2026, 10, 1),
                                                          dt.date(2026, 10, 31))
    assert statement.month == "2026-10"


@pytest.mark.parametrize("value, expected", [
    ("2026-10", (2026, 10)), ("2026-1", None), ("2026-13", None), ("abcd-10", None), (None, None),
    ("2026-10/../x", None),
])
def test_parse_month(value, expected):
    assert ledger.parse_month(value) == expected


def test_the_statement_years_go_back_five_years():
    assert ledger.statement_years(TODAY) == [2026, 2025, 2024, 2023, 2022]


# --- documents --------------------------------------------------------------------------------

CUSTOMER = {"holder": "MME MARTINE DURAND", "address_lines": ["12 rue des Lilas", "Bâtiment B",
                                                              "93200 SAINT-DENIS"],
            "domiciliation": "BANQUE CITOYENNE SAINT-DENIS", "bank_code": "99501",
            "branch_code": "00100", "bic": "BCITFRP1XXX"}


class _Account:
    title = "Livret A"
    number = "8137205C030"
    iban = "FR6099501001008137205C03086"


def test_the_rib_takes_its_key_from_the_rules_and_names_its_file():
    rib = documents.rib_of(CUSTOMER, _Account())
    assert rib.key == "86"
    assert rib.iban_groups == ["FR60", "9950", "1001", "0081", "3720", "5C03", "086"]
    assert rib.file_name == "RIB_Banque_Citoyenne_Livret_A.pdf"


def test_the_rib_pdf_holds_the_mark_the_holder_the_codes_and_the_iban():
    data = documents.rib_pdf(documents.rib_of(CUSTOMER, _Account()), compress=False)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in ["DOCUMENT FICTIF – EXERCICE", "Relevé d'Identité Bancaire",
                     "MME MARTINE DURAND", "Bâtiment B", "BANQUE CITOYENNE SAINT-DENIS",
                     "99501", "00100", "8137205C030", "86",
                     "FR60 9950 1001 0081 3720 5C03 086", "BCITFRP1XXX"]:
        assert expected in text, expected
    assert b"/Encoding /WinAnsiEncoding" in data


def test_the_compressed_pdf_is_a_pdf_too():
    data = documents.rib_pdf(documents.rib_of(CUSTOMER, _Account()))
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert b"FR60" not in data  # compressed streams


def test_the_statement_pdf_holds_the_balances_the_operations_and_the_euro_sign():
    ops = [op(1, "2026-10-05", -2000, "RETRAIT DAB 05/10/26 13H57 SAINT-DENIS BASILIQUE"),
           op(2, "2026-10-16", 4300, "VERSEMENT ESPECES", "GUICHET SAINT-DENIS PPAL",
              "versement")]
    statement = ledger.build_statement(2026, 10, 200023, ops)
    data = documents.statement_pdf(documents.rib_of(CUSTOMER, _Account()), statement,
                                   compress=False)
    text = pdf_text(data)
    assert data.startswith(b"%PDF")
    for expected in ["DOCUMENT FICTIF – EXERCICE", "Relevé de compte – Livret A",
                     "Période du 01/10/2026 au 31/10/2026", "MME MARTINE DURAND",
                     "FR60 9950 1001 0081 3720 5C03 086",
                     "Ancien solde créditeur au 30/09/2026", euros(200023),
                     "RETRAIT DAB 05/10/26 13H57 SAINT-DENIS BASILIQUE", euros(2000),
                     "VERSEMENT ESPECES\nGUICHET SAINT-DENIS PPAL", euros(4300),
                     "Total des opérations", "Nouveau solde créditeur au 31/10/2026",
                     euros(200023 + 4300 - 2000)]:
        assert expected.replace("\xa0", " ") in text, expected
    assert "€" in euros(4300) and b"\x80" in data  # the euro sign, in windows-1252


def test_a_negative_balance_is_debiteur_in_the_debit_column():
    statement = ledger.build_statement(2026, 10, -31813, [op(1, "2026-10-02", -1000)])
    assert documents.opening_label(statement) == "Ancien solde débiteur au 30/09/2026"
    assert documents.closing_label(statement) == "Nouveau solde débiteur au 31/10/2026"
    assert documents.debit_credit(statement.closing_cents) == (euros(32813), "")
    assert documents.debit_credit(500) == ("", euros(500))


def test_a_character_outside_windows_1252_never_breaks_a_pdf():
    customer = {**CUSTOMER, "holder": "MME ŁUCJA ĐURIĆ 李"}
    data = documents.rib_pdf(documents.rib_of(customer, _Account()), compress=False)
    # ć loses its accent; Ł, Đ and 李 have no windows-1252 form: « ? ».
    assert "MME ?UCJA ?URIC ?" in pdf_text(data)
