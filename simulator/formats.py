"""French formats shared by the replicas: money, dates, what learners type."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"


def euros(cents: int, *, sign: bool = False) -> str:
    """``123456`` → ``1 234,56 €`` (no-break spaces, so an amount never wraps)."""
    negative = cents < 0
    whole, part = divmod(abs(int(cents)), 100)
    grouped = f"{whole:,}".replace(",", NBSP)
    prefix = "-" if negative else ("+" if sign and cents > 0 else "")
    return f"{prefix}{grouped},{part:02d}{NBSP}€"


def cents_from_decimal(value: Decimal | str | int | float) -> int:
    return int((Decimal(str(value)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


class AmountError(ValueError):
    """Why a typed amount is not an amount: ``empty``, ``format``, ``negative`` or ``zero``."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_AMOUNT = re.compile(r"^\d{1,9}(?:[.,]\d{1,2})?$")


def parse_amount(text: str | None) -> int:
    """What a learner typed in an amount field, in cents: « 50 », « 50,5 », « 1 234,56 € »."""
    raw = (text or "").strip()
    if not raw:
        raise AmountError("empty")
    compact = raw.replace(NBSP, "").replace("\u202f", "").replace(" ", "").removesuffix("€")
    if compact.startswith("-"):
        raise AmountError("negative")
    if not _AMOUNT.match(compact):
        raise AmountError("format")
    try:
        cents = cents_from_decimal(compact.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern already rules it out
        raise AmountError("format") from exc
    if cents == 0:
        raise AmountError("zero")
    return cents


def date_fr(day: dt.date | str) -> str:
    """``2026-11-26`` → ``26/11/2026``."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return day.strftime("%d/%m/%Y")


def parse_date_fr(text: str | None) -> dt.date | None:
    """``26/11/2026`` (or the ISO form a date picker sends) → a date; None if it is not one."""
    raw = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


MONTHS_FR = ["JANVIER", "FEVRIER", "MARS", "AVRIL", "MAI", "JUIN", "JUILLET", "AOUT",
             "SEPTEMBRE", "OCTOBRE", "NOVEMBRE", "DECEMBRE"]
MONTHS_FR_TITLE = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                   "septembre", "octobre", "novembre", "décembre"]


def month_year_fr(day: dt.date) -> str:
    """``2026-11-26`` → ``novembre 2026``."""
    return f"{MONTHS_FR_TITLE[day.month - 1]} {day.year}"
