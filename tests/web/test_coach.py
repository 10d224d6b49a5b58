"""The coach through the test client: modes, the hint ladder, mistakes, help, stopping,
the result, learner codes, and a restart in the middle of an exercise."""

from __future__ import annotations

import pytest

from kiosk.app import create_app
from kiosk.coach import store as coach_store
from kiosk.database import get_db
from tests.support.kiosk_client import KioskClient

SCENARIO = "banque-connexion"


def start(learner: KioskClient, mode: str, scenario: str = SCENARIO):
    learner.get(f"/exercices/{scenario}")
    return learner.post(f"/exercices/{scenario}/commencer", {"mode": mode})


def panel(learner: KioskClient, path: str = "/sites/banque/connexion"):
    return learner.soup(learner.get(path)).select_one("#coach-panel")


def attempt(app, learner: KioskClient) -> dict:
    sid = learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    with app.test_request_context():
        return coach_store.latest_attempt_for_session(get_db(), sid)


def wrong_code(learner: KioskClient):
    identifiant, _ = learner.persona_secrets()
    learner.get("/sites/banque/connexion")
    return learner.post("/sites/banque/connexion",
                        {"identifiant": identifiant, "cells": learner.keypad_cells("111111")})


def test_the_exercise_page_offers_three_modes(learner):
    page = learner.soup(learner.get(f"/exercices/{SCENARIO}"))
    assert [b["value"] for b in page.select("button[name=mode]")] == [
        "guide", "entrainement", "autonomie"]
    assert "Votre mission" in page.get_text()


def test_an_unknown_mode_or_scenario_is_refused(learner):
    learner.get(f"/exercices/{SCENARIO}")
    assert learner.post(f"/exercices/{SCENARIO}/commencer", {"mode": "triche"}).status_code == 400
    assert learner.get("/exercices/nulle-part").status_code == 404


def test_guide_shows_the_instruction_the_target_and_the_mission(learner):
    response = start(learner, "guide")
    assert response.headers["Location"] == "/seance/fiche"
    card = learner.soup(learner.get("/seance/fiche"))
    assert "Entrez dans l'espace client de Martine." in card.select_one(".goal").get_text()
    coach = panel(learner)
    assert coach["data-coach-target"] == "#identifiant"
    assert "Tapez l'identifiant de Martine." in coach.select_one(".coach__instruction").get_text()
    assert coach.select_one("form[action='/coach/indice']")


def test_autonomie_shows_only_the_goal_and_no_hints(learner):
    start(learner, "autonomie")
    coach = panel(learner)
    text = coach.select_one(".coach__instruction").get_text()
    assert "Entrez dans l'espace client de Martine." in text and "Tapez" not in text
    assert coach["data-coach-target"] == ""
    assert not coach.select_one("form[action='/coach/indice']")
    learner.htmx_post("/coach/indice")
    assert panel(learner).select_one(".coach__hint") is None


def test_a_mistake_gets_kind_feedback_and_in_guide_climbs_the_ladder(learner, app):
    start(learner, "guide")
    wrong_code(learner)
    coach = panel(learner)
    assert "Ce n'est pas le bon mot de passe." in coach.select_one(".coach__feedback").get_text()
    assert "Essayez encore" in coach.select_one(".coach__hint").get_text()
    assert attempt(app, learner)["step_mistakes"] == 1
    # A mistake never blocks: the right code still works.
    page = learner.soup(learner.login())
    assert page.select_one("h1").get_text(strip=True) == "Synthèse de vos comptes"
    assert attempt(app, learner)["current_step"] == 1


def test_the_hint_ladder_ends_with_the_highlight_and_an_arrow(learner):
    start(learner, "entrainement")
    assert panel(learner)["data-coach-target"] == ""  # Entraînement: nothing until asked
    levels = []
    for _ in range(3):
        fragment = learner.soup(learner.htmx_post("/coach/indice"))
        levels.append(fragment.select_one(".coach__hint-title").get_text(strip=True))
    assert levels == ["Indice 1/3", "Indice 2/3", "Indice 3/3"]
    assert "L'identifiant a 10 chiffres." in fragment.select_one(".coach__hint").get_text()
    assert fragment.select_one("#coach-panel")["data-coach-arrow"] == "yes"
    assert fragment.select_one("#coach-panel")["data-coach-target"] == "#identifiant"


