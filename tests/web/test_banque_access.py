"""Logging in to the bank: the shuffled keypad, wrong codes, lock-out, strong authentication."""

from __future__ import annotations

import time

import pytest

from simulator.sites.banque import store

LOGIN = "/sites/banque/connexion"


def names(events):
    return [e.name for e in events]


def test_login_with_the_persona_card_reaches_the_synthesis(learner, events):
    learner.start("banque")
    page = learner.soup(learner.login())
    assert page.select_one("h1").get_text(strip=True) == "Synthèse de vos comptes"
    assert "banque.login.succeeded" in names(events)


def test_the_keypad_posts_cells_never_digits(learner):
    learner.start("banque")
    page = learner.soup(learner.get(LOGIN))
    keys = page.select("#imageclavier [data-keypad-cell]")
    assert sorted(k.get_text() for k in keys) == [str(d) for d in range(10)]
    assert len(page.select("#imageclavier .bq-keypad__blank")) == 6
    assert not page.select("input[type=password][name]")
    form_fields = {i["name"] for i in page.select("#formAccesCompte input[name]")}
    assert form_fields == {"csrf_token", "identifiant", "memoriser", "cells"}


def test_the_layout_moves_at_every_display_and_a_seed_fixes_it(learner):
    learner.start("banque")
    first = learner.soup(learner.get(LOGIN)).select("#imageclavier > *")
    second = learner.soup(learner.get(LOGIN)).select("#imageclavier > *")
    assert [c.get_text() for c in first] != [c.get_text() for c in second]
    seeded = [learner.soup(learner.get(LOGIN + "?seed=7")).select("#imageclavier > *")
              for _ in range(2)]
    assert [c.get_text() for c in seeded[0]] == [c.get_text() for c in seeded[1]]


def test_the_accessible_keypad_is_in_order_and_still_posts_cells(learner):
    learner.start("banque")
    page = learner.soup(learner.get(LOGIN + "?clavier=accessible"))
    digits = [k.get_text() for k in page.select("#imageclavier [data-keypad-cell]")]
    assert digits == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
    identifiant, code = learner.persona_secrets()
    response = learner.post(LOGIN, {"identifiant": identifiant, "clavier": "accessible",
                                    "cells": learner.keypad_cells(code)}, follow_redirects=True)
    assert learner.soup(response).select_one("h1").get_text(strip=True) == "Synthèse de vos comptes"


def _post_login(learner, identifiant=None, cells=None, code="000000"):
    real_id, _ = learner.persona_secrets()
    learner.get(LOGIN)
    return learner.post(LOGIN, {"identifiant": real_id if identifiant is None else identifiant,
                                "cells": (cells if cells is not None
                                          else learner.keypad_cells(code))})


def error_of(learner, response) -> str:
    return learner.soup(response).select_one("#login-error").get_text(" ", strip=True)


def test_a_wrong_code_says_how_many_tries_are_left_then_blocks(learner, events):
    learner.start("banque")
    first = _post_login(learner, code="111111")
    assert error_of(learner, first) == (
        "Identifiant ou mot de passe incorrect. Attention, il vous reste 2 essais.")
    second = _post_login(learner, code="111111")
    assert "il vous reste 1 essai." in error_of(learner, second)
    third = learner.soup(_post_login(learner, code="111111"))
    assert "L'accès à votre Espace client est bloqué." in third.get_text()
    assert not third.select("#formAccesCompte")
    assert "banque.login.blocked" in names(events)
    # Even the right code does not open a blocked access.
    _, code = learner.persona_secrets()
    blocked = learner.post(LOGIN, {"identifiant": learner.persona_secrets()[0], "cells": "00"})
    assert "bloqué" in blocked.get_data(as_text=True)
    world = learner.world()
    assert store.customer(world.db)["connected"] == 0
    world.close()


def test_a_new_session_has_an_unblocked_access(learner):
    learner.start("banque")
    for _ in range(3):
        _post_login(learner, code="111111")
    learner.end()
    learner.csrf_token = None
    learner.start("banque")
    page = learner.soup(learner.login())
    assert page.select_one("h1").get_text(strip=True) == "Synthèse de vos comptes"


def test_the_adviser_can_unblock(learner):
    learner.start("banque")
    for _ in range(3):
        _post_login(learner, code="111111")
    world = learner.world()
    store.unblock(world.db)
    world.close()
    assert learner.soup(learner.login()).select_one("h1").get_text(strip=True) == (
        "Synthèse de vos comptes")


