"""French money and date formats, and what learners type in amount fields."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.formats import AmountError, date_fr, euros, parse_amount, parse_date_fr


@pytest.mark.parametrize("cents, text", [
    (0, "0,00\u00a0€"), (5, "0,05\u00a0€"), (123456, "1\u00a0234,56\u00a0€"),
    (-5739, "-57,39\u00a0€"), (100_000_000, "1\u00a0000\u00a0000,00\u00a0€"),
])
def test_euros(cents, text):
    assert euros(cents) == text


def test_euros_with_a_sign():
    assert euros(5000, sign=True) == "+50,00\u00a0€"


@pytest.mark.parametrize("typed, cents", [
    ("50", 5000), ("50,5", 5050), ("50,50", 5050), ("50.5", 5050), (" 1 234,56 ", 123456),
    ("1\u00a0234,56 €", 123456), ("0,01", 1), ("520", 52000),
])
def test_parse_amount(typed, cents):
    assert parse_amount(typed) == cents


@pytest.mark.parametrize("typed, reason", [
    ("", "empty"), (None, "empty"), ("abc", "format"), ("-5", "negative"), ("0", "zero"),
    ("0,00", "zero"), ("1,234", "format"), ("12.345,00", "format"), ("5e3", "format"),
    ("<b>5</b>", "format"), ("9" * 12, "format"),
])
def test_parse_amount_refuses(typed, reason):
    with pytest.raises(AmountError) as caught:
        parse_amount(typed)
    assert caught.value.reason == reason


def test_dates():
    assert date_fr(dt.date(2026, 11, 26)) == "26/11/2026"
    assert date_fr("2026-01-05") == "05/01/2026"
    assert parse_date_fr("28/11/2026") == dt.date(2026, 11, 28)
    assert parse_date_fr("2026-11-28") == dt.date(2026, 11, 28)
    assert parse_date_fr("31/02/2026") is None
    assert parse_date_fr("demain") is None
