"""The documents every replica hands out as PDFs (a RIB, an attestation, an avis d'impôt…).

Each page says « DOCUMENT FICTIF – EXERCICE » at the top and at the bottom. Fonts: the PDF core
font Helvetica with the WinAnsi (windows-1252) encoding: it holds « € », every French accent,
« œ », the French quotes and the dash, needs no font file (a kiosk box may lack DejaVu) and keeps
the files small. A character outside windows-1252 (a name typed in another alphabet) is written
without its accent, or as « ? », never an error. Nothing is written to disk.
"""

from __future__ import annotations

import unicodedata

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

FICTIVE_MARK = "DOCUMENT FICTIF – EXERCICE"
FICTIVE_NOTE = ("Ce document a été créé pour s'entraîner. Il n'a aucune valeur "
                "et ne permet aucun paiement.")

RED = (176, 38, 43)
SOFT = (241, 244, 249)


def winansi(text: str) -> str:
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


def file_words(text: str) -> str:
    """« Livret A » → ``Livret_A``: letters, digits and underscores, for a file's name."""
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "_".join("".join(c if c.isalnum() else " " for c in bare).split())


class FictivePdf(FPDF):
    """An A4 document of a fictional issuer, with the fictive mark on every page."""

    def __init__(self, title: str, *, issuer: str, issuer_lines: list[str] | tuple[str, ...] = (),
                 colour: tuple[int, int, int] = (19, 48, 107), compress: bool = True):
        super().__init__(format="A4")
        self.issuer = issuer
        self.issuer_lines = list(issuer_lines)
        self.colour = colour
        self.core_fonts_encoding = "windows-1252"
        self.set_compression(compress)
        self.set_title(winansi(f"{title} – {FICTIVE_MARK}"))
        self.set_author(winansi(issuer))
        self.set_creator("Pas à pas (simulation)")
        self.set_auto_page_break(True, margin=24)
        self.set_margins(18, 16, 18)

    def header(self):
        self.set_font("Helvetica", "B", 16)
        self.set_text_color(*self.colour)
        self.cell(0, 8, winansi(self.issuer), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.issuer_lines:
            self.set_font("Helvetica", "", 9)
            self.set_text_color(0)
            self.cell(0, 5, winansi(" – ".join(self.issuer_lines)), new_x=XPos.LMARGIN,
                      new_y=YPos.NEXT)
        self.ln(2)
        self.fictive_mark()

    def footer(self):
        self.set_y(-18)
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(*RED)
        self.cell(0, 5, winansi(f"{FICTIVE_MARK} – {FICTIVE_NOTE}"), align="C",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.cell(0, 5, f"Page {self.page_no()}/{{nb}}", align="C")

    def fictive_mark(self):
        self.set_draw_color(*RED)
        self.set_text_color(*RED)
        self.set_line_width(0.8)
        self.set_font("Helvetica", "B", 14)
        self.cell(0, 10, winansi(FICTIVE_MARK), border=1, align="C",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.set_draw_color(0)
        self.set_line_width(0.2)
        self.ln(4)

    def line_of(self, text: str, *, size: float = 11, style: str = "", height: float = 6):
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, height, winansi(text), align="L", new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT)

    def heading(self, text: str):
        self.set_text_color(*self.colour)
        self.line_of(text, size=15, style="B", height=8)
        self.set_text_color(0)

    def address_block(self, lines: list[str], *, x: float = 110):
        """The addressee's block at the top right, as on a letter."""
        top = self.get_y()
        self.set_x(x)
        self.set_font("Helvetica", "", 11)
        self.multi_cell(0, 6, winansi("\n".join(lines)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(max(self.get_y(), top + 20) + 4)

    def key_values(self, rows: list[tuple[str, str]], *, widths: tuple[int, int] = (2, 1)):
        """A two-column table: what it is, and its value (an amount, a number, a date)."""
        self.set_font("Helvetica", "", 10)
        with self.table(col_widths=widths, line_height=7, text_align=("LEFT", "RIGHT"),
                        first_row_as_headings=False) as table:
            for label, value in rows:
                table.row([winansi(label), winansi(value)])

    def to_bytes(self) -> bytes:
        return bytes(self.output())


__all__ = ["FICTIVE_MARK", "FICTIVE_NOTE", "FictivePdf", "FontFace", "SOFT", "file_words",
           "winansi"]
