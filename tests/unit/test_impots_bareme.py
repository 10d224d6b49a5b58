"""The simulated income tax (simulator/sites/impots/bareme.py) against computations made by hand
with the rules of the 2025 barème (income of 2024), the one the replica applies."""

from __future__ import annotations

from fractions import Fraction

import pytest

from simulator.sites.impots import bareme


def test_the_persona_s_declaration_matches_the_hand_computation():
    """Nadia: single (C), brings up Lina alone (case T), Lina under six in a micro-crèche.

    Her figures (simulator/personas/nadia.yaml, and the papers of her folder):
    - salaries 1AJ: 16 284 € (« Cumul net imposable » of December's payslip);
    - childcare: 6 840 € paid to the crèche, minus 4 380 € of CAF help = 2 460 € in 7GA.

    By hand:
    1. Deduction for professional expenses: 10 % of 16 284 = 1 628,40 → 1 628 € (between the
       minimum 504 € and the maximum 14 426 €).
    2. Net taxable income: 16 284 − 1 628 = 14 656 €.
    3. Parts: 1 (single) + ½ (first child) + ½ (case T, single parent) = 2.
    4. Income for one part: 14 656 / 2 = 7 328 €, under the first threshold (11 497 €): 0 % →
       tax 0 × 2 = 0 €.
    5. Ceiling of the quotient familial: without the child's part (1 part), 14 656 € gives
       (14 656 − 11 497) × 11 % = 347,49 €; the advantage of the first child's whole part is
       capped at 4 224 €; 347,49 − 4 224 < 0, so the tax stays 0 €.
    6. Décote: none (no tax).
    7. A tax under 61 € is not collected: 0 €.
    8. Tax credit for childcare: 50 % × min(2 460, 3 500) = 1 230 €.
    9. Balance: 0 − 1 230 = −1 230 €: Nadia is refunded 1 230 €.
    """
    result = bareme.compute(salaries=16_284, situation="C", children=1, single_parent=True,
                            childcare=[2_460])
    assert result.deduction == 1_628
    assert result.net_income == 14_656
    assert result.parts == Fraction(2)
    assert (result.tax_gross, result.decote, result.tax_due) == (0, 0, 0)
    assert result.childcare_credit == 1_230
    assert result.balance == -1_230 and result.refund == 1_230


def test_the_mistake_to_teach_declaring_what_was_paid_before_the_caf_s_help():
    """6 840 € in 7GA instead of 2 460: the ceiling (3 500 €) applies, 50 % → 1 750 € refunded,
    520 € too much."""
    assert bareme.compute(salaries=16_284, children=1, single_parent=True,
                          childcare=[6_840]).balance == -1_750


def test_last_year_s_avis_of_the_persona():
    """Income 15 520 €: 10 % = 1 552 → 13 968 € (the revenu fiscal de référence on her avis);
    7GA 2 210 € → credit 1 105 €."""
    result = bareme.compute(salaries=15_520, children=1, single_parent=True, childcare=[2_210])
    assert (result.net_income, result.balance) == (13_968, -1_105)


def test_a_single_person_in_the_second_and_third_slices():
    """33 334 € of salaries: 10 % = 3 333,40 → 3 333; 30 001 € taxable.
    (29 315 − 11 497) × 11 % = 1 959,98; (30 001 − 29 315) × 30 % = 205,80;
    total 2 165,78 → 2 166 €; no décote (over 1 964 €)."""
    result = bareme.compute(salaries=33_334)
    assert (result.net_income, result.tax_gross, result.decote, result.balance) == (
        30_001, 2_166, 0, 2_166)


def test_the_decote_of_a_modest_single_person():
    """20 000 €: 18 000 € taxable; (18 000 − 11 497) × 11 % = 715,33 → 715 €;
    décote 889 − 45,25 % × 715 = 565,46 → 565; tax 150 €."""
    result = bareme.compute(salaries=20_000)
    assert (result.tax_gross, result.decote, result.tax_due) == (715, 565, 150)


def test_a_tax_under_61_euros_is_not_collected():
    """17 000 €: 15 300 € taxable; (15 300 − 11 497) × 11 % = 418,33 → 418 €;
    décote 889 − 189,15 = 699,85 → 700, capped at 418: the tax is 0."""
    result = bareme.compute(salaries=17_000)
    assert (result.tax_gross, result.tax_after_decote, result.tax_due) == (418, 0, 0)


def test_the_ceiling_of_the_single_parent_s_part():
    """90 000 €, case T, one child: 81 000 € taxable, 2 parts.
    With 2 parts: 40 500 per part → 1 959,98 + (40 500 − 29 315) × 30 % = 5 315,48; × 2 =
    10 630,96. With 1 part: 1 959,98 + (81 000 − 29 315) × 30 % = 17 465,48; minus the ceiling
    4 224 = 13 241,48, higher: the tax is 13 241 €."""
    result = bareme.compute(salaries=90_000, children=1, single_parent=True)
    assert (result.tax_before_ceiling, result.tax_gross) == (10_631, 13_241)


@pytest.mark.parametrize("situation, children, single_parent, expected", [
    ("C", 0, False, Fraction(1)),
    ("C", 1, False, Fraction(3, 2)),
    ("C", 1, True, Fraction(2)),
    ("D", 2, True, Fraction(5, 2)),
    ("M", 2, False, Fraction(3)),
    ("M", 3, True, Fraction(4)),  # a couple never gets case T
    ("O", 0, False, Fraction(2)),
])
def test_parts_of_quotient_familial(situation, children, single_parent, expected):
    assert bareme.parts(situation, children, single_parent) == expected


def test_the_childcare_ceiling_is_per_child_and_deduction_has_its_bounds():
    two = bareme.compute(salaries=0, children=2, single_parent=True, childcare=[4_000, 1_000])
    assert two.childcare_credit == 1_750 + 500
    assert bareme.compute(salaries=3_000).deduction == 504  # the minimum
    assert bareme.compute(salaries=400).deduction == 400  # never more than the salaries
    assert bareme.compute(salaries=200_000).deduction == 14_426  # the maximum


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError):
        bareme.compute(salaries=-1)
    with pytest.raises(ValueError):
        bareme.compute(salaries=1_000, childcare=[-5])


def test_parts_are_written_as_the_avis_writes_them():
    assert [bareme.parts_label(Fraction(n, 2)) for n in (2, 3, 5)] == ["1", "1,5", "2,5"]
