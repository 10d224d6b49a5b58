"""FranceConnect, built once: the choice of a provider, the provider's login, « Continuer sur … »,
the return to the service with a single-use code, the refusals with FranceConnect's own error
page, the logout question — and a service of a test plugging in with the tax space as provider."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from simulator.sites import franceconnect as fc
from simulator.sites.franceconnect import flow
from simulator.world import bound_to
from tests.support.impots import AMELI, FISCAL, PASSWORD, activate, create_space

RECONNECT = "fermez l’onglet de votre navigateur et reconnectez-vous"


def choice_page(learner):
    start = learner.get("/sites/impots/franceconnect")
    assert start.status_code == 303
    location = start.headers["Location"]
    query = parse_qs(urlsplit(location).query)
    assert {"client_id", "state", "nonce", "redirect_uri", "scope"} <= set(query)
    return learner.get(location), query["state"][0]


def through_ameli(learner) -> str:
    """From « S'identifier avec FranceConnect » to the service's return URL (not yet opened)."""
    _, state = choice_page(learner)
    chosen = learner.post("/sites/franceconnect/api/v1/authorize",
                          {"state": state, "provider": "ameli"})
    login_path = chosen.headers["Location"]
    assert login_path.startswith("/sites/franceconnect/fournisseur/ameli?interaction=")
    consent = learner.post("/sites/franceconnect/fournisseur/ameli", {
        "interaction": state, "identifiant": AMELI["identifiant"],
        "mot_de_passe": AMELI["mot_de_passe"]})
    assert consent.headers["Location"] == f"/sites/franceconnect/confirmation?state={state}"
    page = learner.get(consent.headers["Location"]).get_data(as_text=True)
    assert "Vous allez vous connecter en tant que" in page and "FERRAND" in page
    back = learner.post("/sites/franceconnect/confirmation", {"state": state})
    assert back.headers["Location"].startswith("/sites/impots/franceconnect/retour?code=")
    return back.headers["Location"]


@pytest.fixture()
def active_space(learner):
    learner.start("impots")
    create_space(learner)
    activate(learner)
    return learner


def test_log_in_to_the_tax_space_through_ameli(active_space, events):
    page, _ = choice_page(active_space)
    soup = active_space.soup(page)
    assert "Je choisis un compte pour me connecter sur" in soup.get_text()
    assert soup.select_one("h1").get_text() == "impots.gouv.fr"
    landed = active_space.get(through_ameli(active_space), follow_redirects=True)
    assert landed.request.path == "/sites/impots/accueil"
    assert "Bonjour Nadia FERRAND" in landed.get_data(as_text=True)
    assert [e.name for e in events if e.name.startswith(("franceconnect", "impots.login"))][-6:] \
        == ["franceconnect.choice.viewed", "franceconnect.provider.chosen",
            "franceconnect.provider.login_succeeded", "franceconnect.consent.viewed",
            "franceconnect.returned", "impots.login.succeeded"]
    assert events[-1].data == {"via": "franceconnect"}


def test_the_choice_page_shows_what_cannot_be_used_with_the_real_words(active_space, events):
    page, state = choice_page(active_space)
    soup = active_space.soup(page)
    impots = soup.select_one("#fi-impots")
    assert impots.has_attr("disabled")
    assert soup.select_one("#fi-impots-off").get_text() == "Non disponible sur ce service"
    forged = active_space.post("/sites/franceconnect/api/v1/authorize",
                               {"state": state, "provider": "impots"})
    assert forged.status_code == 200  # the choice again, nowhere else
    down = active_space.post("/sites/franceconnect/api/v1/authorize",
                             {"state": state, "provider": "yris"}).get_data(as_text=True)
    assert "La connexion à <strong>YRIS</strong> n’a pas été possible" in down
    assert events[-1].name == "franceconnect.provider.unavailable"
    app_only = active_space.post("/sites/franceconnect/api/v1/authorize",
                                 {"state": state, "provider": "france_identite"})
    assert "ouvrez l&#39;application France Identité" in app_only.get_data(as_text=True)


def test_the_provider_refuses_what_is_wrong_and_never_shows_a_password(active_space, events):
    _, state = choice_page(active_space)
    active_space.post("/sites/franceconnect/api/v1/authorize",
                      {"state": state, "provider": "ameli"})
    url = "/sites/franceconnect/fournisseur/ameli"
    cases = [({"identifiant": "", "mot_de_passe": ""}, "Veuillez renseigner", "empty"),
             ({"identifiant": "29802", "mot_de_passe": "x"}, "doit comporter 13 chiffres",
              "format"),
             ({"identifiant": "1850575123456", "mot_de_passe": "x"},
              "vrais numéros sur cette borne", "format"),
             ({"identifiant": AMELI["identifiant"], "mot_de_passe": "Caramel85"},
              "ne correspondent pas", "wrong_password")]
    for form, message, reason in cases:
        html = active_space.post(url, {"interaction": state, **form}).get_data(as_text=True)
        assert message in html, message
        assert "Caramel85" not in html and "1850575123456" not in html
        assert events[-1].data == {"provider": "ameli", "reason": reason}
    msa = active_space.post("/sites/franceconnect/api/v1/authorize", {"state": state,
                                                                       "provider": "msa"})
    html = active_space.post(msa.headers["Location"].split("?")[0], {
        "interaction": state, "identifiant": AMELI["identifiant"], "mot_de_passe": "x"})
    assert "ne correspondent pas" in html.get_data(as_text=True)  # Nadia has no MSA account


def test_a_made_up_state_gets_the_error_page(active_space, events):
    refused = active_space.get("/sites/impots/franceconnect/retour?code=abc&state=invente")
    assert refused.headers["Location"] == "/sites/franceconnect/erreur?raison=unknown_state"
    page = active_space.get(refused.headers["Location"]).get_data(as_text=True)
    assert "Une erreur s’est produite" in page and "Votre session a expiré ou est invalide" in page
    assert "Erreur Y150001" in page
    assert events[-1].data == {"service": "impots", "reason": "unknown_state"}
    missing = active_space.get("/sites/impots/franceconnect/retour")
    assert missing.headers["Location"].endswith("raison=missing")
    assert active_space.get("/sites/franceconnect/api/v1/authorize?client_id=impots&state=x"
                            "&nonce=y").headers["Location"].endswith("raison=unknown_state")


def test_a_return_used_twice_is_refused(active_space, events):
    back = through_ameli(active_space)
    assert active_space.get(back).headers["Location"] == "/sites/impots/accueil"
    again = active_space.get(back)
    assert again.headers["Location"] == "/sites/franceconnect/erreur?raison=replayed"
    assert RECONNECT in active_space.get(again.headers["Location"]).get_data(as_text=True)
    assert events[-1].data == {"service": "impots", "reason": "replayed"}


def test_a_return_from_another_session_is_refused(app, active_space):
    back = through_ameli(active_space)
    stranger = type(active_space)(app.test_client(), app)
    stranger.start("impots")
    refused = stranger.get(back)
    assert refused.headers["Location"] == "/sites/franceconnect/erreur?raison=unknown_state"
    assert stranger.get("/sites/impots/accueil").headers["Location"] == "/sites/impots/connexion"
    # … and the owner's code is still good: the stranger's attempt used nothing up.
    assert active_space.get(back).headers["Location"] == "/sites/impots/accueil"


def test_a_code_of_another_login_or_too_old_is_refused(active_space, monkeypatch):
    first = parse_qs(urlsplit(through_ameli(active_space)).query)
    second = parse_qs(urlsplit(through_ameli(active_space)).query)
    swapped = active_space.get(f"/sites/impots/franceconnect/retour?code={first['code'][0]}"
                               f"&state={second['state'][0]}")
    assert swapped.headers["Location"].endswith("raison=wrong_code")
    monkeypatch.setattr(flow, "CODE_SECONDS", -1)
    late = active_space.get(f"/sites/impots/franceconnect/retour?code={second['code'][0]}"
                            f"&state={second['state'][0]}")
    assert late.headers["Location"].endswith("raison=expired")


def test_a_second_service_goes_straight_to_continue_until_the_learner_logs_out_of_it(
        active_space, events):
    back = through_ameli(active_space)
    active_space.get(back)
    out = active_space.post("/sites/impots/deconnexion")
    assert out.headers["Location"] == "/sites/franceconnect/deconnexion?client_id=impots"
    question = active_space.get(out.headers["Location"]).get_data(as_text=True)
    assert "Voulez-vous aussi vous déconnecter de FranceConnect ?" in question
    stay = active_space.post("/sites/franceconnect/deconnexion", {"client_id": "impots",
                                                                  "franceconnect": "non"})
    assert stay.headers["Location"] == "/sites/impots/deconnexion"
    assert events[-1].data == {"service": "impots", "also_franceconnect": False}
    again = active_space.get(active_space.get("/sites/impots/franceconnect").headers["Location"])
    assert again.headers["Location"].startswith("/sites/franceconnect/confirmation?state=")
    confirm = active_space.get(again.headers["Location"]).get_data(as_text=True)
    other = re.search(r'href="([^"]*autre=1[^"]*)"', confirm).group(1).replace("&amp;", "&")
    assert "Je choisis un compte" in active_space.get(other).get_data(as_text=True)
    active_space.post("/sites/franceconnect/deconnexion", {"client_id": "impots",
                                                           "franceconnect": "oui"})
    fresh = active_space.get(active_space.get("/sites/impots/franceconnect").headers["Location"])
    assert fresh.status_code == 200 and "Je choisis un compte" in fresh.get_data(as_text=True)


def test_create_the_space_through_franceconnect(learner, events):
    learner.start("impots")
    landed = learner.get(through_ameli(learner))
    assert landed.headers["Location"] == "/sites/impots/creation/compte"
    assert events[-1].data == {"via": "franceconnect"}
    page = learner.get("/sites/impots/creation/compte").get_data(as_text=True)
    assert "Votre identité a été confirmée par FranceConnect" in page


def test_when_franceconnect_is_down_the_real_message_is_shown(app, learner):
    learner.start("impots")
    world = learner.world()
    try:
        world.db.execute(
            "INSERT INTO world_meta VALUES ('option:franceconnect.indisponible', 'oui')")
    finally:
        world.close()
    location = learner.get("/sites/impots/franceconnect").headers["Location"]
    error = learner.get(location)
    assert error.headers["Location"].endswith("raison=unavailable")
    page = learner.get(error.headers["Location"]).get_data(as_text=True)
    assert "Vous ne pouvez actuellement pas vous identifier en utilisant FranceConnect" in page


@pytest.fixture()
def test_service():
    """A service of the tests, plugged in like the CAF will be: a few lines."""
    service = fc.register_service(fc.Service(
        key="essai", name="essai.gouv.fr", return_endpoint="franceconnect.about",
        logged_out_endpoint="franceconnect.about", providers=("impots", "ameli")))
    yield service
    from simulator.sites.franceconnect.registry import SERVICES

    SERVICES.pop("essai")


def test_any_service_plugs_in_and_the_tax_space_is_a_provider(active_space, test_service, events):
    learner = active_space
    world = learner.world()
    try:
        with learner.app.test_request_context(), bound_to(world):
            start = fc.start(world.db, "essai")
    finally:
        world.close()
    state = parse_qs(urlsplit(start).query)["state"][0]
    choice = learner.soup(learner.get(start))
    assert choice.select_one("h1").get_text() == "essai.gouv.fr"
    assert not choice.select_one("#fi-impots").has_attr("disabled")
    assert choice.select_one("#fi-laposte").has_attr("disabled")
    to_idp = learner.post("/sites/franceconnect/api/v1/authorize", {"state": state,
                                                                    "provider": "impots"})
    assert to_idp.headers["Location"] == f"/sites/impots/fc/connexion?interaction={state}"
    login = learner.get(to_idp.headers["Location"]).get_data(as_text=True)
    assert "Connexion avec vos identifiants impots.gouv.fr" in login
    assert "cfspart-idp.impots.gouv.fr" in login  # the provider's address in the address bar
    wrong = learner.post("/sites/impots/fc/connexion", {"interaction": state, "spi": FISCAL,
                                                        "pwd": "Lilas0000"})
    assert "il vous reste 2 essais" in wrong.get_data(as_text=True)
    ok = learner.post("/sites/impots/fc/connexion", {"interaction": state, "spi": FISCAL,
                                                     "pwd": PASSWORD})
    assert ok.headers["Location"] == f"/sites/franceconnect/confirmation?state={state}"
    back = learner.post("/sites/franceconnect/confirmation", {"state": state})
    code = parse_qs(urlsplit(back.headers["Location"]).query)["code"][0]
    world = learner.world()
    try:
        with learner.app.test_request_context(), bound_to(world):
            identity = fc.finish(world.db, "essai", state, code)
            replayed = fc.finish(world.db, "essai", state, code)
            as_impots = fc.finish(world.db, "impots", state, code)
    finally:
        world.close()
    assert isinstance(identity, fc.Identity)
    assert (identity.given_name, identity.family_name, identity.provider) == (
        "Nadia", "FERRAND", "impots")
    assert identity.birthdate == "1998-02-17" and identity.email.endswith("@mel-exemple.fr")
    assert identity.nonce and identity.nonce not in (state, code)
    assert isinstance(replayed, fc.Refused) and replayed.reason == "replayed"
    assert isinstance(as_impots, fc.Refused) and as_impots.reason == "wrong_service"
