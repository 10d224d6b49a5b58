"""A learner on the tax replica, through Flask's test client: the usual ways through the space,
so that each test starts where it matters."""

from __future__ import annotations

from simulator.personas import load_persona
from simulator.sites.messagerie import store as mailbox
from simulator.sites.messagerie.routes import local_path

PERSONA = load_persona("nadia")
TAX = PERSONA.section("impots")
FISCAL = TAX["numero_fiscal"]
ACCESS = TAX["numero_acces"]
RFR = str(TAX["revenu_fiscal_reference"])
PASSWORD = TAX["mot_de_passe"]
EMAIL = PERSONA.section("messagerie")["adresse"]
AMELI = PERSONA.section("franceconnect")["comptes"]["ameli"]


def create_space(learner):
    """From the login page to « Un courriel vous a été envoyé »."""
    learner.post("/sites/impots/connexion", {"spi": FISCAL})
    learner.post("/sites/impots/creation", {"acces": ACCESS, "rfr": RFR})
    return learner.post("/sites/impots/creation/compte", {
        "email": EMAIL, "email_confirmation": EMAIL, "pwd": PASSWORD,
        "pwd_confirmation": PASSWORD}, follow_redirects=True)


def newest_mail(learner, topic: str) -> dict | None:
    world = learner.world()
    try:
        return mailbox.latest(world.db, topic)
    finally:
        world.close()


def link_of(learner, topic: str) -> str:
    """The replica path the newest e-mail about ``topic`` links to."""
    mail = newest_mail(learner, topic)
    return local_path(mail["links"][0])[0]


def activate(learner):
    return learner.get(link_of(learner, "impots.activation"), follow_redirects=True)


def log_in(learner, password: str = PASSWORD):
    learner.post("/sites/impots/connexion", {"spi": FISCAL})
    return learner.post("/sites/impots/connexion/mot-de-passe", {"spi": FISCAL, "pwd": password},
                        follow_redirects=True)


def ready_space(learner):
    """« Mes impôts » started, the space created, activated, and the learner logged in."""
    learner.start("impots")
    create_space(learner)
    activate(learner)
    return log_in(learner)


def declare(learner, *, salaries: str = "16284", childcare: str | None = "2460"):
    """Every step of the declaration, up to the récapitulatif (returned)."""
    learner.post("/sites/impots/declaration")
    for step, data in [("etat-civil", {}), ("situation", {"situation": "C", "case_t": "1"}),
                       ("personnes-a-charge", {}), ("revenus", {"salaires_1aj": salaries}),
                       ("charges", {"rubriques": "garde"} if childcare is not None else {})]:
        learner.post(f"/sites/impots/declaration/{step}", {**data, "direction": "suivant"})
    if childcare is not None:
        learner.post("/sites/impots/declaration/montants",
                     {"case_7ga": childcare, "direction": "suivant"})
    return learner.get("/sites/impots/declaration/recapitulatif")
