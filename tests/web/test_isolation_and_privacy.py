"""Two learners never see each other's world; what a learner types as a code is never kept."""

from __future__ import annotations

from pathlib import Path

from simulator.sites.banque import store
from tests.support.kiosk_client import KioskClient


def test_two_learners_at_two_kiosks_have_separate_worlds(app):
    alice, bob = (KioskClient(app.test_client(), app) for _ in range(2))
    for learner in (alice, bob):
        learner.start("banque")
        learner.login()
    world_a, world_b = alice.world(), bob.world()
    try:
        assert world_a.id != world_b.id
        ccp_a = store.account_by_key(world_a.db, "ccp")
        store.add_operation(world_a.db, ccp_a.id, day=__import__("datetime").date(2026, 11, 26),
                            label="VIREMENT DE ALICE", detail="", amount_cents=4200,
                            category="virement_recu")
        # Bob's synthesis is untouched, and Alice's account token means nothing to Bob.
        bob_page = bob.get("/sites/banque/synthese").get_data(as_text=True)
        assert "684,27" in bob_page and "726,27" not in bob_page
        assert "726,27" in alice.get("/sites/banque/synthese").get_data(as_text=True)
        assert bob.get(f"/sites/banque/comptes/{ccp_a.token}").status_code == 404
    finally:
        world_a.close()
        world_b.close()


def test_a_typed_code_is_stored_nowhere(learner, app):
    learner.start("banque")
    identifiant, _ = learner.persona_secrets()
    learner.get("/sites/banque/connexion")
    typed = "135790"
    learner.post("/sites/banque/connexion",
                 {"identifiant": identifiant, "cells": learner.keypad_cells(typed)})
    instance = Path(app.instance_path)
    for path in instance.rglob("*"):
        if path.is_file():
            assert typed.encode() not in path.read_bytes(), path
