"""The CAF's doors: the numéro de sécurité sociale and the password (the site's messages, the
attempts left, the lock-out), the verification code by SMS or e-mail (wrong, expired, reused,
three mistakes), FranceConnect's return, « Mot de passe oublié », and nothing typed kept."""

from __future__ import annotations

import logging
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from simulator.db import write_transaction
from simulator.sites.caf import rules, store
from simulator.sites.messagerie import store as mailbox
from simulator.sites.messagerie.routes import local_path
from tests.support.caf import AMELI, NIR, PASSWORD, allocataire, in_world, last_code, log_in


@pytest.fixture()
def learner(app):
    return allocataire(app)


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("typed, message", [
    ("", "Veuillez saisir votre numéro de sécurité sociale."),
    ("2980269388047", "doit comporter 13 chiffres suivis de la clé"),
    ("298026938804711", "Vérifiez les 13 chiffres et la clé."),
    ("2980269388047AB", "ne doit comporter que des chiffres"),
    ("185057800608491", "N'écrivez jamais vos vrais numéros sur cette borne"),
])
def test_the_nir_gets_the_sites_message_and_what_was_typed_stays(learner, events, typed, message):
    page = learner.soup(learner.post("/sites/caf/connexion", {"nir": typed, "password": "x"}))
    assert message in str(page)
    assert events[-1].name == "caf.login.failed"
    shown = page.select_one("#nir")["value"]
    assert shown == ("" if typed == "185057800608491" else typed)
    assert page.select_one("#password")["value"] == ""


def test_a_wrong_password_says_how_many_tries_are_left_then_locks(learner, events):
    for left in (2, 1):
        page = text(learner.post("/sites/caf/connexion", {"nir": NIR, "password": "Tulipe"}))
        assert f"incorrect. Il vous reste {left} essai" in page
    page = text(learner.post("/sites/caf/connexion", {"nir": NIR, "password": "Tulipe"}))
    assert "votre compte est bloqué" in page and "Mot de passe oublié" in page
    assert [e.name for e in events][-2:] == ["caf.login.failed", "caf.login.blocked"]
    again = text(learner.post("/sites/caf/connexion", {"nir": NIR, "password": PASSWORD}))
    assert "votre compte est bloqué" in again


@pytest.mark.parametrize("channel", ["sms", "email"])
def test_log_in_with_the_code_received_by_sms_or_email(learner, events, channel):
    step = learner.post("/sites/caf/connexion", {"nir": "2 98 02 69 388 047 10",
                                                 "password": PASSWORD})
    assert step.headers["Location"] == "/sites/caf/connexion/verification"
    choice = text(learner.get("/sites/caf/connexion/verification"))
    assert "Par SMS au 06 ** ** ** 05" in choice and "n************@mel-exemple.fr" in choice
    assert learner.get("/sites/caf/mon-compte").headers["Location"] == "/sites/caf/connexion"
    learner.post("/sites/caf/connexion/verification/envoi", {"canal": channel})
    assert events[-1].name == "caf.login.code_sent" and events[-1].data["channel"] == channel
    home = text(learner.post("/sites/caf/connexion/verification",
                             {"code": last_code(learner, channel)}, follow_redirects=True))
    assert "Bonjour Nadia" in home and "Vous avez une déclaration à faire" in home
    assert events[-2].name == "caf.login.succeeded"


def test_the_code_page_asks_a_channel_first(learner):
    learner.post("/sites/caf/connexion", {"nir": NIR, "password": PASSWORD})
    page = text(learner.post("/sites/caf/connexion/verification/envoi", {}))
    assert rules.MESSAGES["channel_missing"] in page


def _code_page(learner):
    learner.post("/sites/caf/connexion", {"nir": NIR, "password": PASSWORD})
    learner.post("/sites/caf/connexion/verification/envoi", {"canal": "sms"})
    return last_code(learner)


def test_a_code_of_five_digits_or_a_wrong_one_gets_its_message(learner):
    code = _code_page(learner)
    page = text(learner.post("/sites/caf/connexion/verification", {"code": code[:5]}))
    assert "doit comporter 6 chiffres" in page
    wrong = "000000" if code != "000000" else "111111"
    page = text(learner.post("/sites/caf/connexion/verification", {"code": wrong}))
    assert "Le code de vérification saisi est incorrect." in page


def test_an_old_code_is_refused_as_already_used(learner):
    old = _code_page(learner)
    learner.post("/sites/caf/connexion/verification/envoi", {"canal": "sms"})
    if last_code(learner) == old:  # a new code cannot be told apart from the old one
        learner.post("/sites/caf/connexion/verification/envoi", {"canal": "sms"})
    page = text(learner.post("/sites/caf/connexion/verification", {"code": old}))
    assert "a déjà été utilisé" in page


