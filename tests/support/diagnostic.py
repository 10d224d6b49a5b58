"""« Par où commencer ? » answered through the test client, as a sure or a hesitant learner."""

from __future__ import annotations

from kiosk.database import get_db
from kiosk.diagnostic import store
from simulator.sites.telephone import store as phone
from tests.support.kiosk_client import KioskClient

LINK = {"HX-Request": "true", "HX-Boosted": "true"}  # a link of the page, followed by htmx
FRAGMENT = {"HX-Request": "true"}

# What a learner at ease does for each task of scenarios/diagnostic.yaml.
RIGHT = {
    "toucher": lambda learner: learner.get("/sites/gestes/horaires", headers=LINK),
    "choisir": lambda learner: learner.get("/sites/gestes/horaires?jour=samedi",
                                           headers=FRAGMENT),
    "defiler": lambda learner: (learner.htmx_post("/sites/gestes/defilement?page=agenda"),
                                learner.get("/sites/gestes/agenda/atelier-numerique",
                                            headers=LINK)),
    "ecrire": lambda learner: learner.get("/sites/gestes/catalogue?q=Zola", headers=LINK),
    "cadenas": lambda learner: learner.htmx_post("/sites/gestes/apprendre/adresse",
                                                 {"question": "cadenas", "reponse": "chiffre"}),
    "faux-sms": lambda learner: learner.htmx_post(f"/sites/telephone/sms/{scam_sms(learner)}"
                                                  "/supprimer"),
}


def scam_sms(learner: KioskClient) -> int:
    world = learner.world()
    try:
        return next(m["id"] for m in phone.messages(world.db) if m["kind"] == "scam")
    finally:
        world.close()


def latest(learner: KioskClient) -> dict:
    with learner.app.test_request_context():
        return store.latest_for_session(get_db(), learner.client.get_cookie(
            learner.app.config["SESSION_COOKIE_NAME"]).value)


def play(learner: KioskClient, *, sure: bool, answer: str | None = None):
    """Begin, do every task (right, or « Je ne sais pas faire »), answer every question with
    ``answer`` (default: sait when sure, ne_sait_pas otherwise); returns the result page."""
    learner.get("/commencer")
    learner.post("/commencer")
    tasks = learner.app.extensions["pasapas.diagnostic"].diagnostic.tasks
    for task in tasks:
        learner.get(task.start, headers=LINK)
        if sure:
            RIGHT[task.id](learner)
        else:
            learner.post("/commencer/passer")
        learner.post("/commencer/suivant")
    given = answer or ("sait" if sure else "ne_sait_pas")
    while (running := latest(learner))["status"] == "running":
        waiting = [q for q in running["questions"] if q not in running["answers"]]
        if not waiting:
            learner.get("/commencer/question")
            continue
        learner.post("/commencer/question", {"question": waiting[0], "reponse": given})
    return learner.get("/commencer/resultat")