@pytest.mark.parametrize("identifiant", ["304512789612", "30451", "abcdefghij", ""])
def test_an_identifiant_that_is_not_ten_digits_is_refused_without_counting(learner, identifiant):
    learner.start("banque")
    response = _post_login(learner, identifiant=identifiant, code="482916")
    assert error_of(learner, response) == "Votre identifiant doit comporter 10 chiffres."
    world = learner.world()
    assert store.customer(world.db)["failed_codes"] == 0
    world.close()


@pytest.mark.parametrize("cells", ["99", "16", "1,2", "aa",
                                   "00,01,02,03,04,05,06,07,08,09,10,11,12,13,14,15,15"])
def test_a_forged_keypad_cell_is_refused_and_nothing_changes(learner, cells):
    learner.start("banque")
    response = _post_login(learner, cells=cells)
    assert response.status_code == 200
    assert error_of(learner, response) in (
        "Une erreur est survenue. Veuillez recommencer votre saisie.",
        "Veuillez saisir votre mot de passe à 6 chiffres à l'aide du clavier.")
    world = learner.world()
    assert store.customer(world.db)["connected"] == 0
    world.close()


def test_a_blank_cell_counts_as_forged(learner):
    learner.start("banque")
    learner.get(LOGIN)
    world = learner.world()
    blank = store.current_keypad(world.db).index(None)
    world.close()
    response = learner.post(LOGIN, {"identifiant": learner.persona_secrets()[0],
                                    "cells": f"{blank:02d}"})
    assert error_of(learner, response) == (
        "Une erreur est survenue. Veuillez recommencer votre saisie.")


def test_a_short_code_asks_for_six_digits(learner):
    learner.start("banque")
    response = _post_login(learner, code="4829")
    assert error_of(learner, response) == (
        "Veuillez saisir votre mot de passe à 6 chiffres à l'aide du clavier.")


def test_remembered_identifiant_is_prefilled(learner):
    learner.start("banque")
    identifiant, code = learner.persona_secrets()
    learner.get(LOGIN)
    learner.post(LOGIN, {"identifiant": identifiant, "memoriser": "1",
                         "cells": learner.keypad_cells(code)})
    learner.post("/sites/banque/deconnexion")
    page = learner.soup(learner.get(LOGIN))
    assert page.select_one("#identifiant")["value"] == identifiant


def test_logout_and_session_expiry(banker, app, events):
    response = banker.post("/sites/banque/deconnexion", follow_redirects=True)
    assert "Vous êtes déconnecté(e)" in response.get_data(as_text=True)
    assert banker.get("/sites/banque/synthese").headers["Location"] == LOGIN
    banker.login()
    world = banker.world()
    store.update_customer(world.db, last_activity=time.time() - 11 * 60)
    world.close()
    expired = banker.get("/sites/banque/synthese", follow_redirects=True)
    assert "Session expirée" in expired.get_data(as_text=True)
    assert "banque.session.expired" in names(events)


def test_strong_authentication_every_90_days_with_the_sms_code(learner, events):
    learner.start("banque")
    world = learner.world()
    store.update_customer(world.db, strong_auth_on="2026-08-01")
    world.close()
    page = learner.soup(learner.login())
    assert page.select_one("h1").get_text(strip=True) == "Authentification forte"
    assert "tous les 90 jours" in page.get_text()
    # The rest of the space waits for it.
    assert learner.get("/sites/banque/synthese").headers["Location"] == (
        "/sites/banque/authentification-forte")
    learner.post("/sites/banque/authentification-forte/envoi")
    world = learner.world()
    from simulator.sites.telephone import store as phone

    sms = phone.messages(world.db)[0]
    code = store.pending_security_code(world.db, "strong_auth")["code"]
    world.close()
    assert code in sms["body"] and sms["sender"] == "BQCITOYENNE"
    wrong = learner.post("/sites/banque/authentification-forte", {"code": "000000"})
    assert "Le code de sécurité que vous avez saisi est erroné." in wrong.get_data(as_text=True)
    done = learner.post("/sites/banque/authentification-forte", {"code": code},
                        follow_redirects=True)
    assert learner.soup(done).select_one("h1").get_text(strip=True) == "Synthèse de vos comptes"
    assert names(events)[-2:] == ["banque.strong_auth.succeeded", "banque.accounts.viewed"]
