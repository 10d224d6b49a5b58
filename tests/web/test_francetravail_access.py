"""France Travail's login: identifiant, then password, then postal code (the legacy three
pages), the e-mail style as a world option, the lock-out after three wrong passwords, and
« Identifiant oublié » / « Mot de passe oublié » with their SMS."""

from __future__ import annotations

import pytest

from simulator.identifiers import REAL_NUMBER_MESSAGE, nir_key
from simulator.sites.francetravail import store
from tests.support.francetravail import (
    FT,
    IDENTIFIANT,
    NIR,
    PASSWORD,
    in_world,
    job_seeker,
    last_sms,
    log_in,
    text_of,
)


@pytest.fixture()
def visitor(app):
    return job_seeker(app, signed_in=False)


def names(events) -> list[str]:
    return [e.name for e in events if e.name.startswith("francetravail.")]


def test_the_three_pages_lead_to_the_dashboard(visitor, events):
    page = visitor.get(f"{FT}/", follow_redirects=True)
    assert visitor.soup(page).select_one("#identifiant")
    assert "Étape 1 sur 3" in text_of(visitor, page)
    assert visitor.post(f"{FT}/connexion", {"identifiant": " 4827153k "}).headers[
        "Location"].endswith("/connexion/mot-de-passe")
    page = visitor.get(f"{FT}/connexion/mot-de-passe")
    assert "Identifiant : 4827153K" in text_of(visitor, page)
    assert visitor.soup(page).select_one("#password")["type"] == "password"
    visitor.post(f"{FT}/connexion/mot-de-passe", {"password": PASSWORD})
    response = visitor.post(f"{FT}/connexion/code-postal", {"codepostal": "93300"})
    assert response.headers["Location"].endswith("/accueil")
    dashboard = text_of(visitor, visitor.get(f"{FT}/accueil"))
    assert "Bonjour Samir HADDAD" in dashboard and "Mme Nadia PERRIN" in dashboard
    assert "francetravail.login.succeeded" in names(events)


@pytest.mark.parametrize("typed, reason, message", [
    ("", "identifiant_format", "7 chiffres et d'une lettre"),
    ("48271536", "identifiant_format", "7 chiffres et d'une lettre"),
    ("482715K", "identifiant_format", "7 chiffres et d'une lettre"),
    ("1234567A", "identifiant_unknown", "L'identifiant saisi est incorrect"),
    ("<script>", "identifiant_format", "7 chiffres"),
])
def test_a_wrong_identifiant_is_refused_in_the_site_words(visitor, events, typed, reason,
                                                          message):
    page = visitor.post(f"{FT}/connexion", {"identifiant": typed})
    assert page.status_code == 200
    assert message in visitor.soup(page).select_one("#identifiant-error").get_text()
    assert visitor.soup(page).select_one("#identifiant")["aria-invalid"] == "true"
    assert events[-1].data["reason"] == reason


def test_three_wrong_passwords_lock_the_space_until_the_password_is_reset(visitor, events):
    visitor.post(f"{FT}/connexion", {"identifiant": IDENTIFIANT})
    first = visitor.post(f"{FT}/connexion/mot-de-passe", {"password": "111111"})
    assert "Mot de passe incorrect. Il vous reste 2 essais." in text_of(visitor, first)
    second = visitor.post(f"{FT}/connexion/mot-de-passe", {"password": "222222"})
    assert "Il vous reste 1 essai." in text_of(visitor, second)
    third = visitor.post(f"{FT}/connexion/mot-de-passe", {"password": "333333"})
    assert "Votre compte est bloqué" in text_of(visitor, third)
    assert "francetravail.login.blocked" in names(events)
    # Even the right identifiant and password no longer open it.
    again = visitor.post(f"{FT}/connexion", {"identifiant": IDENTIFIANT})
    assert "Votre compte est bloqué" in text_of(visitor, again)
    assert visitor.post(f"{FT}/connexion/mot-de-passe", {"password": PASSWORD}).status_code == 200
    assert not in_world(visitor, store.account)["connected"]
    # « Mot de passe oublié »: a code by SMS, a new password, and the space opens again.
    visitor.post(f"{FT}/mot-de-passe-oublie", {"identifiant": IDENTIFIANT})
    code = last_sms(visitor).split(" est ")[1][:6]
    done = visitor.post(f"{FT}/mot-de-passe-oublie/nouveau",
                        {"code": code, "nouveau": "246810", "confirmation": "246810"})
    assert "Votre mot de passe a été modifié" in text_of(visitor, done)
    log_in(visitor, password="246810")
    assert in_world(visitor, store.account)["connected"]


