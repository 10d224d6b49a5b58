"""What the France Travail issue is done by, tried in Chromium as a new learner would:

- the whole parcours « Mon espace France Travail », passed in Autonomie with taps only, from the
  persona's card alone (every value typed is on the card, in the mission, or on a paper of
  « Mes documents »), in French and in Arabic, with no request leaving the kiosk's server;
- the actualisation asks the real questions in the real order, and the « Non » to « toujours à
  la recherche d'un emploi » is explained before it is confirmed;
- a registration started, left and resumed in the same session keeps what was typed.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from kiosk.coach.loader import load_catalog
from kiosk.coach.replay import play, resolve
from simulator.personas import load_persona
from simulator.sites.papiers.seed import Papers
from simulator.sites.papiers.seed import resolve as resolve_dates
from tests.conftest import TEST_TODAY
from tests.e2e.francetravail_helpers import kiosk_words, start_exercise

CATALOG = load_catalog()
PARCOURS = next(p for p in CATALOG.parcours if p.id == "mon-espace-france-travail")
FREE_TEXT = ("Votre message",)  # what the learner writes in their own words


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def papers_text(scenario) -> str:
    """Every paper of « Mes documents » as the learner can read it, on the exercise's day."""
    day = scenario.setup.world_date(dt.date.fromisoformat(TEST_TODAY))
    papers = Papers.model_validate({"papiers": load_persona(scenario.persona).items("papiers")})
    return " ".join(resolve_dates(" ".join([p.titre, *p.lignes, *(f.valeur for f in p.champs)]),
                                  day) for p in papers.papiers)


def in_the_learners_language(actions, lang: str):
    """The kiosk's own buttons are translated (« Mes documents »); the replica stays French."""
    translated = []
    for action in actions:
        if action.tap and action.tap.within != "page":
            action = action.model_copy(update={"tap": action.tap.model_copy(
                update={"name": kiosk_words(action.tap.name, lang)})})
        translated.append(action)
    return translated


def check_everything_typed_is_in_sight(page: Page, scenario) -> None:
    """Autonomie shows only the mission: what the solution types must be readable on the card,
    in the mission, or on a paper."""
    in_sight = squeezed(page.locator(".side-panel").inner_text() + papers_text(scenario))
    for action in scenario.solution:
        value = (action.type.text if action.type and action.type.label not in FREE_TEXT
                 else action.iban)
        if value:
            assert squeezed(resolve(value, scenario)) in in_sight, (scenario.id, value)
        assert action.goto is None, f"{scenario.id}: a learner taps, never types an address"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_whole_parcours_is_passed_in_autonomie_from_the_card_alone(kiosk: Page, base_url,
                                                                        lang):
    page = kiosk
    if lang != "fr":
        page.locator(f".choice-row button[value={lang}]").click()
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("a.site-tile__button--parcours[href$='/mon-espace-france-travail']").click()
    page.locator(".parcours-item__link").first.click()
    for number, scenario_id in enumerate(PARCOURS.scenarios, 1):
        scenario = CATALOG.scenarios[scenario_id]
        expect(page).to_have_url(re.compile(f"/exercices/{scenario_id}$"))
        page.locator("button[name=mode][value=autonomie]").click()
        expect(page.locator(".persona-card").first).to_be_visible()
        page.locator(".screen-card .actions a").click()
        page.locator("#coach-panel").wait_for()
        check_everything_typed_is_in_sight(page, scenario)
        replay = play(page, scenario, in_the_learners_language(scenario.solution, lang))
        assert replay.steps_done == [step.id for step in scenario.steps], scenario_id
        expect(page.locator("#coach-panel")).to_have_attribute("data-status", "passed")
        page.locator("#coach-panel .coach__done a").click()
        if number < len(PARCOURS.scenarios):  # « Exercice suivant »
            page.locator(".result .actions a.button--primary").click()
    page.locator(".result .actions a").last.click()  # « Retour à l'accueil »
    tile = page.locator("a.site-tile__button--parcours[href$='/mon-espace-france-travail']")
    expect(tile).to_contain_text(f"{len(PARCOURS.scenarios)}")
    origins = {urlsplit(u)._replace(path="", query="", fragment="").geturl()
               for u in page.requests_seen}
    assert origins == {base_url}


