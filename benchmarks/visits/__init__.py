"""What simulated learners do at the kiosk, one visit per replica site and per kind of exercise:
the load drill (drills/soak.py) spreads its learners over :data:`VISITS`.

A visit is a list of steps, each one tap (its request and the redirect a browser follows),
played by a :class:`benchmarks.learner.Learner` that reads the pages as a learner reads them;
a step that does not land where a learner would raises ``FlowError``. A new replica site plugs
in with a module of its own here (its visit, written like ``banque.py``) and one line below.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.learner import Step
from benchmarks.visits import banque, coach, francetravail, impots


@dataclass(frozen=True)
class Visit:
    name: str
    steps: list[Step]
    weight: int  # how many learners out of the sum of weights play it


VISITS: list[Visit] = [
    Visit("banque: « Ma banque », consulter, virer", banque.VISIT, 3),
    Visit("France Travail: paiements, courriers, offres", francetravail.VISIT, 2),
    Visit("impots: créer l'espace, déclarer, signer", impots.VISIT, 2),
    Visit("coach: exercice « virement du Livret A »", coach.TRANSFER_EXERCISE, 3),
    Visit("coach: exercice « faux SMS » (téléphone, site frauduleux)", coach.FAKE_SMS_EXERCISE, 2),
]


def spread(learners: int) -> list[Visit]:
    """Which visit each of ``learners`` plays, in proportion to the weights, interleaved."""
    total = sum(v.weight for v in VISITS)
    order = [v for v in VISITS for _ in range(v.weight)]
    return [order[i % total] for i in range(learners)]