def test_a_code_after_ten_minutes_has_expired(learner):
    code = _code_page(learner)

    def age(db):
        with write_transaction(db):
            db.execute("UPDATE caf_codes SET sent_at = ?", [time.time() - 601])

    in_world(learner, age)
    page = text(learner.post("/sites/caf/connexion/verification", {"code": code}))
    assert "Ce code de vérification a expiré. Demandez un nouveau code." in page


def test_three_wrong_codes_lock_the_account(learner, events):
    code = _code_page(learner)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(2):
        learner.post("/sites/caf/connexion/verification", {"code": wrong})
    page = text(learner.post("/sites/caf/connexion/verification", {"code": wrong},
                             follow_redirects=True))
    assert "Vous avez saisi 3 codes erronés" in page
    assert events[-1].name == "caf.login.blocked" and events[-1].data == {"after": "code"}
    assert in_world(learner, store.allocataire)["blocked"] == 1


def test_forgotten_password_sends_a_link_that_unlocks_the_account(app, events):
    learner = allocataire(app, options={"caf.compte": "bloque"})
    page = text(learner.post("/sites/caf/mot-de-passe-oublie", {"nir": "29802693880471"}))
    assert "doit comporter 13 chiffres" in page
    page = text(learner.post("/sites/caf/mot-de-passe-oublie", {"nir": NIR}))
    assert "Un courriel vient de vous être envoyé à n************@mel-exemple.fr" in page
    mail = in_world(learner, lambda db: mailbox.latest(db, "caf.mot_de_passe"))
    link = local_path(mail["links"][0])[0]
    refused = text(learner.post(link, {"nouveau": "Autre12345", "confirmation": "Autre12345"}))
    assert "choisissez le mot de passe écrit sur la fiche" in refused
    done = text(learner.post(link, {"nouveau": PASSWORD, "confirmation": PASSWORD}))
    assert "Votre mot de passe a bien été modifié" in done
    assert "plus valable" in text(learner.get(link + "x"))
    assert "Bonjour Nadia" in text(log_in(learner))


def test_franceconnect_returns_to_mon_compte_through_the_same_provider_pages(learner, events):
    start = learner.get("/sites/caf/franceconnect")
    state = parse_qs(urlsplit(start.headers["Location"]).query)["state"][0]
    choice = text(learner.get(start.headers["Location"]))
    assert "Je choisis un compte pour me connecter sur" in choice and "caf.fr" in choice
    chosen = learner.post("/sites/franceconnect/api/v1/authorize",
                          {"state": state, "provider": "ameli"})
    assert chosen.headers["Location"].startswith("/sites/franceconnect/fournisseur/ameli")
    consent = learner.post("/sites/franceconnect/fournisseur/ameli", {
        "interaction": state, "identifiant": AMELI["identifiant"],
        "mot_de_passe": AMELI["mot_de_passe"]})
    assert consent.headers["Location"] == f"/sites/franceconnect/confirmation?state={state}"
    back = learner.post("/sites/franceconnect/confirmation", {"state": state})
    assert back.headers["Location"].startswith("/sites/caf/franceconnect/retour?")
    landed = learner.get(back.headers["Location"])
    assert landed.headers["Location"] == "/sites/caf/mon-compte"
    assert events[-1].name == "caf.login.succeeded" and events[-1].data == {"via": "franceconnect"}
    assert "Bonjour Nadia" in text(learner.get("/sites/caf/mon-compte"))
    out = learner.post("/sites/caf/deconnexion")
    assert out.headers["Location"].startswith("/sites/franceconnect/")


def test_franceconnect_with_a_bad_state_is_refused_without_a_500(learner):
    response = learner.get("/sites/caf/franceconnect/retour?state=nope&code=nope")
    assert response.status_code == 303
    assert "/sites/franceconnect/" in response.headers["Location"]


def test_logout_closes_the_account(learner, events):
    log_in(learner)
    learner.post("/sites/caf/deconnexion")
    assert events[-1].name == "caf.logout"
    assert learner.get("/sites/caf/mon-compte").headers["Location"] == "/sites/caf/connexion"


def test_no_password_nor_code_is_kept_or_logged(app, caplog):
    caplog.set_level(logging.DEBUG)
    learner = allocataire(app)
    learner.post("/sites/caf/connexion", {"nir": NIR, "password": "Faux98765"})
    log_in(learner)
    code = last_code(learner)
    dump = in_world(learner, lambda db: "\n".join(
        str(row) for table in db.table_names() if table.startswith("caf_")
        for row in db[table].rows))
    assert "Faux98765" not in dump and code not in dump
    assert "Faux98765" not in caplog.text and code not in caplog.text
