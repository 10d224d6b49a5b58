"""« Par où commencer ? » through the test client: the tasks measured by what the learner does,
kind words only, the questions, two opposite learners getting different starting points, the
home page putting them first, the adviser reading them, the records."""

from __future__ import annotations

import re

from kiosk.database import get_db
from tests.support.attempts import outbox
from tests.support.console import ConsoleClient, create_adviser
from tests.support.diagnostic import LINK, latest, play


def proposals(response) -> list[tuple[str, str]]:
    html = response.get_data(as_text=True)
    return list(zip(re.findall(r'class="proposal__title">([^<]+)<', html),
                    re.findall(r'class="proposal__mode">([^<]+)<', html), strict=True))


def test_the_presentation_writes_nothing_and_says_it_is_not_an_exam(learner):
    page = learner.get("/commencer")
    assert page.status_code == 200
    text = learner.soup(page).get_text(" ", strip=True)
    assert "Ce n'est pas un examen" in text and "« Je ne sais pas » est une bonne réponse" in text
    assert learner.client.get_cookie(learner.app.config["SESSION_COOKIE_NAME"]) is None


def test_a_sure_learner_and_a_hesitant_one_get_different_starting_points(app, learner):
    sure = play(learner, sure=True)
    assert proposals(sure) == [("Premiers pas avec ma banque", "Mode Entraînement")]
    from tests.support.kiosk_client import KioskClient

    hesitant_learner = KioskClient(app.test_client(), app)
    hesitant = play(hesitant_learner, sure=False)
    assert proposals(hesitant) == [("Premiers gestes", "Mode Guidé"),
                                   ("Premiers pas avec ma banque", "Mode Guidé")]
    # No marks anywhere: no score, no stars, no « faux ».
    for page in (sure, hesitant):
        text = learner.soup(page).get_text(" ", strip=True)
        assert not re.search(r"\d+ ?%|/ ?\d+|étoile|★|faux|erreur", text), text


def test_the_tasks_are_measured_by_what_the_learner_did(learner):
    play(learner, sure=True)
    found = latest(learner)
    assert {task: r["outcome"] for task, r in found["results"].items()} == {
        "toucher": "a_l_aise", "choisir": "a_l_aise", "defiler": "a_l_aise",
        "ecrire": "a_l_aise", "cadenas": "a_l_aise", "faux-sms": "a_l_aise"}
    # One question per procedure that has a parcours (the bank, France Travail, the taxes…).
    assert set(found["questions"]) >= {"banque", "france-travail", "impots", "caf"}
    assert found["answers"] == {question: "sait" for question in found["questions"]}
    assert found["status"] == "done"


def test_a_wrong_tap_makes_a_task_hesitant_without_a_word_of_blame(learner):
    learner.post("/commencer")
    learner.get("/sites/gestes/agenda", headers=LINK)  # not « Horaires »
    page = learner.get("/sites/gestes/horaires", headers=LINK)
    panel = learner.soup(page).select_one("#diagnostic-panel")
    assert "C'est fait. Merci !" in panel.get_text()
    assert latest(learner)["results"]["toucher"]["outcome"] == "hesitant"


def test_je_ne_sais_pas_faire_is_a_good_answer(learner):
    learner.post("/commencer")
    panel = learner.soup(learner.htmx_post("/commencer/passer"))
    assert "C'est une bonne réponse" in panel.get_text()
    assert latest(learner)["results"]["toucher"]["outcome"] == "pas_encore"


