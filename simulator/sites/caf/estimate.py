"""« Estimer mes droits »: a simple estimate of the monthly prime d'activité, with the public
formula of the CAF (amounts of April 2025). It is an estimate, and the page says so: the real
right is computed by the CAF from the quarterly declaration.

prime = montant forfaitaire (by household) + 61 % of the work income + bonification individuelle
        − the household's resources (never less than the montant forfaitaire)
        − the forfait logement (when an aide au logement is received)
Under 15 € a month, nothing is paid.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE_CENTS = 63_321  # montant forfaitaire, one person (1 April 2025)
WORK_SHARE = 0.61
SMIC_HOURLY_CENTS = 1_188  # SMIC horaire brut 2025
BONUS_MAX_CENTS = 18_427  # bonification individuelle at its highest
MINIMUM_PAID_CENTS = 1_500


def household_factor(couple: bool, children: int) -> float:
    """The montant forfaitaire's multiplier: 1 for one person, +50 % for the second person
    (the first child of a single parent counts as one), +30 % for each of the next two, +40 %
    from the third child."""
    people = [1.0] + ([0.5] if couple else [])
    for rank in range(children):
        if rank == 0 and not couple:
            people.append(0.5)
        elif rank < 2:
            people.append(0.3)
        else:
            people.append(0.4)
    return sum(people)


def forfait_logement(persons: int) -> int:
    """What an aide au logement counts for, in cents: 12 % of the base for one person, 16 % for
    two, 16,5 % from three."""
    rate = 0.12 if persons == 1 else 0.16 if persons == 2 else 0.165
    return round(BASE_CENTS * rate)


def bonification(work_cents: int) -> int:
    """From 59 to 95 times the SMIC horaire: rises from 0 to its highest."""
    low, high = 59 * SMIC_HOURLY_CENTS, 95 * SMIC_HOURLY_CENTS
    if work_cents <= low:
        return 0
    if work_cents >= high:
        return BONUS_MAX_CENTS
    return round(BONUS_MAX_CENTS * (work_cents - low) / (high - low))


@dataclass(frozen=True)
class Estimate:
    monthly_cents: int  # 0: no prime (under 15 €)
    forfaitaire_cents: int
    work_part_cents: int
    bonus_cents: int
    resources_cents: int
    housing_cents: int


def estimate(*, couple: bool, children: int, work_cents: int, other_cents: int,
             housing_aid: bool) -> Estimate:
    """The monthly prime d'activité (cents) for average monthly resources."""
    forfaitaire = round(BASE_CENTS * household_factor(couple, children))
    housing = forfait_logement(1 + int(couple) + children) if housing_aid else 0
    work_part = round(work_cents * WORK_SHARE)
    bonus = bonification(work_cents)
    resources = max(work_cents + other_cents + housing, forfaitaire)
    amount = forfaitaire + work_part + bonus - resources
    if work_cents <= 0 or amount < MINIMUM_PAID_CENTS:
        amount = 0
    return Estimate(amount, forfaitaire, work_part, bonus, work_cents + other_cents, housing)
