"""A learner on the CAF replica, through Flask's test client: a world on a chosen day with
options, the login with the verification code read from the phone or the mailbox, the
declaration's steps."""

from __future__ import annotations

import datetime as dt
import re

from kiosk.store import load_session
from simulator.db import connect, write_transaction
from simulator.personas import load_persona
from simulator.sites.caf import store
from simulator.sites.messagerie import store as mailbox
from simulator.sites.telephone import store as phone
from tests.support.kiosk_client import KioskClient

PERSONA = load_persona("nadia")
CAF = PERSONA.section("caf")
NIR = CAF["nir"]
PASSWORD = CAF["mot_de_passe"]
AMELI = PERSONA.section("franceconnect")["comptes"]["ameli"]
QUARTER = "2026-11"  # the world of the tests is on 26 November 2026
PAYSLIPS = ["1362,44", "1298,10", "1415,72"]  # July, August, September 2026


def allocataire(app, *, day: str = "2026-11-26", options: dict | None = None,
                signed_in: bool = False) -> KioskClient:
    """A learner who started « Mes aides CAF » in a world on ``day`` with ``options``."""
    learner = KioskClient(app.test_client(), app)
    learner.start("caf")
    worlds = app.extensions["pasapas.worlds"]
    sid = learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    kiosk_db = connect(app.config["KIOSK_DATABASE"])
    try:
        old_world = load_session(kiosk_db, sid)["world_id"]
        world = worlds.create("nadia", day=dt.date.fromisoformat(day), seed=1234,
                              options=options)
        if signed_in:
            with write_transaction(world.db):
                store.open_session(world.db, "password")
        world.close()
        kiosk_db.execute("UPDATE sessions SET world_id = ? WHERE id = ?", [world.id, sid])
    finally:
        kiosk_db.conn.close()
    worlds.destroy(old_world)
    return learner


def in_world(learner: KioskClient, read):
    world = learner.world()
    try:
        return read(world.db)
    finally:
        world.close()


def last_code(learner: KioskClient, channel: str = "sms") -> str:
    """The 6 digits of the newest code, read as the learner would on the phone or in the mail."""
    if channel == "sms":
        text = in_world(learner, lambda db: phone.messages(db)[0]["body"])
    else:
        text = in_world(learner, lambda db: mailbox.latest(db, "caf.code")["body"])
    return re.search(r"\b(\d{6})\b", text).group(1)


def log_in(learner: KioskClient, *, channel: str = "sms", password: str = PASSWORD):
    learner.post("/sites/caf/connexion", {"nir": NIR, "password": password})
    learner.post("/sites/caf/connexion/verification/envoi", {"canal": channel})
    return learner.post("/sites/caf/connexion/verification",
                        {"code": last_code(learner, channel)}, follow_redirects=True)


def declare(learner: KioskClient, *, salaries=PAYSLIPS, pension: list[str] | None = None):
    """The steps up to the summary (returned)."""
    learner.post("/sites/caf/declaration-trimestrielle/commencer", {"trimestre": QUARTER})
    learner.post("/sites/caf/declaration-trimestrielle/salaires",
                 {f"salaire_{i}": value for i, value in enumerate(salaries, start=1)})
    if pension is None:
        learner.post("/sites/caf/declaration-trimestrielle/autres-ressources",
                     {"autres_ressources": "non"})
    else:
        learner.post("/sites/caf/declaration-trimestrielle/autres-ressources",
                     {"autres_ressources": "oui", "ressource": "pension"})
        learner.post("/sites/caf/declaration-trimestrielle/montants",
                     {f"pension_{i}": value for i, value in enumerate(pension, start=1)})
    return learner.get("/sites/caf/declaration-trimestrielle/recapitulatif")
