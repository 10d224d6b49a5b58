"""The simulated income tax of a declaration: a small, pure function, not a tax engine.

It applies the barème voted for the 2025 tax on the income of 2024 (loi de finances pour 2025,
indexation 1,8 %) whatever the year declared: a simplification, written in docs/architecture.md.
Only what the tax replica's persona needs is modelled: salaries (1AJ) with the 10 % deduction,
the quotient familial of a single person or a couple with children (the « parent isolé » half
part, case T, and the ceilings of its advantage), the décote, the threshold under which the tax
is not collected, and the tax credit for the childcare of children under six (7GA to 7GC).
Amounts are whole euros, like the declaration.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

BAREME_YEAR = 2025  # the barème of the 2025 tax (on the income of 2024)
# (upper bound of the slice for one part, rate in %): art. 197 of the CGI, 2025 version.
SLICES: tuple[tuple[int | None, int], ...] = (
    (11_497, 0), (29_315, 11), (83_823, 30), (180_294, 41), (None, 45))
DEDUCTION_RATE = Decimal("0.10")  # frais professionnels, 10 %
DEDUCTION_MIN = 504
DEDUCTION_MAX = 14_426
HALF_PART_CAP = 1_791  # the advantage of each extra half part
SINGLE_PARENT_FIRST_CHILD_CAP = 4_224  # the whole part of the first child, case T
DECOTE = {"single": 889, "couple": 1_470}
DECOTE_RATE = Decimal("0.4525")
NOT_COLLECTED_UNDER = 61  # a tax under 61 € is not collected (tax credits are still paid)
CHILDCARE_RATE = Decimal("0.50")
CHILDCARE_CEILING = 3_500  # of expenses, per child under six
COUPLES = ("M", "O")  # marié(e), pacsé(e)


@dataclass(frozen=True)
class TaxResult:
    salaries: int  # 1AJ
    deduction: int  # 10 % for professional expenses
    net_income: int  # revenu net imposable (here also the revenu fiscal de référence)
    parts: Fraction
    tax_before_ceiling: int  # barème with every part
    tax_gross: int  # barème after the ceiling of the quotient familial
    decote: int
    tax_after_decote: int
    tax_due: int  # 0 when under the collection threshold
    childcare_credit: int
    balance: int  # what is left to pay (> 0) or to be refunded (< 0)

    @property
    def refund(self) -> int:
        return -self.balance if self.balance < 0 else 0


def _euros(value: Decimal | Fraction | float) -> int:
    """Round to the nearest euro, halves up (the tax's own rounding)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return int(Decimal(value).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def parts(situation: str, children: int, single_parent: bool) -> Fraction:
    """Parts of quotient familial: 1 (2 for a couple), ½ for each of the first two children,
    1 from the third, and ½ more for a parent bringing them up alone (case T)."""
    base = Fraction(2 if situation in COUPLES else 1)
    for rank in range(1, children + 1):
        base += Fraction(1, 2) if rank <= 2 else Fraction(1)
    if single_parent and children and situation not in COUPLES:
        base += Fraction(1, 2)
    return base


def tax_for_one_part(income: Fraction) -> Fraction:
    tax, lower = Fraction(0), 0
    for upper, rate in SLICES:
        top = income if upper is None else min(income, Fraction(upper))
        if top > lower:
            tax += (top - lower) * Fraction(rate, 100)
        if upper is None or income <= upper:
            break
        lower = upper
    return tax


def _tax(net_income: int, shares: Fraction) -> Fraction:
    return tax_for_one_part(Fraction(net_income) / shares) * shares


def _ceiling(situation: str, children: int, single_parent: bool, shares: Fraction) -> int:
    """How much the extra half parts may lower the tax at most."""
    base = Fraction(2 if situation in COUPLES else 1)
    half_parts = int((shares - base) * 2)
    if single_parent and children and situation not in COUPLES:
        return SINGLE_PARENT_FIRST_CHILD_CAP + (half_parts - 2) * HALF_PART_CAP
    return half_parts * HALF_PART_CAP


def compute(*, salaries: int, situation: str = "C", children: int = 0,
            single_parent: bool = False, childcare: list[int] | tuple[int, ...] = ()) -> TaxResult:
    """The tax of a household. ``childcare``: the expenses (after the aids received) for each
    child under six, in order (7GA, 7GB, 7GC)."""
    if salaries < 0 or any(amount < 0 for amount in childcare):
        raise ValueError("amounts are never negative")
    deduction = min(max(_euros(Decimal(salaries) * DEDUCTION_RATE), DEDUCTION_MIN), DEDUCTION_MAX)
    deduction = min(deduction, salaries)
    net_income = salaries - deduction
    shares = parts(situation, children, single_parent)
    with_parts = _tax(net_income, shares)
    base = Fraction(2 if situation in COUPLES else 1)
    without_children = _tax(net_income, base)
    gross = max(with_parts,
                without_children - _ceiling(situation, children, single_parent, shares))
    tax_gross = _euros(max(gross, Fraction(0)))
    decote_base = DECOTE["couple" if situation in COUPLES else "single"]
    decote = 0
    if Decimal(tax_gross) < Decimal(decote_base) / DECOTE_RATE:
        decote = min(max(_euros(Decimal(decote_base) - DECOTE_RATE * tax_gross), 0), tax_gross)
    after_decote = tax_gross - decote
    tax_due = after_decote if after_decote >= NOT_COLLECTED_UNDER else 0
    credit = sum(_euros(Decimal(min(amount, CHILDCARE_CEILING)) * CHILDCARE_RATE)
                 for amount in childcare)
    return TaxResult(salaries=salaries, deduction=deduction, net_income=net_income, parts=shares,
                     tax_before_ceiling=_euros(with_parts), tax_gross=tax_gross, decote=decote,
                     tax_after_decote=after_decote, tax_due=tax_due, childcare_credit=credit,
                     balance=tax_due - credit)


def parts_label(shares: Fraction) -> str:
    """``Fraction(5, 2)`` → « 2,5 », as the avis writes the number of parts."""
    whole, rest = divmod(shares, 1)
    return f"{int(whole)}" + (",5" if rest else "")