def test_finishing_shows_the_result_with_stars_and_counts_in_the_parcours(learner, app):
    start(learner, "autonomie")
    learner.login()
    learner.post("/sites/banque/deconnexion")
    done = panel(learner, "/sites/banque/deconnexion")
    assert done["data-status"] == "passed" and done.select_one(".stars")
    result = learner.soup(learner.get("/coach/resultat"))
    assert result.select_one("h1").get_text(strip=True) == "Bravo, vous avez réussi !"
    assert result.select_one(".stars")["aria-label"] == "3 étoiles sur 3"
    row = attempt(app, learner)
    assert (row["status"], row["score"], row["stars"]) == ("passed", 1.0, 3)
    parcours = learner.soup(learner.get("/parcours/premiers-pas-banque"))
    assert "1 exercices réussis sur" in parcours.get_text() or "Réussi" in parcours.get_text()


def test_help_request_is_recorded_and_shown(learner, app):
    start(learner, "guide")
    fragment = learner.soup(learner.htmx_post("/coach/aide"))
    assert "Le conseiller est prévenu" in fragment.get_text()
    sid = learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    with app.test_request_context():
        assert coach_store.open_help_request(get_db(), sid) is not None


def test_stopping_abandons_and_says_it_kindly(learner, app):
    start(learner, "guide")
    response = learner.post("/coach/arreter", follow_redirects=True)
    assert "L'exercice est arrêté." in response.get_data(as_text=True)
    assert attempt(app, learner)["status"] == "abandoned"


def test_a_learner_code_keeps_progress_across_visits(app):
    first = KioskClient(app.test_client(), app)
    first.get("/code")
    card = first.soup(first.post("/code/nouveau"))
    code = card.select_one(".code-card__code").get_text(strip=True)
    start(first, "autonomie")
    first.login()
    first.post("/sites/banque/deconnexion")
    first.end()
    second = KioskClient(app.test_client(), app)
    second.get("/code")
    second.post("/code", {"code": code.lower().replace("-", "")})
    page = second.soup(second.get("/parcours/premiers-pas-banque"))
    assert "Réussi" in page.get_text() and code in page.get_text()


def test_an_unknown_code_is_explained_and_kept_in_the_field(learner):
    learner.get("/code")
    page = learner.soup(learner.post("/code", {"code": "AAA-AAA"}))
    assert page.select_one("#code-error") and page.select_one("#learner-code")["value"] == "AAA-AAA"


def test_a_restart_in_the_middle_loses_nothing(app, learner):
    start(learner, "autonomie")
    learner.login()  # step 1 done
    # The server restarts: a new application on the same instance folder.
    restarted = create_app({**{k: app.config[k] for k in (
        "TESTING", "SECRET_KEY", "SIMULATOR_TODAY", "SIMULATOR_SEED", "KEYPAD_SEED_FROM_URL")},
        "INSTANCE_PATH": app.instance_path})
    cookie = learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    again = KioskClient(restarted.test_client(), restarted)
    again.client.set_cookie(restarted.config["SESSION_COOKIE_NAME"], cookie)
    coach = again.soup(again.get("/sites/banque/synthese")).select_one("#coach-panel")
    assert coach["data-steps-done"] == "1"  # same step, same world (still logged in)
    again.post("/sites/banque/deconnexion")
    assert attempt(restarted, again)["status"] == "passed"


@pytest.fixture()
def phone_scenario_app(tmp_path, app):
    """A scenario whose step is done by opening the phone: an htmx fragment request."""
    root = tmp_path / "scen"
    (root / "banque").mkdir(parents=True)
    (root / "banque" / "ouvrir-telephone.yaml").write_text("""
schema_version: 1
id: ouvrir-telephone
site: banque
persona: martine
level: 1
title: {fr: "Ouvrir le téléphone"}
goal: {fr: "Ouvrez le téléphone."}
steps:
  - id: ouvrir
    instruction: {fr: "Touchez « Téléphone »."}
    done_when: {event: telephone.opened}
  - id: lire
    instruction: {fr: "Lisez un message."}
    done_when: {event: telephone.sms.read}
solution:
  - tap: {role: button, name: "Téléphone", within: kiosk}
""")
    return create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "inst2"),
                       "SECRET_KEY": "t", "SCENARIOS_DIR": str(root)})


def test_a_fragment_that_moves_the_exercise_on_carries_the_panel_out_of_band(phone_scenario_app):
    learner = KioskClient(phone_scenario_app.test_client(), phone_scenario_app)
    start(learner, "guide", "ouvrir-telephone")
    response = learner.htmx_get("/sites/telephone/")
    oob = learner.soup(response).select_one("#coach-panel[hx-swap-oob]")
    assert oob["data-steps-done"] == "1" and "Lisez un message." in oob.get_text()
    # A fragment that changes nothing for the exercise carries no panel.
    again = learner.htmx_get("/sites/telephone/")
    assert learner.soup(again).select_one("#coach-panel") is None
