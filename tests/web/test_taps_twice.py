"""A tap sent twice (a double tap, a tap again after an answer was lost) does it once."""

from __future__ import annotations

import threading

from simulator.sites.banque import store
from tests.support import attempts
from tests.support.kiosk_client import KioskClient

VIREMENTS = "/sites/banque/virements"


def _draft(learner: KioskClient) -> str:
    world = learner.world()
    try:
        keys = {a.key: a.token for a in store.accounts(world.db)}
    finally:
        world.close()
    learner.get(VIREMENTS)
    response = learner.post(VIREMENTS, {"de": keys["livret_a"], "vers": keys["ccp"],
                                        "montant": "50", "date": "26/11/2026", "motif": ""})
    review = response.headers["Location"]
    learner.get(review)
    return review


def test_two_confirmer_at_once_make_one_transfer_and_one_step(app, learner):
    attempts.start(learner, "guide", "banque-livret-a-vers-compte-courant")
    learner.login()
    review = _draft(learner)
    cookie = learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    token = learner.csrf()
    answers, barrier = [], threading.Barrier(2)

    def tap() -> None:
        client = app.test_client()
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
        barrier.wait()
        answers.append(client.post(review, data={"csrf_token": token}).status_code)

    taps = [threading.Thread(target=tap) for _ in range(2)]
    for t in taps:
        t.start()
    for t in taps:
        t.join()
    assert answers == [303, 303]
    world = learner.world()
    try:
        done = [t for t in world.db["transfers"].rows if t["status"] == "done"]
        operations = len(store.transfer_operations(world.db, done[0]["id"])) if done else 0
    finally:
        world.close()
    assert len(done) == 1 and operations == 2
    attempt = attempts.latest_attempt(learner)
    assert attempt["status"] == "passed"
    with app.test_request_context():
        from kiosk.coach import store as coach_store
        from kiosk.database import get_db

        steps = [r["step_id"] for r in coach_store.step_results(get_db(), attempt["id"])]
    assert steps == ["connexion", "virements", "saisie", "confirmer"]


def test_terminer_tapped_again_after_its_answer_was_lost_goes_home(learner, app):
    learner.start("banque")
    token = learner.csrf()
    first = learner.post("/seance/terminer", {"csrf_token": token})
    assert first.status_code == 303
    again = learner.post("/seance/terminer", {"csrf_token": token})
    assert again.status_code == 303 and "fin=1" in again.headers["Location"]