def test_the_new_password_is_kept_as_a_hash_never_as_typed(app, visitor):
    visitor.post(f"{FT}/mot-de-passe-oublie", {"identifiant": IDENTIFIANT})
    code = last_sms(visitor).split(" est ")[1][:6]
    visitor.post(f"{FT}/mot-de-passe-oublie/nouveau",
                 {"code": code, "nouveau": "864209", "confirmation": "864209"})
    from pathlib import Path

    for path in Path(app.instance_path).rglob("*"):
        if path.is_file():
            assert b"864209" not in path.read_bytes(), path


@pytest.mark.parametrize("form, message", [
    ({"code": "000000", "nouveau": "246810", "confirmation": "246810"},
     "Le code saisi est incorrect"),
    ({"code": None, "nouveau": "24681", "confirmation": "24681"}, "doit comporter 6 chiffres"),
    ({"code": None, "nouveau": "246810", "confirmation": "246811"}, "ne sont pas identiques"),
])
def test_the_new_password_page_checks_the_code_and_the_two_fields(visitor, form, message):
    visitor.post(f"{FT}/mot-de-passe-oublie", {"identifiant": IDENTIFIANT})
    code = last_sms(visitor).split(" est ")[1][:6]
    page = visitor.post(f"{FT}/mot-de-passe-oublie/nouveau",
                        {**form, "code": form["code"] or code})
    assert message in text_of(visitor, page)
    assert not in_world(visitor, store.account)["password_hash"]


def test_a_wrong_postal_code_is_refused_and_a_skipped_step_leads_back(visitor, events):
    visitor.post(f"{FT}/connexion", {"identifiant": IDENTIFIANT})
    # The postal code page is not reachable before the password.
    assert visitor.get(f"{FT}/connexion/code-postal").headers["Location"].endswith("/connexion")
    forged = visitor.post(f"{FT}/connexion/code-postal", {"codepostal": "93300"})
    assert events[-1].data["reason"] == "step_missing" and forged.status_code == 200
    visitor.post(f"{FT}/connexion", {"identifiant": IDENTIFIANT})
    visitor.post(f"{FT}/connexion/mot-de-passe", {"password": PASSWORD})
    for typed, message in [("9330", "5 chiffres"), ("75019", "ne correspond pas")]:
        page = visitor.post(f"{FT}/connexion/code-postal", {"codepostal": typed})
        assert message in text_of(visitor, page)
    assert not in_world(visitor, store.account)["connected"]


def test_the_e_mail_style_is_a_world_option(app):
    seeker = job_seeker(app, signed_in=False, options={"francetravail.connexion": "email"})
    page = seeker.get(f"{FT}/connexion")
    assert seeker.soup(page).select_one("#email") and not seeker.soup(page).select_one(
        "#identifiant")
    bad = seeker.post(f"{FT}/connexion", {"email": "samir.haddad"})
    assert "adresse e-mail valide" in text_of(seeker, bad)
    seeker.post(f"{FT}/connexion", {"email": "Samir.Haddad@courriel-exemple.fr"})
    seeker.post(f"{FT}/connexion/mot-de-passe", {"password": PASSWORD})
    seeker.post(f"{FT}/connexion/code-postal", {"codepostal": "93300"})
    assert in_world(seeker, store.account)["connected"]


def test_the_identifiant_comes_by_sms_after_the_nir_and_the_birth_date(visitor, events):
    page = visitor.post(f"{FT}/identifiant-oublie", {"nir": NIR, "naissance": "18/06/1991"})
    assert "Votre identifiant vous a été envoyé par SMS au 06 •• •• •• 14" in text_of(visitor,
                                                                                     page)
    assert IDENTIFIANT in last_sms(visitor)
    assert events[-1].name == "francetravail.identifiant.recovered"


def test_a_real_looking_nir_is_refused_with_the_coaching_message_and_dropped(visitor, events):
    someone = "2850575123456"
    real_looking = someone + nir_key(someone)
    page = visitor.post(f"{FT}/identifiant-oublie", {"nir": real_looking,
                                                       "naissance": "18/06/1991"})
    assert REAL_NUMBER_MESSAGE in text_of(visitor, page)
    assert real_looking not in page.get_data(as_text=True)
    assert events[-1].data["reason"] == "nir_real_looking"
    typo = visitor.post(f"{FT}/identifiant-oublie", {"nir": "1 91 06 93 008 245 61",
                                                       "naissance": "18/06/1991"})
    assert "La clé du numéro de sécurité sociale est incorrecte" in text_of(visitor, typo)
    assert "1 91 06 93 008 245 61" in typo.get_data(as_text=True)  # a typo is shown again


def test_logging_out_closes_the_space(app):
    seeker = job_seeker(app)
    seeker.post(f"{FT}/deconnexion")
    assert "Vous êtes déconnecté" in text_of(seeker, seeker.get(f"{FT}/deconnexion"))
    assert seeker.get(f"{FT}/accueil").headers["Location"].endswith("/connexion")