def test_the_panel_follows_a_fragment_out_of_band(learner):
    learner.post("/commencer")
    learner.get("/sites/gestes/horaires", headers=LINK)
    learner.post("/commencer/suivant")
    fragment = learner.get("/sites/gestes/horaires?jour=samedi", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert 'id="horaires-resultat"' in html and 'hx-swap-oob="true"' in html
    assert "C'est fait. Merci !" in html


def test_it_can_be_stopped_at_any_time_and_still_gives_a_first_idea(learner):
    learner.post("/commencer")
    stopped = learner.post("/commencer/arreter", follow_redirects=True)
    assert "D'accord, on s'arrête là." in stopped.get_data(as_text=True)
    assert proposals(stopped) == [("Premiers gestes", "Mode Guidé")]
    assert latest(learner)["status"] == "stopped"


def test_the_home_page_puts_the_proposal_first(learner):
    play(learner, sure=False)
    home = learner.soup(learner.get("/"))
    sections = [h.get_text(" ", strip=True) for h in home.select("main h2")]
    assert "Nous vous proposons de commencer par" in sections[1]
    proposed = [a.select_one(".site-tile__title").get_text()
                for a in home.select(".site-tile__button--proposed")]
    assert proposed == ["Premiers gestes", "Premiers pas avec ma banque"]
    parcours_page = learner.soup(learner.get("/parcours/premiers-gestes"))
    assert "Conseillé pour vous : le mode Guidé." in parcours_page.get_text()


def test_a_bad_answer_is_refused_and_nothing_is_kept(learner):
    learner.post("/commencer")
    for _task in learner.app.extensions["pasapas.diagnostic"].diagnostic.tasks:
        learner.post("/commencer/passer")
        learner.post("/commencer/suivant")
    assert latest(learner)["phase"] == "questions"
    response = learner.post("/commencer/question", {"question": "banque", "reponse": "oui"})
    assert response.status_code == 400
    assert latest(learner)["answers"] == {}


def test_with_a_code_the_adviser_sees_the_result_and_the_proposal(app, learner):
    learner.post("/code/nouveau")
    play(learner, sure=False)
    code = latest(learner)["learner_code"]
    assert code
    create_adviser(app)
    adviser = ConsoleClient(app)
    adviser.log_in("claire", "une phrase assez longue")
    page = adviser.soup(adviser.get(f"/agent/apprenants/{code}"))
    section = " ".join(page.select_one(".diagnostic-summary").get_text(" ", strip=True)
                       .replace(" ,", ",").split())
    assert "Premiers gestes, mode Guidé" in section
    assert "Premiers pas avec ma banque, mode Guidé" in section
    assert "Toucher un bouton pas encore" in section
    assert "Je ne sais pas" in section


def test_the_diagnostic_has_statements_of_its_own(app, learner):
    learner.post("/code/nouveau")
    play(learner, sure=True)
    rows = [r for r in outbox(app) if r["diagnostic_id"]]
    verbs = [r["verb"] for r in rows]
    asked = len(latest(learner)["questions"])
    assert asked >= 3
    assert verbs == (["initialized"] + ["attempted"] * 6 + ["answered"] * asked
                     + ["completed", "terminated"])
    assert all(r["attempt_id"] is None and r["learner_code"] for r in rows)
    completed = rows[-2]["statement"]
    proposal = next(v for k, v in completed["result"]["extensions"].items()
                    if k.endswith("/proposal"))
    assert proposal == [{"parcours": "premiers-pas-banque", "mode": "entrainement",
                         "rule": "demarche-connue"}]
    stamps = [r["timestamp"] for r in rows]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_ending_the_session_closes_a_diagnostic_left_half_way(app, learner):
    learner.post("/commencer")
    sid = learner.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    learner.end()
    with app.test_request_context():
        row = next(get_db()["diagnostics"].rows_where("session_id = ?", [sid]))
    assert row["status"] == "stopped"
    last = [r for r in outbox(app) if r["diagnostic_id"] == row["id"]][-1]
    assert last["verb"] == "terminated"
    assert any(v == "finished" for v in last["statement"]["result"]["extensions"].values())


def test_after_the_diagnostic_a_quiet_world_and_the_session_goes_on(learner):
    play(learner, sure=False)  # the fake SMS was never read
    beat = learner.get("/borne/battement?page=/&seance=1")
    assert "HX-Redirect" not in beat.headers  # the session is not taken for a finished one
    home = learner.soup(learner.get("/"))
    assert home.select_one(".notice") is None  # no « Un exercice est en cours »
    assert home.select_one(".phone-toast") is None  # no message left unread
    assert home.select_one("form[action='/seance/terminer']") is not None


def test_the_exercise_says_which_mode_is_advised(learner):
    play(learner, sure=True)  # the bank, in Entraînement
    page = learner.soup(learner.get("/exercices/banque-connexion"))
    advised = [card["value"] for card in page.select(".mode-card")
               if card.select_one(".mode-card__advice")]
    assert advised == ["entrainement"]
    other = learner.soup(learner.get("/exercices/gestes-toucher"))
    assert other.select_one(".mode-card__advice") is None
