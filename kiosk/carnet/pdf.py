"""« Mon carnet » as a PDF of one A4 page (fpdf2).

The learner's language needs a Unicode font: DejaVu Sans (Debian's fonts-dejavu-core, which
the kiosk's Chromium brings along) with text shaping (uharfbuzz) for Arabic. Without that font
the PDF is written in French only, with the core font; the printable page stays bilingual.
The QR code is drawn from segno's matrix: no image file, nothing written to disk.
"""

from __future__ import annotations

from pathlib import Path

import segno
from babel.dates import format_date
from flask_babel import force_locale, gettext
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from kiosk.carnet.content import Carnet
from simulator.pdf import FICTIVE_MARK, winansi

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
TEAL = (11, 85, 99)


def _font_file(name: str) -> Path | None:
    return next((d / name for d in FONT_DIRS if (d / name).exists()), None)


class _Sheet(FPDF):
    def __init__(self, unicode_font: bool):
        super().__init__(format="A4")
        self.set_auto_page_break(False)
        self.set_margins(15, 14, 15)
        self.unicode_font = unicode_font
        if unicode_font:
            self.add_font("carnet", "", str(_font_file("DejaVuSans.ttf")))
            self.add_font("carnet", "B", str(_font_file("DejaVuSans-Bold.ttf")))
            self.set_text_shaping(True)
        else:
            self.core_fonts_encoding = "windows-1252"
        self.set_creator("Pas à pas")
        self.set_title("Mon carnet – Pas à pas")

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font("carnet" if self.unicode_font else "Helvetica", "B" if bold else "", size)

    def text(self, value: str) -> str:
        """What the font can print."""
        return value if self.unicode_font else winansi(value)


def carnet_pdf(carnet: Carnet) -> bytes:
    unicode_font = _font_file("DejaVuSans.ttf") is not None and _font_file(
        "DejaVuSans-Bold.ttf") is not None
    two = carnet.bilingual and unicode_font
    lang = carnet.lang if two else "fr"
    pdf = _Sheet(unicode_font)
    pdf.add_page()

    def say(french: str) -> str:
        with force_locale(lang):
            return gettext(french)

    def day(value) -> str:
        return format_date(value, "long", locale=lang) if value else "—"

    # Header: the title, the code and its QR code on the right.
    pdf.font(20, bold=True)
    pdf.set_text_color(*TEAL)
    title = say("Mon carnet") + (" · Mon carnet" if two else "")
    pdf.cell(130, 10, pdf.text(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.font(10)
    pdf.set_text_color(40)
    pdf.multi_cell(130, 5, pdf.text("Pas à pas — " + say("ce que j'ai appris sur Internet")),
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if carnet.code:
        _qr(pdf, carnet.code, x=165, y=12, size=30)
        pdf.set_xy(150, 43)
        pdf.font(12, bold=True)
        pdf.set_text_color(0)
        pdf.cell(45, 6, carnet.code, align="C")
    pdf.set_xy(15, 32)
    pdf.font(10)
    for label, value in ((say("Premier exercice"), day(carnet.first_day)),
                         (say("Dernier exercice"), day(carnet.last_day)),
                         (say("Carnet imprimé le"), day(carnet.printed))):
        pdf.cell(130, 5.5, pdf.text(f"{label} : {value}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(52)
    sections = [("Ce que je sais faire", carnet.mastered,
                 "Pas encore : les premiers exercices vous attendent."),
                ("À travailler ensuite", carnet.next_steps, "Demandez à votre conseiller."),
                ("Proposé pour commencer", carnet.proposal, None)]
    for heading, lines, empty in sections:
        if not lines and not empty:
            continue
        pdf.ln(2)
        pdf.font(12.5, bold=True)
        pdf.set_text_color(*TEAL)
        pdf.cell(0, 7, pdf.text(say(heading) + (f" · {heading}" if two else "")),
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_draw_color(*TEAL)
        pdf.line(15, pdf.get_y(), 195, pdf.get_y())
        pdf.set_text_color(0)
        pdf.font(10)
        if not lines:
            pdf.multi_cell(0, 5.5, pdf.text(say(empty)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for line in lines:
            _row(pdf, line.text if two else line.french, line.french if two else None,
                 rtl=two and lang == "ar")
        if heading == "Ce que je sais faire" and carnet.more_mastered:
            with force_locale(lang):
                more = gettext("… et %(n)d autres choses apprises.", n=carnet.more_mastered)
            pdf.multi_cell(0, 5.5, pdf.text(more), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    # The foot of the page: nothing identifies the person; the simulation is fictive.
    pdf.set_y(-26)
    pdf.set_draw_color(150)
    pdf.line(15, pdf.get_y(), 195, pdf.get_y())
    pdf.font(8.5)
    pdf.set_text_color(40)
    pdf.multi_cell(0, 4.5, pdf.text(say("Ce carnet ne dit pas qui vous êtes : seulement votre "
                                        "code.")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.multi_cell(0, 4.5, pdf.text("Les exercices se font sur des sites et avec des personnes "
                                    f"fictifs. {FICTIVE_MARK} pour tout ce qui vient de la "
                                    "simulation."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _row(pdf: _Sheet, text: str, french: str | None, *, rtl: bool) -> None:
    """One line of a list: the learner's language on the left half, French on the right."""
    top = pdf.get_y()
    if french is None:
        pdf.multi_cell(0, 5.2, pdf.text("• " + text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return
    pdf.multi_cell(88, 5.2, pdf.text(text), align="R" if rtl else "L",
                   new_x=XPos.RIGHT, new_y=YPos.TOP)
    pdf.set_xy(107, top)
    pdf.set_text_color(60)
    pdf.multi_cell(88, 5.2, pdf.text(french), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0)
    right_bottom = pdf.get_y()
    # The taller half decides where the next line starts.
    pdf.set_y(max(right_bottom, top + 5.2 * _lines(pdf, text, 88)) + 0.6)


def _lines(pdf: _Sheet, text: str, width: float) -> int:
    return max(1, len(pdf.multi_cell(width, 5.2, pdf.text(text), dry_run=True, output="LINES")))


def _qr(pdf: FPDF, text: str, *, x: float, y: float, size: float) -> None:
    matrix = [list(row) for row in segno.make(text, error="m").matrix]
    cell = size / len(matrix)
    pdf.set_fill_color(0)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                pdf.rect(x + c * cell, y + r * cell, cell, cell, style="F")
