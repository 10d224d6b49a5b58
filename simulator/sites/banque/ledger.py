"""What the history and the bank's documents show, without any storage: the periods of the
history, the search, the plain-French type of an operation, and the monthly statements.

Reference: real-sites-and-anchors §1.1.3 (history about 6 months back, « à venir »),
§1.1.9 (e-Relevés: one statement per month, listed by year).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

# --- operations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    id: int
    day: dt.date
    label: str
    detail: str
    amount_cents: int
    category: str
    upcoming: bool

    @property
    def is_debit(self) -> bool:
        return self.amount_cents < 0

    @property
    def type_label(self) -> str:
        return OPERATION_TYPES.get(self.category, "Autre opération")


# The category stored with each operation, in the words a learner understands.
OPERATION_TYPES = {
    "virement_recu": "Virement reçu",
    "virement_emis": "Virement émis",
    "prelevement": "Prélèvement",
    "carte": "Paiement par carte",
    "retrait": "Retrait d'espèces",
    "versement": "Versement d'espèces",
    "cheque": "Remise de chèque",
    "frais": "Frais bancaires",
    "interets": "Intérêts",
}


def operation_reference(account_token: str, operation_id: int) -> str:
    """The reference an operation's URL carries: bound to its account, never the database id."""
    digest = hashlib.blake2s(str(operation_id).encode(), key=account_token.encode()[:32],
                             digest_size=6)
    return digest.hexdigest()


def find_by_reference(operations: list[Operation], account_token: str,
                      reference: str) -> Operation | None:
    for operation in operations:
        if operation_reference(account_token, operation.id) == reference:
            return operation
    return None


# --- the history's filters ------------------------------------------------------------------

# « 30 derniers jours » first: the default, as on the real site.
PERIODS = {"30j": "30 derniers jours", "3m": "3 derniers mois", "6m": "6 derniers mois"}
DEFAULT_PERIOD = "30j"
UPCOMING = "upcoming"  # what events say; the URL says ?periode=a-venir
UPCOMING_PARAM = "a-venir"
SEARCH_MAX_LENGTH = 60


def clean_period(value: str | None) -> str:
    """``30j``, ``3m``, ``6m`` or ``upcoming``; a forged value falls back to the default."""
    if value == UPCOMING_PARAM:
        return UPCOMING
    return value if value in PERIODS else DEFAULT_PERIOD


def clean_search(value: str | None) -> str:
    """What was typed in « Rechercher une opération », trimmed and cut to 60 characters."""
    return " ".join((value or "").split())[:SEARCH_MAX_LENGTH]


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_start(period: str, today: dt.date) -> dt.date:
    """The first day shown by a period: 30 days back, or 3 or 6 months back."""
    if period == "3m":
        return months_before(today, 3)
    if period == "6m":
        return months_before(today, 6)
    return today - dt.timedelta(days=30)


def search_key(text: str) -> str:
    """Lower case, no accents, single spaces: « Prélèvement » and « PRELEVEMENT » match."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", bare.casefold()).strip()


def search(operations: list[Operation], text: str) -> list[Operation]:
    """The operations whose label or detail contain every word of ``text`` (case and accents
    ignored): « prélèvement EDF » finds « PRELEVEMENT DE EDF »."""
    words = search_key(text).split()
    if not words:
        return operations
    return [o for o in operations
            if all(word in search_key(f"{o.label} {o.detail}") for word in words)]


# --- monthly statements (e-Relevés) ----------------------------------------------------------

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(value: str | None) -> tuple[int, int] | None:
    """``2026-10`` → (2026, 10); anything else → None."""
    found = _MONTH.match(value or "")
    return (int(found.group(1)), int(found.group(2))) if found else None


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Statement:
    """One monthly statement: the balances around the month and its operations, oldest first."""

    first_day: dt.date
    last_day: dt.date
    opening_cents: int
    operations: tuple[Operation, ...]

    @property
    def month(self) -> str:
        return f"{self.first_day:%Y-%m}"

    @property
    def debit_cents(self) -> int:
        """Total of the debits, as a positive number (how the statement prints it)."""
        return -sum(o.amount_cents for o in self.operations if o.amount_cents < 0)

    @property
    def credit_cents(self) -> int:
        return sum(o.amount_cents for o in self.operations if o.amount_cents > 0)

    @property
    def closing_cents(self) -> int:
        return self.opening_cents + self.credit_cents - self.debit_cents


def build_statement(year: int, month: int, opening_cents: int,
                    operations: list[Operation]) -> Statement:
    """The statement of a month from the balance before it and the month's booked operations."""
    first, last = month_bounds(year, month)
    booked = sorted((o for o in operations if not o.upcoming and first <= o.day <= last),
                    key=lambda o: (o.day, o.id))
    return Statement(first, last, opening_cents, tuple(booked))


def statement_years(today: dt.date, keep_years: int = 5) -> list[int]:
    """The years the e-Relevés page offers, newest first (the bank keeps five years)."""
    return list(range(today.year, today.year - keep_years, -1))