def test_the_actualisation_asks_the_real_questions_and_explains_the_non(kiosk: Page):
    page = kiosk
    start_exercise(page, "francetravail-toujours-en-recherche", "guide")
    page.locator(".ft-banner--action a").click()
    expect(page.locator(".ft-question__label")).to_have_text([
        "Etes-vous inscrit à une session de formation ou suivez-vous une formation ?"])
    page.locator("label:has(#formationNon)").click()
    page.get_by_role("button", name="Valider").click()
    expect(page.locator(".ft-question__label")).to_have_text([
        "Avez-vous travaillé ou exercé une activité non salariée ?",
        "Avez-vous été en stage ?",
        "Avez-vous été en arrêt maladie ?",
        "Avez-vous été en congé maternité ?",
        "Percevez-vous une nouvelle pension retraite ?",
        "Percevez-vous une nouvelle pension d'invalidité de 2ème ou 3ème catégorie ?",
        "Etes-vous toujours à la recherche d'un emploi ?"])
    # Sub-questions open on « Oui »; the explanation of a « Non » opens with the « Non ».
    expect(page.get_by_label("Heures travaillées dans le mois")).to_be_hidden()
    page.locator("label:has(#travailOui)").click()
    expect(page.get_by_label("Heures travaillées dans le mois")).to_be_visible()
    page.locator("label:has(#travailNon)").click()
    warning = page.locator("#recherche-avertissement")
    expect(warning).to_be_hidden()
    page.locator("label:has(#rechercheNon)").click()
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("votre inscription prendra fin")
    for question in ("stage", "maladie", "maternite", "retraite", "invalidite"):
        page.locator(f"label:has(#{question}Non)").click()
    page.get_by_role("radio", name="J'ai repris un emploi").check()
    page.get_by_role("button", name="Valider").click()
    # Before « Confirmer »: the consequence, in red, and the coach's explanation.
    summary = page.locator("#fin-inscription")
    expect(summary).to_contain_text("votre inscription comme demandeur d'emploi va prendre fin")
    expect(summary).to_contain_text("cessation d'inscription")
    expect(page.locator("#coach-panel .coach__feedback")).to_contain_text(
        "Si vous confirmez, Samir ne sera plus inscrit")
    expect(page.get_by_role("button", name="Confirmer ma déclaration")).to_be_visible()
    page.get_by_role("link", name="Modifier ma déclaration").click()
    expect(page.locator("#rechercheNon")).to_be_checked()


def test_a_registration_left_and_resumed_keeps_what_was_typed(kiosk: Page):
    page = kiosk
    start_exercise(page, "francetravail-inscription-debut")
    page.get_by_role("link", name="S'inscrire, se réinscrire").click()
    page.get_by_role("button", name="Je commence mon inscription").click()
    expect(page.locator(".ft-train [aria-current=step]")).to_contain_text("Mon inscription")
    expect(page.locator(".ft-train__step")).to_have_count(8)
    page.get_by_label("Numéro de sécurité sociale").fill("1 91 06 93 008 245 60")
    page.get_by_label("Date de naissance").fill("18/06/1991")
    page.get_by_label("Téléphone portable").fill("06 39 98 52 14")
    page.get_by_role("button", name="Suivant").click()
    expect(page.locator(".ft-train__where")).to_contain_text("Étape 2 sur 8")
    # Typed, not validated, then the learner leaves by the menu: nothing is lost.
    page.get_by_label("Motif de votre inscription").select_option("fin_cdd")
    page.get_by_label("Date de fin de votre dernier contrat").fill("31/07/2026")
    page.get_by_label("Date de fin de votre dernier contrat").blur()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.get_by_role("link", name="Mes paiements", exact=True).click()
    expect(page.get_by_role("heading", name="Mes paiements")).to_be_visible()
    page.get_by_role("link", name="Accueil", exact=True).click()
    page.get_by_role("link", name="Reprendre mon inscription").click()
    expect(page.get_by_text("vous reprenez à l'étape 2")).to_be_visible()
    page.get_by_role("link", name="Reprendre mon inscription").click()
    expect(page.get_by_label("Motif de votre inscription")).to_have_value("fin_cdd")
    expect(page.get_by_label("Date de fin de votre dernier contrat")).to_have_value("31/07/2026")
    # The step before, validated, is there too (the step bar leads back to it).
    page.locator(".ft-train a", has_text="Mon inscription").click()
    expect(page.get_by_label("Téléphone portable")).to_have_value("06 39 98 52 14")
    expect(page.get_by_label("Numéro de sécurité sociale")).to_have_value("1 91 06 93 008 245 60")
