"""The ameli account's door: the NIR and the code personnel checked as the real site does, the
security code by e-mail in six boxes, three wrong codes lock the account, an expired or reused
code refused, FranceConnect's way in, nothing typed kept."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from simulator.identifiers import nir_key
from tests.support.ameli import CODE_PERSONNEL, NIR, boxes, identify, log_in, newest_code
from tests.support.impots import TAX


@pytest.fixture()
def insured(learner):
    learner.start("ameli")
    return learner


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("typed, message", [
    ("", "Veuillez saisir votre numéro de sécurité sociale."),
    ("298026938804", "Le numéro de sécurité sociale doit comporter 13 caractères."),
    ("29802693880471", "Le numéro de sécurité sociale doit comporter 13 caractères."),
    ("2 98 02 69 388 04X", "ne doit contenir que des chiffres"),
    (NIR + nir_key(NIR), "sans la clé (les 2 derniers chiffres)"),
    (NIR + "11", "vérifiez les chiffres et la clé"),
])
def test_the_nir_is_checked_like_the_real_site(insured, events, typed, message):
    page = text(insured.post("/sites/ameli/connexion", {"nir": typed, "code_personnel": "x"}))
    assert message in page
    assert events[-1].name == "ameli.login.failed"


def test_a_real_looking_nir_gets_the_coaching_and_is_never_shown_back(insured):
    other = "1850775123456"
    page = text(insured.post("/sites/ameli/connexion", {"nir": other, "code_personnel": "x"}))
    assert "N&#39;écrivez jamais vos vrais numéros sur cette borne" in page
    assert other not in page


def test_a_wrong_code_personnel_gets_the_real_message_and_three_lock(insured, events):
    for _ in range(2):
        page = text(identify(insured, "Mauvais123"))
        assert ("Le numéro de sécurité sociale et le code personnel ne correspondent pas"
                in page)
        assert "Mauvais123" not in page
    page = text(identify(insured, "Mauvais123"))
    assert "Votre compte ameli est verrouillé" in page
    assert "accès à votre compte ameli est bloqué" in page
    assert [e.name for e in events][-2:] == ["ameli.login.failed", "ameli.login.locked"]
    # Locked: even the right code personnel does not open it any more.
    assert "Votre compte ameli est verrouillé" in text(identify(insured))


def test_log_in_with_the_code_read_from_the_mailbox(insured, events):
    sent = identify(insured)
    assert sent.headers["Location"] == "/sites/ameli/connexion/code"
    page = text(insured.get("/sites/ameli/connexion/code"))
    assert "Veuillez saisir votre code de sécurité (reçu par mail)" in page
    assert page.count("data-code-box") == 6
    assert "n***" in page  # the address, masked
    home = insured.post("/sites/ameli/connexion/code", boxes(newest_code(insured)),
                        follow_redirects=True)
    assert "Bonjour Nadia FERRAND" in text(home)
    assert events[-1].name == "ameli.login.succeeded" and events[-1].data["via"] == "code"


def test_a_code_pasted_whole_in_the_first_box_is_accepted_too(insured):
    identify(insured)
    home = insured.post("/sites/ameli/connexion/code", {"numOTP1": newest_code(insured)},
                        follow_redirects=True)
    assert "Bonjour Nadia" in text(home)


@pytest.mark.parametrize("form", [boxes("12345"), boxes("12345a"), {}, {"numOTP1": "1234567"},
                                  boxes("١٢٣٤٥٦")])
def test_a_code_that_is_not_six_digits_gets_the_sites_message(insured, events, form):
    identify(insured)
    page = text(insured.post("/sites/ameli/connexion/code", form))
    assert "Le code de sécurité doit comporter 6 chiffres" in page
    assert events[-1].data["reason"] == "format"


def test_three_wrong_codes_lock_the_account_as_the_real_site_says(insured, events):
    identify(insured)
    right = newest_code(insured)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    page = text(insured.post("/sites/ameli/connexion/code", boxes(wrong)))
    assert "Il vous reste 2 essais" in page
    page = text(insured.post("/sites/ameli/connexion/code", boxes(wrong)))
    assert "Il vous reste 1 essai." in page
    locked = insured.post("/sites/ameli/connexion/code", boxes(wrong), follow_redirects=True)
    assert "Votre compte ameli est verrouillé" in text(locked)
    assert "ameli.login.locked" in [e.name for e in events]
    # The right code no longer opens anything, nor does a new login.
    again = insured.post("/sites/ameli/connexion/code", boxes(right), follow_redirects=True)
    assert "Bonjour Nadia" not in text(again)
    assert "Votre compte ameli est verrouillé" in text(identify(insured))


def test_an_expired_code_is_refused_and_a_new_one_works(insured, events):
    identify(insured)
    code = newest_code(insured)
    world = insured.world()
    world.db.execute("UPDATE ameli_codes SET sent_at = ?", [time.time() - 16 * 60])
    world.db.conn.commit()
    world.close()
    page = text(insured.post("/sites/ameli/connexion/code", boxes(code)))
    assert "Ce code de sécurité a expiré" in page
    assert events[-1].data["reason"] == "expired"
    assert "Un nouveau code de sécurité vient de vous être envoyé" in text(
        insured.post("/sites/ameli/connexion/code/nouveau"))
    fresh = newest_code(insured)
    # The old code, once replaced, is refused as used; the new one opens the account.
    if fresh != code:
        assert "a déjà été utilisé" in text(
            insured.post("/sites/ameli/connexion/code", boxes(code)))
    home = insured.post("/sites/ameli/connexion/code", boxes(fresh), follow_redirects=True)
    assert "Bonjour Nadia" in text(home)


def test_a_code_used_once_is_refused_at_the_next_login(learner, events):
    log_in(learner)
    used = newest_code(learner)
    learner.post("/sites/ameli/deconnexion")
    identify(learner)
    page = text(learner.post("/sites/ameli/connexion/code", boxes(used)))
    if newest_code(learner) != used:
        assert "Ce code de sécurité a déjà été utilisé" in page
        assert events[-1].data["reason"] == "used"


def test_new_codes_are_limited(insured):
    identify(insured)
    for _ in range(2):
        insured.post("/sites/ameli/connexion/code/nouveau")
    page = text(insured.post("/sites/ameli/connexion/code/nouveau"))
    assert "maximum de demandes de code" in page


def test_the_space_is_closed_before_the_code_and_after_logout(insured):
    assert insured.get("/sites/ameli/paiements").headers["Location"] == "/sites/ameli/connexion"
    identify(insured)
    assert insured.get("/sites/ameli/accueil").headers["Location"] == "/sites/ameli/connexion"
    insured.post("/sites/ameli/connexion/code", boxes(newest_code(insured)))
    assert insured.get("/sites/ameli/accueil").status_code == 200
    out = insured.post("/sites/ameli/deconnexion", follow_redirects=True)
    assert "Vous êtes déconnecté(e)" in text(out)
    assert insured.get("/sites/ameli/accueil").headers["Location"] == "/sites/ameli/connexion"


def test_franceconnect_through_impots_gouv_opens_the_account_and_asks_about_logout(insured,
                                                                                   events):
    world = insured.world()  # the tax space of this world is active (its own tests create it)
    world.db.execute("UPDATE impots_taxpayer SET status = 'actif'")
    world.db.conn.commit()
    world.close()
    start = insured.get("/sites/ameli/franceconnect")
    state = parse_qs(urlsplit(start.headers["Location"]).query)["state"][0]
    choice = text(insured.get(start.headers["Location"]))
    assert "Je choisis un compte pour me connecter sur" in choice and "ameli.fr" in choice
    assert "Non disponible sur ce service" in choice  # ameli itself, for ameli
    chosen = insured.post("/sites/franceconnect/api/v1/authorize",
                          {"state": state, "provider": "impots"})
    assert chosen.headers["Location"].startswith("/sites/impots/fc/connexion?interaction=")
    consent = insured.post("/sites/impots/fc/connexion", {
        "interaction": state, "spi": TAX["numero_fiscal"], "pwd": TAX["mot_de_passe"]})
    assert consent.headers["Location"] == f"/sites/franceconnect/confirmation?state={state}"
    back = insured.post("/sites/franceconnect/confirmation", {"state": state})
    assert back.headers["Location"].startswith("/sites/ameli/franceconnect/retour?code=")
    home = insured.get(back.headers["Location"], follow_redirects=True)
    assert "Bonjour Nadia FERRAND" in text(home)
    assert events[-1].name == "ameli.login.succeeded"
    assert events[-1].data["via"] == "franceconnect"
    # The same return replayed: FranceConnect's own error page.
    replayed = insured.get(back.headers["Location"])
    assert "/sites/franceconnect/erreur" in replayed.headers["Location"]
    out = insured.post("/sites/ameli/deconnexion")
    assert out.headers["Location"] == "/sites/franceconnect/deconnexion?client_id=ameli"


def test_nothing_typed_is_kept_in_the_world(insured):
    identify(insured, "Secret-Typed-42")
    identify(insured)
    insured.post("/sites/ameli/connexion/code", boxes("918273"))
    world = insured.world()
    dump = "\n".join(world.db.conn.iterdump())
    world.close()
    assert "Secret-Typed-42" not in dump
    assert "918273" not in dump or "918273" == newest_code(insured)
    assert CODE_PERSONNEL in dump  # the persona's own, to compare with
