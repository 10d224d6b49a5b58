"""A learner's visit of France Travail (simulation), tap by tap, over HTTP: the second half of
the load runs' mix (benchmarks/learner.py has the bank's).

home → « France Travail » (new world, persona card) → the three login pages (identifiant,
password, postal code) → dashboard → « Mes paiements » → the last avis de paiement → « Mes
courriers » → a search of « Offres d'emploi » near home → an offer → « Messagerie » → the
registration's first page → log out → « Terminer » (wipe). Each step must land where a
learner would, or it counts as an error.
"""

from __future__ import annotations

import re

from benchmarks.learner import BOOSTED, FlowError, Learner, Step

IDENTIFIANT = "4827153K"  # the persona card of Samir (simulator/personas/samir.yaml)
PASSWORD = "739251"
POSTAL_CODE = "93300"
FT = "/sites/francetravail"
_AVIS = re.compile(r'href="(/sites/francetravail/courriers/[^"/]+)"')
_OFFER = re.compile(r'href="(/sites/francetravail/offres/[0-9A-Z]{7})"')


async def start(learner: Learner) -> None:
    """« France Travail » on the home page: a new world, then the persona card."""
    response = await learner.browser.post(
        "/seance/commencer", {"csrf_token": learner.csrf, "site": "francetravail"},
        learner._post_headers())
    if IDENTIFIANT not in learner._landed(response, "/seance/fiche").text:
        raise FlowError("the persona card does not show the identifiant")


async def open_site(learner: Learner) -> None:
    learner._landed(await learner.browser.get(f"{FT}/", BOOSTED), f"{FT}/connexion")


async def _post(learner: Learner, path: str, form: dict[str, str], lands: str):
    response = await learner.browser.post(path, {"csrf_token": learner.csrf, **form},
                                          learner._post_headers())
    return learner._landed(response, lands)


async def identifiant(learner: Learner) -> None:
    await _post(learner, f"{FT}/connexion", {"identifiant": IDENTIFIANT},
                f"{FT}/connexion/mot-de-passe")


async def password(learner: Learner) -> None:
    await _post(learner, f"{FT}/connexion/mot-de-passe", {"password": PASSWORD},
                f"{FT}/connexion/code-postal")


async def postal_code(learner: Learner) -> None:
    await _post(learner, f"{FT}/connexion/code-postal", {"codepostal": POSTAL_CODE},
                f"{FT}/accueil")


def page(path: str, lands: str | None = None):
    async def visit(learner: Learner) -> None:
        learner._landed(await learner.browser.get(path, BOOSTED), lands or path)
    return visit


async def last_avis(learner: Learner) -> None:
    found = _AVIS.search(learner.last_page)
    if not found:
        raise FlowError("« Mes paiements » links no avis de paiement")
    await page(found.group(1))(learner)


async def an_offer(learner: Learner) -> None:
    found = _OFFER.search(learner.last_page)
    if not found:
        raise FlowError("the search found no offer")
    await page(found.group(1))(learner)


async def log_out(learner: Learner) -> None:
    await _post(learner, f"{FT}/deconnexion", {}, f"{FT}/deconnexion")


SESSION: list[Step] = [
    ("home", Learner.home),
    ("start France Travail (new world)", start),
    ("FT login page", open_site),
    ("FT identifiant", identifiant),
    ("FT password", password),
    ("FT postal code (dashboard)", postal_code),
    ("FT payments", page(f"{FT}/paiements")),
    ("FT avis de paiement", last_avis),
    ("FT courriers", page(f"{FT}/courriers")),
    ("FT offers near home", page(f"{FT}/offres?motsCles=preparateur+de+commandes&lieux="
                                 "Aubervilliers&rayon=10", f"{FT}/offres")),
    ("FT an offer", an_offer),
    ("FT messages", page(f"{FT}/messagerie")),
    ("FT registration", page(f"{FT}/inscription")),
    ("FT log out", log_out),
    ("end (wipe)", Learner.end),
]
