"""Attempts played through the test client, and what the outbox holds about them."""

from __future__ import annotations

import json

from kiosk.coach import store as coach_store
from kiosk.database import get_db
from tests.support.kiosk_client import KioskClient

SCENARIO = "banque-connexion"  # two steps: log in, log out


def start(learner: KioskClient, mode: str = "autonomie", scenario: str = SCENARIO):
    learner.get(f"/exercices/{scenario}")
    return learner.post(f"/exercices/{scenario}/commencer", {"mode": mode})


def wrong_code(learner: KioskClient):
    identifiant, _ = learner.persona_secrets()
    learner.get("/sites/banque/connexion")
    return learner.post("/sites/banque/connexion",
                        {"identifiant": identifiant, "cells": learner.keypad_cells("111111")})


def play_connexion(learner: KioskClient, mode: str = "autonomie", mistakes: int = 0) -> None:
    """banque-connexion from start to end: log in (after ``mistakes`` wrong codes), log out."""
    start(learner, mode)
    for _ in range(mistakes):
        wrong_code(learner)
    learner.login()
    learner.post("/sites/banque/deconnexion")


def session_id(learner: KioskClient) -> str:
    return learner.client.get_cookie(learner.app.config["SESSION_COOKIE_NAME"]).value


def latest_attempt(learner: KioskClient) -> dict:
    with learner.app.test_request_context():
        return coach_store.latest_attempt_for_session(get_db(), session_id(learner))


def outbox(app, attempt_id: int | None = None) -> list[dict]:
    """The outbox rows (statement parsed), in the order they were queued."""
    with app.test_request_context():
        where, params = ("attempt_id = ?", [attempt_id]) if attempt_id else (None, [])
        rows = list(get_db()["xapi_outbox"].rows_where(where, params, order_by="rowid"))
    return [{**row, "statement": json.loads(row["statement"])} for row in rows]
