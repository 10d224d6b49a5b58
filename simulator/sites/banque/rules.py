"""The bank's rules, without any storage: beneficiaries, working days, transfer limits.

Reference: real-sites-and-anchors §1.1.4–1.1.5 (Livret A rules from the bank's FAQ, the IBAN
split into seven boxes, the week-end rule of execution dates).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import holidays

from simulator.formats import AmountError, parse_amount, parse_date_fr

# The RIB and the IBAN in seven boxes are shared with every replica that asks for an IBAN
# (simulator/iban.py); the bank's callers keep saying rules.<name>.
from simulator.iban import (  # noqa: F401
    IBAN_BOX_LENGTHS,
    IbanProblem,
    check_iban_boxes,
    clean_iban_box,
    french_iban,
    iban_groups,
    masked_iban,
    rib_key,
    split_iban_boxes,
)

LIVRET_A_MINIMUM_CENTS = 150  # « 1,50 € minimum par opération »
LIVRET_A_CEILING_CENTS = 2_295_000  # deposit ceiling of a Livret A: 22 950 €
TRANSFER_CEILING_CENTS = 800_000  # what one online transfer may move (persona-independent)
REASON_MAX_LENGTH = 140  # the SEPA remittance information
NAME_MAX_LENGTH = 70
LABEL_MAX_LENGTH = 35

# --- beneficiary names and labels ---------------------------------------------------------

# Letters (accents too), digits, spaces and the punctuation of names and addresses; anything
# else (< > " ; …) is refused like the real form refuses it.
_NAME_TEXT = re.compile(r"^[^\W_]*(?:[\s'’\-.,/()+?:&][^\W_]*)*$")


def clean_text(typed: str | None) -> str:
    """Trim and collapse the spaces a learner typed around and between words."""
    return " ".join((typed or "").split())


def check_beneficiary_text(text: str, *, max_length: int, required: bool) -> str | None:
    """The problem of a name or label field: missing, too_long, characters, or None."""
    if not text:
        return "missing" if required else None
    if len(text) > max_length:
        return "too_long"
    if not _NAME_TEXT.match(text):
        return "characters"
    return None


def bank_code(iban: str) -> str:
    return iban[4:9]


# --- dates --------------------------------------------------------------------------------


@functools.cache
def _french_holidays(year: int) -> holidays.HolidayBase:
    return holidays.France(years=year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _french_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


# --- transfers ----------------------------------------------------------------------------

SAVINGS_KINDS = ("livret_a", "ldds", "lep")
TRANSFER_HORIZON_YEARS = 1  # how far ahead a deferred transfer may be dated


@dataclass(frozen=True)
class TransferProblem:
    reason: str
    field: str  # the form field the message goes next to: de, vers, montant, date, motif


def check_accounts(*, from_kind: str, to_kind: str | None,
                   same_account: bool) -> TransferProblem | None:
    """What is refused whatever the amount (to_kind None: a beneficiary at another bank)."""
    if same_account:
        return TransferProblem("same_account", "vers")
    if from_kind in SAVINGS_KINDS and to_kind is None:
        # The « loi 6902 » pop-in: savings only ever go back to the holder's own accounts.
        return TransferProblem("savings_to_beneficiary", "vers")
    return None


def check_transfer(
    *,
    amount_cents: int,
    from_kind: str,
    from_balance_cents: int,
    from_overdraft_cents: int,
    to_kind: str | None,
    to_balance_cents: int | None,
    to_ceiling_cents: int | None,
    same_account: bool = False,
) -> TransferProblem | None:
    """The rules of an amount between two accounts (or towards a beneficiary: to_kind None)."""
    savings = from_kind in SAVINGS_KINDS
    problem = check_accounts(from_kind=from_kind, to_kind=to_kind, same_account=same_account)
    if problem is not None:
        return problem
    if amount_cents > TRANSFER_CEILING_CENTS:
        return TransferProblem("over_transfer_ceiling", "montant")
    if savings and amount_cents < LIVRET_A_MINIMUM_CENTS:
        return TransferProblem("under_savings_minimum", "montant")
    if savings and amount_cents > from_balance_cents:
        return TransferProblem("savings_would_be_negative", "montant")
    if not savings and amount_cents > from_balance_cents + from_overdraft_cents:
        return TransferProblem("insufficient_balance", "montant")
    if to_kind in SAVINGS_KINDS and amount_cents < LIVRET_A_MINIMUM_CENTS:
        return TransferProblem("under_savings_minimum", "montant")
    if to_ceiling_cents is not None and to_balance_cents is not None and (
        to_balance_cents + amount_cents > to_ceiling_cents
    ):
        return TransferProblem("over_savings_ceiling", "montant")
    return None


_AMOUNT_REASONS = {"empty": "amount_format", "format": "amount_format",
                   "negative": "amount_negative", "zero": "amount_zero"}


def read_amount(typed: str | None) -> tuple[int | None, TransferProblem | None]:
    """What was typed in « Montant » → (cents, None) or (None, the problem)."""
    try:
        return parse_amount(typed), None
    except AmountError as error:
        return None, TransferProblem(_AMOUNT_REASONS[error.reason], "montant")


def latest_execution_day(today: dt.date) -> dt.date:
    """One year after today (28 February when today is a 29 February)."""
    try:
        return today.replace(year=today.year + TRANSFER_HORIZON_YEARS)
    except ValueError:
        return today.replace(year=today.year + TRANSFER_HORIZON_YEARS, day=28)


def read_execution_date(typed: str | None, today: dt.date) -> tuple[dt.date | None,
                                                                 TransferProblem | None]:
    """« Date d'exécution » (jj/mm/aaaa or ISO) → (the requested day, None) or (None, problem)."""
    day = parse_date_fr(typed)
    if day is None or day.year < 1000:  # « 01/12/26 »: the year needs its four digits
        return None, TransferProblem("date_invalid", "date")
    if day < today:
        return None, TransferProblem("date_past", "date")
    if day > latest_execution_day(today):
        return None, TransferProblem("date_too_far", "date")
    return day, None


def execution_day(requested: dt.date, today: dt.date) -> dt.date:
    """The day the transfer is carried out.

    Today means « immédiat » whatever the day (a transfer typed at the post office on a
    Saturday moves the money at once); a later week-end or bank-holiday date moves to the
    next working day, as the real bank announces on its confirmation page.
    """
    if requested == today:
        return today
    return next_working_day(requested)


def check_reason(typed: str | None) -> TransferProblem | None:
    if len(typed or "") > REASON_MAX_LENGTH:
        return TransferProblem("reason_too_long", "motif")
    return None
