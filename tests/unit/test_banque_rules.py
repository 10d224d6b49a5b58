"""The bank's pure rules: working days, and every rule of a transfer."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.sites.banque import rules

TODAY = dt.date(2026, 11, 26)  # a Thursday
D = dt.date

# --- working days ---------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "working"), [
    (D(2026, 11, 26), True),  # Thursday
    (D(2026, 11, 27), True),  # Friday
    (D(2026, 11, 28), False),  # Saturday
    (D(2026, 11, 29), False),  # Sunday
    (D(2026, 12, 25), False),  # Christmas
    (D(2027, 1, 1), False),  # New Year's Day
    (D(2027, 3, 29), False),  # Easter Monday
    (D(2027, 3, 26), True),  # Good Friday is not a holiday (outside Alsace-Moselle)
    (D(2027, 5, 17), False),  # Whit Monday
    (D(2026, 11, 11), False),  # Armistice
    (D(2026, 7, 14), False),  # Bastille Day
])
def test_working_days(day, working):
    assert rules.is_working_day(day) is working


@pytest.mark.parametrize(("day", "next_day"), [
    (D(2026, 11, 26), D(2026, 11, 26)),  # already a working day
    (D(2026, 11, 28), D(2026, 11, 30)),  # Saturday → Monday
    (D(2026, 11, 29), D(2026, 11, 30)),  # Sunday → Monday
    (D(2026, 12, 25), D(2026, 12, 28)),  # Christmas (Friday) → Monday
    (D(2027, 3, 27), D(2027, 3, 30)),  # Easter Saturday → Tuesday after Easter Monday
    (D(2027, 12, 25), D(2027, 12, 27)),  # Christmas on a Saturday
    (D(2027, 12, 31), D(2027, 12, 31)),  # a Friday; New Year comes after
    (D(2028, 1, 1), D(2028, 1, 3)),  # New Year on a Saturday
])
def test_next_working_day(day, next_day):
    assert rules.next_working_day(day) == next_day


def test_today_is_immediate_even_on_a_week_end():
    saturday = D(2026, 11, 28)
    assert rules.execution_day(saturday, today=saturday) == saturday
    assert rules.execution_day(D(2026, 11, 29), today=saturday) == D(2026, 11, 30)
    assert rules.execution_day(D(2026, 12, 1), today=TODAY) == D(2026, 12, 1)


# --- the execution date typed -------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "day"), [
    ("26/11/2026", TODAY), ("2026-11-26", TODAY), (" 01/12/2026 ", D(2026, 12, 1)),
    ("26/11/2027", D(2027, 11, 26)), ("28/11/2026", D(2026, 11, 28)),
])
def test_execution_dates_accepted(typed, day):
    assert rules.read_execution_date(typed, TODAY) == (day, None)


@pytest.mark.parametrize(("typed", "reason"), [
    ("", "date_invalid"), (None, "date_invalid"), ("demain", "date_invalid"),
    ("31/02/2027", "date_invalid"), ("26/13/2026", "date_invalid"), ("26-11-2026", "date_invalid"),
    ("01/12/26", "date_invalid"),
    ("25/11/2026", "date_past"), ("01/01/2020", "date_past"),
    ("27/11/2027", "date_too_far"), ("01/01/2030", "date_too_far"),
])
def test_execution_dates_refused(typed, reason):
    day, problem = rules.read_execution_date(typed, TODAY)
    assert day is None
    assert problem == rules.TransferProblem(reason, "date")


def test_a_year_after_a_29_february_is_the_28th():
    assert rules.latest_execution_day(D(2028, 2, 29)) == D(2029, 2, 28)


# --- the amount typed ---------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "cents"), [
    ("50", 5000), ("50,5", 5050), ("50,50", 5050), ("1 234,56", 123456), ("0,01", 1),
    ("12.30", 1230), ("1\u00a0234,56 €", 123456),
])
def test_amounts_accepted(typed, cents):
    assert rules.read_amount(typed) == (cents, None)


@pytest.mark.parametrize(("typed", "reason"), [
    ("", "amount_format"), (None, "amount_format"), ("abc", "amount_format"),
    ("50,505", "amount_format"), ("5e3", "amount_format"), ("-5", "amount_negative"),
    ("-0,50", "amount_negative"), ("0", "amount_zero"), ("0,00", "amount_zero"),
])
def test_amounts_refused(typed, reason):
    assert rules.read_amount(typed) == (None, rules.TransferProblem(reason, "montant"))


# --- the reason ---------------------------------------------------------------------------------


def test_the_reason_is_at_most_140_characters():
    assert rules.check_reason("") is None
    assert rules.check_reason("x" * 140) is None
    assert rules.check_reason("x" * 141) == rules.TransferProblem("reason_too_long", "motif")


# --- the amount between two accounts ------------------------------------------------------------

CCP = {"from_kind": "ccp", "from_balance_cents": 68_427, "from_overdraft_cents": 0}
LIVRET = {"from_kind": "livret_a", "from_balance_cents": 184_672, "from_overdraft_cents": 0}
TO_CCP = {"to_kind": "ccp", "to_balance_cents": 68_427, "to_ceiling_cents": None}
TO_LIVRET = {"to_kind": "livret_a", "to_balance_cents": 184_672,
             "to_ceiling_cents": rules.LIVRET_A_CEILING_CENTS}
TO_PAYEE = {"to_kind": None, "to_balance_cents": None, "to_ceiling_cents": None}


def reason(amount_cents: int, source: dict, target: dict, **extra) -> str | None:
    problem = rules.check_transfer(amount_cents=amount_cents, **source, **target, **extra)
    return problem.reason if problem else None


def test_livret_a_to_the_current_account():
    assert reason(5000, LIVRET, TO_CCP) is None
    assert reason(150, LIVRET, TO_CCP) is None  # the minimum itself
    assert reason(149, LIVRET, TO_CCP) == "under_savings_minimum"
    assert reason(184_672, LIVRET, TO_CCP) is None  # the whole balance
    assert reason(184_673, LIVRET, TO_CCP) == "savings_would_be_negative"


def test_current_account_to_the_livret_a():
    assert reason(68_427, CCP, TO_LIVRET) is None
    assert reason(68_428, CCP, TO_LIVRET) == "insufficient_balance"
    assert reason(149, CCP, TO_LIVRET) == "under_savings_minimum"
    overdraft = {**CCP, "from_overdraft_cents": 20_000}
    assert reason(88_427, overdraft, TO_LIVRET) is None
    assert reason(88_428, overdraft, TO_LIVRET) == "insufficient_balance"


def test_the_livret_a_ceiling_is_for_deposits():
    rich = {**CCP, "from_balance_cents": 5_000_000}
    nearly_full = {**TO_LIVRET, "to_balance_cents": 2_290_000}
    assert reason(5_000, rich, nearly_full) is None  # exactly 22 950 €
    assert reason(5_001, rich, nearly_full) == "over_savings_ceiling"
    # Interest may take a Livret A above the ceiling; withdrawing stays possible.
    over = {**LIVRET, "from_balance_cents": 2_300_000}
    assert reason(10_000, over, TO_CCP) is None


def test_the_ceiling_of_one_online_transfer():
    rich = {**CCP, "from_balance_cents": 5_000_000}
    assert reason(rules.TRANSFER_CEILING_CENTS, rich, TO_PAYEE) is None
    assert reason(rules.TRANSFER_CEILING_CENTS + 1, rich, TO_PAYEE) == "over_transfer_ceiling"
    assert reason(rules.TRANSFER_CEILING_CENTS + 1, LIVRET, TO_CCP) == "over_transfer_ceiling"


def test_towards_a_beneficiary():
    assert reason(52_000, CCP, TO_PAYEE) is None
    assert reason(1, CCP, TO_PAYEE) is None  # no minimum outside savings
    assert reason(52_000, LIVRET, TO_PAYEE) == "savings_to_beneficiary"
    assert reason(1, {**LIVRET, "from_kind": "ldds"}, TO_PAYEE) == "savings_to_beneficiary"


def test_the_same_account_on_both_sides_is_refused_before_any_amount_rule():
    assert reason(5000, CCP, TO_CCP, same_account=True) == "same_account"
    assert reason(10**9, CCP, TO_CCP, same_account=True) == "same_account"


def test_account_rules_name_the_credited_field():
    assert rules.check_accounts(from_kind="livret_a", to_kind=None, same_account=False) == (
        rules.TransferProblem("savings_to_beneficiary", "vers"))
    assert rules.check_accounts(from_kind="ccp", to_kind="ccp", same_account=True) == (
        rules.TransferProblem("same_account", "vers"))
    assert rules.check_accounts(from_kind="livret_a", to_kind="ccp", same_account=False) is None
