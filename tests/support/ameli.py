"""A learner on the ameli replica, through Flask's test client: the usual ways in, so that each
test starts where it matters."""

from __future__ import annotations

import re

from simulator.personas import load_persona
from simulator.sites.messagerie import store as mailbox

PERSONA = load_persona("nadia")
AMELI = PERSONA.section("ameli")
NIR = AMELI["nir"]
CODE_PERSONNEL = AMELI["code_personnel"]


def newest_code(learner) -> str:
    """The security code of the newest e-mail about the ameli login."""
    world = learner.world()
    try:
        mail = mailbox.latest(world.db, "ameli.code")
    finally:
        world.close()
    return re.search(r"\b(\d{6})\b", mail["body"]).group(1)


def boxes(code: str) -> dict:
    """The six boxes as the form posts them (numOTP1…numOTP6)."""
    return {f"numOTP{n}": digit for n, digit in enumerate(code, 1)}


def identify(learner, code_personnel: str = CODE_PERSONNEL):
    return learner.post("/sites/ameli/connexion", {"nir": NIR, "code_personnel": code_personnel})


def log_in(learner):
    """« Mon compte ameli » started, identified, and the e-mailed code typed in the boxes."""
    learner.start("ameli")
    identify(learner)
    return learner.post("/sites/ameli/connexion/code", boxes(newest_code(learner)),
                        follow_redirects=True)
