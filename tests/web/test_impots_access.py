"""The tax space's doors: creating the space with the three numbers (every field checked as the
real site does), the activation link (once, 8 hours, this session only), the two-step login with
« il vous reste N essais » and blocking, the temporary code, « Mot de passe oublié »."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from simulator.identifiers import numero_fiscal_with_key
from tests.support.impots import (
    ACCESS,
    EMAIL,
    FISCAL,
    PASSWORD,
    RFR,
    activate,
    create_space,
    link_of,
    log_in,
    newest_mail,
)

REAL_LOOKING = numero_fiscal_with_key("1098765432")


@pytest.fixture()
def taxpayer(learner):
    learner.start("impots")
    return learner


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("typed, message", [
    ("", "Veuillez saisir votre numéro fiscal."),
    ("30128475962", "Le numéro fiscal doit comporter 13 chiffres."),
    ("301284759628300", "Le numéro fiscal doit comporter 13 chiffres."),
    ("30 12 847 596 28X", "Le numéro fiscal doit comporter 13 chiffres."),
    ("3012847596284", "Le numéro fiscal saisi n&#39;est pas valide."),
])
def test_the_numero_fiscal_is_checked_like_the_real_site(taxpayer, events, typed, message):
    page = text(taxpayer.post("/sites/impots/connexion", {"spi": typed}))
    assert message in page
    assert events[-1].name == "impots.login.failed"


def test_a_real_looking_numero_fiscal_gets_the_coaching_and_is_never_shown_back(taxpayer):
    page = text(taxpayer.post("/sites/impots/connexion", {"spi": REAL_LOOKING}))
    assert "N&#39;écrivez jamais vos vrais numéros sur cette borne" in page
    assert REAL_LOOKING not in page


def test_create_the_space_with_the_three_numbers_as_people_type_them(taxpayer, events):
    start = taxpayer.post("/sites/impots/connexion", {"spi": "30 12 847 596 283"})
    assert start.headers["Location"] == "/sites/impots/creation"
    page = text(taxpayer.get("/sites/impots/creation"))
    assert "30 12 847 596 283" in page and "Où trouver votre numéro d&#39;accès en ligne ?" in page
    ok = taxpayer.post("/sites/impots/creation", {"acces": "482 7193", "rfr": "13 968 €"})
    assert ok.headers["Location"] == "/sites/impots/creation/compte"
    assert events[-1].data == {"via": "numeros"}


@pytest.mark.parametrize("form, messages", [
    ({"acces": "482719", "rfr": RFR}, ["accès en ligne doit comporter 7 chiffres."]),
    ({"acces": "4827139", "rfr": RFR}, ["Le numéro d&#39;accès en ligne saisi est erroné."]),
    ({"acces": ACCESS, "rfr": "12 345"}, ["Le revenu fiscal de référence saisi est erroné."]),
    ({"acces": ACCESS, "rfr": "13968,00"}, ["sans centimes, uniquement avec des chiffres"]),
    ({"acces": ACCESS, "rfr": "-13968"}, ["ne peut pas être négatif"]),
    ({"acces": "", "rfr": ""}, ["doit comporter 7 chiffres", "Veuillez saisir votre revenu"]),
])
def test_each_creation_number_gets_its_message_and_what_was_typed_stays(taxpayer, form, messages):
    taxpayer.post("/sites/impots/connexion", {"spi": FISCAL})
    page = text(taxpayer.post("/sites/impots/creation", form))
    for message in messages:
        assert message in page
    soup = taxpayer.soup(taxpayer.post("/sites/impots/creation", form))
    assert soup.select_one("#acces")["value"] == form["acces"]
    assert soup.select_one("#rfr")["value"] == form["rfr"]
    assert soup.select_one("#form-errors") is not None


def test_the_creation_form_without_the_login_asks_the_numero_fiscal_too(taxpayer):
    page = taxpayer.soup(taxpayer.get("/sites/impots/creation"))
    assert page.select_one("#spi") is not None
    refused = text(taxpayer.post("/sites/impots/creation", {"spi": REAL_LOOKING, "acces": ACCESS,
                                                           "rfr": RFR}))
    assert "vrais numéros" in refused and REAL_LOOKING not in refused


@pytest.mark.parametrize("form, message", [
    ({"email": "nadia.ferrand.mel-exemple.fr"}, "n&#39;est pas valide (exemple"),
    ({"email_confirmation": "nadia@mel-exemple.fr"}, "ne sont pas identiques"),
    ({"pwd": "Lil7412", "pwd_confirmation": "Lil7412"}, "au moins 8 caractères"),
    ({"pwd": "12345678", "pwd_confirmation": "12345678"}, "au moins une lettre"),
    ({"pwd": "Lilasbleu", "pwd_confirmation": "Lilasbleu"}, "au moins un chiffre"),
    ({"pwd_confirmation": "Lilas7421"}, "Les deux mots de passe saisis ne sont pas identiques"),
    ({"pwd": "Soleil2099", "pwd_confirmation": "Soleil2099"}, "le mot de passe écrit sur la fiche"),
    ({"email": "moi@exemple.com", "email_confirmation": "moi@exemple.com"},
     "saisissez l&#39;adresse électronique de la fiche"),
])
def test_email_and_password_rules(taxpayer, form, message):
    taxpayer.post("/sites/impots/connexion", {"spi": FISCAL})
    taxpayer.post("/sites/impots/creation", {"acces": ACCESS, "rfr": RFR})
    data = {"email": EMAIL, "email_confirmation": EMAIL, "pwd": PASSWORD,
            "pwd_confirmation": PASSWORD, **form}
    response = taxpayer.post("/sites/impots/creation/compte", data)
    page = text(response)
    assert message in page
    soup = taxpayer.soup(response)
    assert soup.select_one("#pwd")["value"] == soup.select_one("#pwd_confirmation")["value"] == ""
    if data["pwd"] != PASSWORD:  # the card shows the persona's; a typed one is never shown
        assert data["pwd"] not in page
    assert "moi@exemple.com" not in page
    assert newest_mail(taxpayer, "impots.activation") is None


def test_the_activation_link_works_once(taxpayer, events):
    sent = create_space(taxpayer)
    assert "Un courriel vous a été envoyé" in text(sent) and EMAIL in text(sent)
    first = activate(taxpayer)
    assert "Votre espace particulier est activé" in text(first)
    assert events[-1].name == "impots.activation.succeeded"
    second = activate(taxpayer)
    assert "Ce lien d'activation a déjà été utilisé" in text(second)
    assert events[-1].data == {"reason": "used"}
    assert "Bonjour Nadia FERRAND" in text(log_in(taxpayer))


def test_before_activation_the_space_cannot_be_entered(taxpayer):
    create_space(taxpayer)
    page = text(taxpayer.post("/sites/impots/connexion", {"spi": FISCAL}))
    assert "Votre espace n&#39;est pas encore activé" in page
    old = link_of(taxpayer, "impots.activation")
    taxpayer.post("/sites/impots/activation/renvoyer")
    assert "Ce lien d'activation n'est pas valide" in text(taxpayer.get(old))
    assert "est activé" in text(activate(taxpayer))  # the newest link


def test_an_expired_link_sends_back_to_the_creation(app, taxpayer, monkeypatch, events):
    create_space(taxpayer)
    world = taxpayer.world()
    try:
        world.db.execute("UPDATE impots_taxpayer SET activation_sent_at = activation_sent_at - "
                         "8 * 3600 - 1")
    finally:
        world.close()
    page = text(activate(taxpayer))
    assert "Le délai de 8 heures pour activer votre espace est dépassé" in page
    assert events[-1].data == {"reason": "expired"}
    again = taxpayer.post("/sites/impots/connexion", {"spi": FISCAL})
    assert again.headers["Location"] == "/sites/impots/creation"


def test_the_scenario_option_makes_the_link_already_expired(app):
    from kiosk.coach.model import Scenario

    scenario = Scenario.model_validate({
        "schema_version": 1, "id": "essai", "site": "impots", "persona": "nadia", "level": 1,
        "title": {"fr": "t"}, "goal": {"fr": "g"},
        "setup": {"options": {"impots.espace": "a_activer", "impots.activation": "expiree"}},
        "steps": [{"id": "a", "instruction": {"fr": "i"},
                   "done_when": {"event": "impots.activation.succeeded"}}],
        "solution": [{"goto": "/"}]})
    from kiosk.coach.world_setup import prepare_world
    from simulator.sites.impots.routes.creation import _activation_problem
    from simulator.sites.impots.store import taxpayer as read_taxpayer
    from simulator.sites.messagerie.store import latest

    with app.test_request_context():
        world = prepare_world(scenario, seed=1)
        try:
            row = read_taxpayer(world.db)
            mail = latest(world.db, "impots.activation")
            assert row["status"] == "a_activer" and mail["read"] == 0
            assert mail["links"][0].endswith(row["activation_token"])
            assert _activation_problem(row, row["activation_token"]) == "expired"
        finally:
            world.close()


def test_an_activation_link_of_another_session_is_refused(app, taxpayer):
    create_space(taxpayer)
    link = link_of(taxpayer, "impots.activation")
    stranger = type(taxpayer)(app.test_client(), app)
    stranger.start("impots")
    assert "Ce lien d'activation n'est pas valide" in text(stranger.get(link))
    assert "est activé" in text(taxpayer.get(link))  # still good for its owner


def test_wrong_passwords_count_down_then_block(taxpayer, events):
    create_space(taxpayer)
    activate(taxpayer)
    assert "il vous reste 2 essais pour vous identifier" in text(log_in(taxpayer, "Lilas0000"))
    assert "il vous reste 1 essai pour vous identifier" in text(log_in(taxpayer, "Lilas0001"))
    blocked = text(log_in(taxpayer, "Lilas0002"))
    assert "l&#39;accès à votre espace a été bloqué" in blocked
    assert [e.name for e in events][-2:] == ["impots.login.failed", "impots.login.blocked"]
    assert "bloqué" in text(log_in(taxpayer))  # even with the right password
    # « Mot de passe oublié » unblocks it, as the real reset does.
    taxpayer.post("/sites/impots/mot-de-passe-oublie", {"spi": FISCAL})
    reset = link_of(taxpayer, "impots.mot_de_passe")
    taxpayer.post(reset, {"nouveau": PASSWORD, "confirmation": PASSWORD})
    assert "Bonjour Nadia" in text(log_in(taxpayer))


def test_an_empty_password_and_a_tampered_step(taxpayer):
    create_space(taxpayer)
    activate(taxpayer)
    taxpayer.post("/sites/impots/connexion", {"spi": FISCAL})
    empty = taxpayer.post("/sites/impots/connexion/mot-de-passe", {"spi": FISCAL, "pwd": ""})
    assert "Veuillez saisir votre mot de passe." in text(empty)
    tampered = taxpayer.post("/sites/impots/connexion/mot-de-passe",
                             {"spi": REAL_LOOKING, "pwd": PASSWORD})
    assert tampered.headers["Location"] == "/sites/impots/connexion"


def test_forgotten_password_sends_a_link_that_works_once(taxpayer, events):
    create_space(taxpayer)
    activate(taxpayer)
    page = taxpayer.soup(taxpayer.post("/sites/impots/mot-de-passe-oublie", {"spi": FISCAL}))
    assert page.select_one(".imp-alert--success strong").get_text() == (
        "n" + "*" * 12 + "@mel-exemple.fr")
    link = link_of(taxpayer, "impots.mot_de_passe")
    refused = text(taxpayer.post(link, {"nouveau": "Lilas", "confirmation": "Lilas"}))
    assert "au moins 8 caractères" in refused
    done = text(taxpayer.post(link, {"nouveau": PASSWORD, "confirmation": PASSWORD}))
    assert "Votre mot de passe a bien été modifié" in done
    assert events[-1].name == "impots.password.reset_done"
    assert "n'est pas valide ou a déjà été utilisé" in text(taxpayer.get(link))


def test_the_temporary_code_step(app, taxpayer, events):
    create_space(taxpayer)
    activate(taxpayer)
    world = taxpayer.world()
    try:
        world.db.execute("INSERT INTO world_meta VALUES ('option:impots.code', 'oui')")
    finally:
        world.close()
    step = log_in(taxpayer)
    assert step.request.path == "/sites/impots/connexion/code"
    assert taxpayer.get("/sites/impots/accueil").headers["Location"] == "/sites/impots/connexion"
    mail = newest_mail(taxpayer, "impots.code")
    code = next(word for word in mail["body"].split() if word.isdigit() and len(word) == 6)
    assert "Le code doit comporter 6 chiffres" in text(taxpayer.post(
        "/sites/impots/connexion/code", {"code": "12345"}))
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert "Le code saisi est erroné" in text(taxpayer.post("/sites/impots/connexion/code",
                                                            {"code": wrong}))
    ok = taxpayer.post("/sites/impots/connexion/code", {"code": code}, follow_redirects=True)
    assert ok.request.path == "/sites/impots/accueil"


def test_nothing_of_a_typed_password_is_stored_or_logged(app, taxpayer, caplog):
    typed = "Pervenche2097"
    caplog.set_level(logging.DEBUG)
    taxpayer.post("/sites/impots/connexion", {"spi": FISCAL})
    taxpayer.post("/sites/impots/creation", {"acces": ACCESS, "rfr": RFR})
    taxpayer.post("/sites/impots/creation/compte", {
        "email": EMAIL, "email_confirmation": EMAIL, "pwd": typed, "pwd_confirmation": typed})
    create_space(taxpayer)
    activate(taxpayer)
    log_in(taxpayer, typed)
    for path in Path(app.instance_path).rglob("*"):
        if path.is_file():
            assert typed.encode() not in path.read_bytes(), path
    assert typed not in caplog.text


def test_logout(taxpayer, events):
    create_space(taxpayer)
    activate(taxpayer)
    log_in(taxpayer)
    out = taxpayer.post("/sites/impots/deconnexion", follow_redirects=True)
    assert "Vous êtes déconnecté(e)" in text(out)
    assert events[-1].data == {"franceconnect": False}
    assert taxpayer.get("/sites/impots/declaration").headers["Location"] == \
        "/sites/impots/connexion"
