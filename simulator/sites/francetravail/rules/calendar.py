"""The calendar of the monthly actualisation (reference §1.2.3).

The update of month M opens on the 28th of M (the 26th in February) and closes on the 15th of
M+1 at midnight; the allocation of M is paid at the start of M+1 (« à terme échu »).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from simulator.formats import MONTHS_FR_TITLE

CLOSING_DAY = 15
PAYMENT_DAY = 3  # « à partir du 1er–3 du mois suivant »: the day the transfer leaves


@dataclass(frozen=True, order=True)
class Period:
    """A month of the actualisation: the month the job seeker declares."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Period:
        year, month = text.split("-")
        return cls(int(year), int(month))

    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def label(self) -> str:
        """« novembre 2026 »."""
        return f"{MONTHS_FR_TITLE[self.month - 1]} {self.year}"

    def shifted(self, months: int) -> Period:
        year, month = divmod(self.year * 12 + self.month - 1 + months, 12)
        return Period(year, month + 1)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return self.shifted(1).first_day() - dt.timedelta(days=1)

    def opens_on(self) -> dt.date:
        return dt.date(self.year, self.month, 26 if self.month == 2 else 28)

    def closes_on(self) -> dt.date:
        nxt = self.shifted(1)
        return dt.date(nxt.year, nxt.month, CLOSING_DAY)

    def payment_day(self) -> dt.date:
        """When the allocation of this month is paid: the 3rd of the next, or the Monday after."""
        day = self.shifted(1).first_day().replace(day=PAYMENT_DAY)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return day


def open_period(today: dt.date) -> Period | None:
    """The month that can be declared today, or None outside the window (16th → 27th)."""
    this = Period(today.year, today.month)
    if today >= this.opens_on():
        return this
    if today.day <= CLOSING_DAY:
        return this.shifted(-1)
    return None


def current_period(today: dt.date) -> Period:
    """The month being declared now, or the next one to be (outside the window)."""
    return open_period(today) or Period(today.year, today.month)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (same month: 0)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month
