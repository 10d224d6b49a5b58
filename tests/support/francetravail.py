"""A job seeker at the kiosk, on France Travail (simulation), through Flask's test client.

    seeker = job_seeker(app)                      # 2 December: the actualisation is open
    seeker = job_seeker(app, day="2026-11-26")    # outside the window
    seeker = job_seeker(app, options={"francetravail.inscription": "a-faire"}, signed_in=False)

The world is created as a scenario's ``setup`` would create it (its own day, its options), and
bound to the learner's session in place of the one « France Travail » made.
"""

from __future__ import annotations

import datetime as dt

from kiosk.store import load_session
from simulator.db import connect, write_transaction
from simulator.sites.francetravail import store
from tests.support.kiosk_client import KioskClient

FT = "/sites/francetravail"
IDENTIFIANT, PASSWORD, POSTAL_CODE = "4827153K", "739251", "93300"
NIR = "1 91 06 93 008 245 60"


def job_seeker(app, *, day: str = "2026-12-02", options: dict | None = None,
               signed_in: bool = True) -> KioskClient:
    learner = KioskClient(app.test_client(), app)
    learner.start("francetravail")
    worlds = app.extensions["pasapas.worlds"]
    sid = learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    kiosk_db = connect(app.config["KIOSK_DATABASE"])
    try:
        old_world = load_session(kiosk_db, sid)["world_id"]
        world = worlds.create("samir", day=dt.date.fromisoformat(day), seed=1234,
                              options=options)
        if signed_in:
            with write_transaction(world.db):
                store.open_online_session(world.db)
        world.close()
        kiosk_db.execute("UPDATE sessions SET world_id = ? WHERE id = ?", [world.id, sid])
    finally:
        kiosk_db.conn.close()
    worlds.destroy(old_world)
    return learner


def log_in(learner: KioskClient, identifiant: str = IDENTIFIANT, password: str = PASSWORD,
           postal_code: str = POSTAL_CODE):
    learner.get(f"{FT}/connexion")
    learner.post(f"{FT}/connexion", {"identifiant": identifiant})
    learner.post(f"{FT}/connexion/mot-de-passe", {"password": password})
    return learner.post(f"{FT}/connexion/code-postal", {"codepostal": postal_code})


def in_world(learner: KioskClient, read):
    """Read something in the learner's world: ``in_world(seeker, store.account)``."""
    world = learner.world()
    try:
        return read(world.db)
    finally:
        world.close()


def last_sms(learner: KioskClient) -> str:
    return in_world(learner, lambda db: db.execute(
        "SELECT body FROM sms ORDER BY id DESC LIMIT 1").fetchone()[0])


def text_of(learner: KioskClient, response) -> str:
    return " ".join(learner.soup(response).get_text(" ").split())
