"""The allocation's arithmetic, as an avis de paiement shows it (ARE, « à terme échu »).

Since 1 April 2025 a month counts 30 days (reference §1.2.3). The deductions are the usual ones
of an avis: « participation au financement des retraites complémentaires » (3 %), then CSG and
CRDS (6,7 % of 98,25 % of what remains). The rates are plausible, not a legal computation.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from simulator.sites.francetravail.rules.calendar import Period

DAYS_IN_A_PAID_MONTH = 30
PENSION_RATE = Decimal("0.03")
CSG_CRDS_RATE = Decimal("0.067")
CSG_BASE = Decimal("0.9825")

# The answers of an ordinary month with no work: all « Non », except « toujours à la recherche ».
ORDINARY_ANSWERS = {"formation": "NON", "travail": "NON", "stage": "NON", "maladie": "NON",
                    "maternite": "NON", "retraite": "NON", "invalidite": "NON",
                    "recherche": "OUI"}


def days_paid(first: dt.date, month: Period) -> int:
    """Days of ``month`` paid from ``first`` on (a whole month is 30)."""
    if first <= month.first_day():
        return DAYS_IN_A_PAID_MONTH
    if first > month.last_day():
        return 0
    return min(DAYS_IN_A_PAID_MONTH, (month.last_day() - first).days + 1)


def _cents(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def amounts(daily_gross_cents: int, days: int) -> dict[str, int]:
    gross = daily_gross_cents * days
    pension = _cents(gross * PENSION_RATE)
    csg = _cents((gross - pension) * CSG_BASE * CSG_CRDS_RATE)
    return {"gross_cents": gross, "pension_cents": pension, "csg_cents": csg,
            "net_cents": gross - pension - csg}
