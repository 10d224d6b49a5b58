"""The bank's documents: the RIB and the monthly statement, as the page shows them and as PDFs.

Fonts: the PDFs use the PDF core font Helvetica with the WinAnsi (windows-1252) encoding. It
holds « € », every French accent, « œ », the French quotes and the dash, needs no font file (a
kiosk box may lack DejaVu) and keeps the files small. A character outside windows-1252 (a name
typed in another alphabet) is written without its accent, or as « ? », never an error.
Nothing is written to disk: the PDF is built in memory for the response.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from simulator.formats import date_fr, euros
from simulator.sites.banque import rules
from simulator.sites.banque.ledger import Statement

BANK_NAME = "Banque Citoyenne"
BANK_ADDRESS = ["Centre financier fictif", "99 avenue de l'Exercice", "93200 SAINT-DENIS"]
FICTIVE_MARK = "DOCUMENT FICTIF – EXERCICE"
FICTIVE_NOTE = ("Ce document a été créé pour s'entraîner. Il n'a aucune valeur "
                "et ne permet aucun paiement.")

_NAVY = (19, 48, 107)
_RED = (176, 38, 43)
_SOFT = (241, 244, 249)


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
        return f"RIB_{_file_words(BANK_NAME)}_{_file_words(self.account_title)}.pdf"


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
    return f"Releve_{_file_words(account_title)}_{statement.month}.pdf"


def _file_words(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "_".join("".join(c if c.isalnum() else " " for c in bare).split())


# --- PDF ------------------------------------------------------------------------------------


def _winansi(text: str) -> str:
    """Keep what windows-1252 can print; strip accents it cannot; « ? » for the rest."""
    kept = []
    for char in str(text):
        try:
            char.encode("cp1252")
            kept.append(char)
        except UnicodeEncodeError:
            bare = unicodedata.normalize("NFKD", char).encode("cp1252", "ignore").decode("cp1252")
            kept.append(bare or "?")
    return "".join(kept)


class _BankPdf(FPDF):
    """A4 page with the bank's header and the fictive mark on every page."""

    def __init__(self, title: str, *, compress: bool = True):
        super().__init__(format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.set_compression(compress)
        self.set_title(_winansi(f"{title} – {FICTIVE_MARK}"))
        self.set_author(BANK_NAME)
        self.set_creator("Pas à pas (simulation)")
        self.set_auto_page_break(True, margin=24)
        self.set_margins(18, 16, 18)

    def header(self):
        self.set_font("Helvetica", "B", 16)
        self.set_text_color(*_NAVY)
        self.cell(0, 8, BANK_NAME, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("Helvetica", "", 9)
        self.set_text_color(0)
        self.cell(0, 5, _winansi(" – ".join(BANK_ADDRESS)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)
        self.fictive_mark()

    def footer(self):
        self.set_y(-18)
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(*_RED)
        self.cell(0, 5, _winansi(f"{FICTIVE_MARK} – {FICTIVE_NOTE}"), align="C",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.cell(0, 5, f"Page {self.page_no()}/{{nb}}", align="C")

    def fictive_mark(self):
        self.set_draw_color(*_RED)
        self.set_text_color(*_RED)
        self.set_line_width(0.8)
        self.set_font("Helvetica", "B", 14)
        self.cell(0, 10, _winansi(FICTIVE_MARK), border=1, align="C",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.set_draw_color(0)
        self.set_line_width(0.2)
        self.ln(4)

    def line_of(self, text: str, *, size: float = 11, style: str = "", height: float = 6):
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, height, _winansi(text), align="L", new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT)

    def heading(self, text: str):
        self.set_text_color(*_NAVY)
        self.line_of(text, size=15, style="B", height=8)
        self.set_text_color(0)


def rib_pdf(rib: Rib, *, compress: bool = True) -> bytes:
    pdf = _BankPdf("Relevé d'Identité Bancaire", compress=compress)
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
                   headings_style=FontFace(emphasis="", size_pt=9, fill_color=_SOFT)) as table:
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
    pdf = _BankPdf("Relevé de compte", compress=compress)
    pdf.add_page()
    top = pdf.get_y()
    pdf.set_x(110)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, _winansi("\n".join([rib.holder, *rib.address_lines])),
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y(), top + 20) + 4)
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


def _statement_table(pdf: _BankPdf, statement: Statement) -> None:
    pdf.set_font("Helvetica", "", 9)
    bold = FontFace(emphasis="BOLD")
    with pdf.table(col_widths=(20, 90, 25, 25), line_height=5,
                   text_align=("LEFT", "LEFT", "RIGHT", "RIGHT"),
                   headings_style=FontFace(emphasis="BOLD", fill_color=_SOFT)) as table:
        table.row(["Date", "Opération", "Débit", "Crédit"])
        table.row(["", _winansi(opening_label(statement)),
                   *debit_credit(statement.opening_cents)], style=bold)
        for o in statement.operations:
            text = f"{o.label}\n{o.detail}" if o.detail else o.label
            table.row([date_fr(o.day), _winansi(text), *debit_credit(o.amount_cents)])
        table.row(["", "Total des opérations", euros(statement.debit_cents),
                   euros(statement.credit_cents)], style=bold)
        table.row(["", _winansi(closing_label(statement)),
                   *debit_credit(statement.closing_cents)], style=bold)
