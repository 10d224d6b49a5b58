"""The bank's documents: the RIB and the monthly statement, as the page shows them and as PDFs.

PDFs are drawn by simulator.pdf (the fictive mark on every page, the fonts), in memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fpdf.fonts import FontFace

from simulator.formats import date_fr, euros
from simulator.pdf import FICTIVE_MARK, FICTIVE_NOTE, SOFT, FictivePdf, file_words, winansi
from simulator.sites.banque import rules
from simulator.sites.banque.ledger import Statement

BANK_NAME = "Banque Citoyenne"
BANK_ADDRESS = ["Centre financier fictif", "99 avenue de l'Exercice", "93200 SAINT-DENIS"]

_NAVY = (19, 48, 107)


@dataclass(frozen=True)
class Rib:
    """Everything a RIB prints, from the customer row and the account."""

    holder: str
    address_lines: tuple[str, ...]
    account_title: str
    domiciliation: str
    bank_code: str
    branch_code: str
    number: str
    key: str
    iban: str
    bic: str

    @property
    def iban_groups(self) -> list[str]:
        return rules.iban_groups(self.iban)

    @property
    def file_name(self) -> str:
        """``RIB_Banque_Citoyenne_Livret_A.pdf``: letters, digits and underscores only."""
        return f"RIB_{file_words(BANK_NAME)}_{file_words(self.account_title)}.pdf"


def page_context() -> dict:
    """What the page version of a document shows besides its data."""
    return {"bank_name": BANK_NAME, "bank_address": BANK_ADDRESS, "fictive_mark": FICTIVE_MARK,
            "fictive_note": FICTIVE_NOTE}


def rib_of(customer: dict, account) -> Rib:
    return Rib(
        holder=customer["holder"],
        address_lines=tuple(customer["address_lines"]),
        account_title=account.title,
        domiciliation=customer["domiciliation"],
        bank_code=customer["bank_code"],
        branch_code=customer["branch_code"],
        number=account.number,
        key=rules.rib_key(customer["bank_code"], customer["branch_code"], account.number),
        iban=account.iban,
        bic=customer["bic"],
    )


def statement_file_name(account_title: str, statement: Statement) -> str:
    return f"Releve_{file_words(account_title)}_{statement.month}.pdf"


# --- PDF ------------------------------------------------------------------------------------


def _bank_pdf(title: str, compress: bool) -> FictivePdf:
    return FictivePdf(title, issuer=BANK_NAME, issuer_lines=BANK_ADDRESS, colour=_NAVY,
                      compress=compress)


def rib_pdf(rib: Rib, *, compress: bool = True) -> bytes:
    pdf = _bank_pdf("Relevé d'Identité Bancaire", compress)
    pdf.add_page()
    pdf.heading("Relevé d'Identité Bancaire")
    pdf.line_of(rib.account_title, style="B")
    pdf.ln(2)
    pdf.line_of("Titulaire du compte", size=9)
    pdf.line_of("\n".join([rib.holder, *rib.address_lines]), style="B")
    pdf.ln(2)
    pdf.line_of("Domiciliation", size=9)
    pdf.line_of(rib.domiciliation, style="B")
    pdf.ln(4)
    with pdf.table(col_widths=(1, 1, 2, 1), text_align="CENTER", line_height=8,
                   headings_style=FontFace(emphasis="", size_pt=9, fill_color=SOFT)) as table:
        table.row(["Code banque", "Code guichet", "Numéro de compte", "Clé RIB"])
        table.row([rib.bank_code, rib.branch_code, rib.number, rib.key])
    pdf.ln(4)
    pdf.line_of("IBAN (identifiant international du compte)", size=9)
    pdf.line_of(" ".join(rib.iban_groups), size=14, style="B", height=8)
    pdf.ln(2)
    pdf.line_of("BIC (code de la banque)", size=9)
    pdf.line_of(rib.bic, size=14, style="B", height=8)
    return bytes(pdf.output())


def statement_pdf(rib: Rib, statement: Statement, *, compress: bool = True) -> bytes:
    pdf = _bank_pdf("Relevé de compte", compress)
    pdf.add_page()
    pdf.address_block([rib.holder, *rib.address_lines])
    pdf.heading(f"Relevé de compte – {rib.account_title}")
    pdf.line_of(f"Période du {date_fr(statement.first_day)} au {date_fr(statement.last_day)}")
    pdf.line_of(f"Compte n° {rib.number}   –   IBAN : {' '.join(rib.iban_groups)}   –   "
                f"BIC : {rib.bic}", size=9)
    pdf.ln(3)
    _statement_table(pdf, statement)
    return bytes(pdf.output())


def balance_label(word: str, cents: int, day: dt.date) -> str:
    """« Ancien solde créditeur au 30/09/2026 »: the words of a real statement."""
    side = "créditeur" if cents >= 0 else "débiteur"
    return f"{word} solde {side} au {date_fr(day)}"


def opening_label(statement: Statement) -> str:
    return balance_label("Ancien", statement.opening_cents,
                         statement.first_day - dt.timedelta(days=1))


def closing_label(statement: Statement) -> str:
    return balance_label("Nouveau", statement.closing_cents, statement.last_day)


def debit_credit(cents: int) -> tuple[str, str]:
    """A signed amount in the débit or the crédit column (never a colour alone)."""
    return (euros(-cents), "") if cents < 0 else ("", euros(cents))


def _statement_table(pdf: FictivePdf, statement: Statement) -> None:
    pdf.set_font("Helvetica", "", 9)
    bold = FontFace(emphasis="BOLD")
    with pdf.table(col_widths=(20, 90, 25, 25), line_height=5,
                   text_align=("LEFT", "LEFT", "RIGHT", "RIGHT"),
                   headings_style=FontFace(emphasis="BOLD", fill_color=SOFT)) as table:
        table.row(["Date", "Opération", "Débit", "Crédit"])
        table.row(["", winansi(opening_label(statement)),
                   *debit_credit(statement.opening_cents)], style=bold)
        for o in statement.operations:
            text = f"{o.label}\n{o.detail}" if o.detail else o.label
            table.row([date_fr(o.day), winansi(text), *debit_credit(o.amount_cents)])
        table.row(["", "Total des opérations", euros(statement.debit_cents),
                   euros(statement.credit_cents)], style=bold)
        table.row(["", winansi(closing_label(statement)),
                   *debit_credit(statement.closing_cents)], style=bold)
