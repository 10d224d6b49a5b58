"""The window of France Travail's monthly actualisation: 28th → 15th (26th in February)."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.sites.francetravail.rules.calendar import Period, current_period, open_period


@pytest.mark.parametrize("today, expected", [
    ("2026-11-28", "2026-11"),  # opens on the 28th for the month itself
    ("2026-11-30", "2026-11"),
    ("2026-12-02", "2026-11"),  # still November's until the 15th
    ("2026-12-15", "2026-11"),
    ("2027-02-26", "2027-02"),  # February opens on the 26th
    ("2027-01-01", "2026-12"),
])
def test_the_window_is_open_from_the_28th_to_the_15th(today, expected):
    assert open_period(dt.date.fromisoformat(today)).key() == expected


@pytest.mark.parametrize("today", ["2026-12-16", "2026-11-26", "2027-02-25", "2026-11-27"])
def test_outside_the_window_nothing_can_be_declared(today):
    day = dt.date.fromisoformat(today)
    assert open_period(day) is None
    assert current_period(day) == Period(day.year, day.month)


def test_a_period_knows_its_days_and_its_payment():
    november = Period(2026, 11)
    assert (november.opens_on(), november.closes_on()) == (dt.date(2026, 11, 28),
                                                          dt.date(2026, 12, 15))
    assert november.label() == "novembre 2026"
    assert november.payment_day() == dt.date(2026, 12, 3)  # a Thursday
    assert Period(2026, 9).payment_day() == dt.date(2026, 10, 5)  # the 3rd is a Saturday
    assert Period(2026, 1).shifted(-2) == Period(2025, 11)
    assert Period.parse("2026-02").last_day() == dt.date(2026, 2, 28)
