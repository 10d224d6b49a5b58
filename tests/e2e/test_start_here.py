"""« Par où commencer ? » tapped through twice, by a learner at ease and by a hesitant one, who
get different starting points, shown first on the home page; « Mon carnet » printed by Chromium
on one A4 page; axe on every new page and state, in every language (Arabic right to left)."""

from __future__ import annotations

import re
import sqlite3
import time

import pytest
from playwright.sync_api import Page, expect

from kiosk.coach.loader import load_catalog
from kiosk.config import DEFAULTS
from tests.support.axe import assert_no_violations
from tests.support.taps import choose_language, say, scroll_to, tap_keys

CONTINUE = "#diagnostic-panel form[action='/commencer/suivant'] button"
CATALOG = load_catalog()


def begin(page: Page) -> None:
    page.locator(".home-start__button").tap()
    page.locator("form[action='/commencer'] button").tap()
    expect(page.locator("#diagnostic-panel")).to_have_attribute("data-state", "doing")


def carry_on(page: Page, *, last: bool = False) -> None:
    """« Continuer » once the task is done; then the next task's page (or the questions)."""
    expect(page.locator("#diagnostic-panel")).not_to_have_attribute("data-state", "doing")
    page.locator(CONTINUE).tap()
    if last:
        expect(page.locator(".diagnostic-answers")).to_be_visible()
    else:
        expect(page.locator("#diagnostic-panel")).to_have_attribute("data-state", "doing")


def skip_every_task(page: Page) -> None:
    for task in range(6):
        page.locator("#diagnostic-panel form[action='/commencer/passer'] button").tap()
        expect(page.locator("#diagnostic-panel")).to_have_attribute("data-state", "skipped")
        carry_on(page, last=task == 5)


def expect_proposed(page: Page, hrefs: list[str]) -> None:
    links = page.locator(".proposal__link")
    expect(links).to_have_count(len(hrefs))
    for index, href in enumerate(hrefs):
        expect(links.nth(index)).to_have_attribute("href", href)


def answer_every_question(page: Page, answer: str) -> None:
    """The same answer to every question: one per procedure that has a parcours, so their
    number grows with the sites."""
    while True:
        expect(page.locator(".diagnostic-question, .diagnostic-result")).to_be_visible()
        if page.locator(".diagnostic-result").count():
            return
        asked = page.locator("form.diagnostic-answers input[name=question]").get_attribute("value")
        page.locator(f"button[value={answer}]").tap()
        expect(page.locator(f"form.diagnostic-answers input[value='{asked}']")).to_have_count(0)


def test_a_learner_at_ease_and_a_hesitant_one_are_proposed_different_starts(page: Page, browser,
                                                                            base_url):
    # At ease, in French: every task done right, with taps, then « Je sais faire ».
    choose_language(page, "fr")
    begin(page)
    replica = page.locator("#replica")
    replica.get_by_role("link", name="Horaires Quand venir").tap()
    carry_on(page)
    replica.get_by_role("combobox", name="Jour").select_option(label="Samedi")
    carry_on(page)
    scroll_to(page, "Fin de l'agenda")
    replica.get_by_role("link", name="Atelier numérique").tap()
    carry_on(page)
    replica.get_by_label("Rechercher un livre").tap()
    tap_keys(page, "Zola")
    replica.get_by_role("button", name="Rechercher", exact=True).tap()
    carry_on(page)
    replica.get_by_role("button", name="La connexion est protégée").tap()
    carry_on(page)
    page.get_by_role("button", name="Lire le message").tap()
    page.locator("#phone-drawer").get_by_role("button", name="Supprimer").tap()
    carry_on(page, last=True)
    answer_every_question(page, "sait")
    expect(page.get_by_role("heading", name="Merci !")).to_be_visible()
    expect_proposed(page, ["/parcours/premiers-pas-banque"])
    expect(page.locator(".proposal__mode")).to_have_text(["Mode Entraînement"])
    assert_no_violations(page, "the proposal (fr)")

    # Hesitant, in Arabic, in a browser of their own: « Je ne sais pas faire » every time.
    context = browser.new_context(base_url=base_url, viewport={"width": 1366, "height": 768},
                                  has_touch=True)
    other = context.new_page()
    try:
        choose_language(other, "ar")
        begin(other)
        skip_every_task(other)
        answer_every_question(other, "ne_sait_pas")
        expect_proposed(other, ["/parcours/premiers-gestes", "/parcours/premiers-pas-banque"])
        guided = f"{say('ar', 'Mode')} {say('ar', 'Guidé')}"
        expect(other.locator(".proposal__mode")).to_have_text([guided] * 2)
        other.locator(".diagnostic-result .actions a").tap()
        tiles = other.locator(".site-tile__button--proposed")
        expect(tiles).to_have_count(2)
        expect(tiles.nth(0)).to_have_attribute("href", "/parcours/premiers-gestes")
        expect(tiles.nth(1)).to_have_attribute("href", "/parcours/premiers-pas-banque")
        first_sections = other.locator("main h2").all_inner_texts()[:2]
        assert say("ar", "Nous vous proposons de commencer par") in first_sections[1]
        assert_no_violations(other, "home with the proposal (ar)")
    finally:
        context.close()


def record_everything(live_server, code: str) -> None:
    """Every exercise of the kiosk passed alone: the longest carnet there can be."""
    now = time.time()
    with sqlite3.connect(live_server.instance / "kiosk.db") as db:
        for scenario in CATALOG.scenarios.values():
            attempt = db.execute(
                "INSERT INTO attempts (session_id, learner_code, world_id, scenario_id, site, "
                "mode, lang, status, current_step, hint_level, step_mistakes, score, stars, "
                "started_at, ended_at) VALUES ('s', ?, 'w', ?, ?, 'guide', 'fr', 'passed', ?, "
                "0, 0, 1.0, 3, ?, ?)",
                [code, scenario.id, scenario.site, len(scenario.steps), now - 60, now]).lastrowid
            for index, step in enumerate(scenario.steps):
                db.execute("INSERT INTO step_results (attempt_id, step_index, step_id, hint_level,"
                           " highlight, mistakes, outcome, score, started_at, done_at) VALUES "
                           "(?, ?, ?, 0, 0, 0, 'alone', 1.0, ?, ?)",
                           [attempt, index, step.id, now - 30, now])


@pytest.mark.parametrize("lang", ["fr", "ar", "ro"])
def test_the_carnet_prints_on_one_a4_page(page: Page, live_server, lang):
    choose_language(page, lang)
    page.goto("/code")
    page.locator("form.code-new button").tap()
    code = page.locator(".code-card__code").inner_text().strip()
    record_everything(live_server, code)
    page.goto("/carnet")
    expect(page.locator(".carnet-code")).to_contain_text(code)
    assert_no_violations(page, f"carnet ({lang})")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    page.emulate_media(media="screen")


@pytest.mark.parametrize("lang", list(DEFAULTS["LANGUAGES"]))
def test_the_new_kiosk_pages_have_no_violations(page: Page, lang):
    choose_language(page, lang)
    assert_no_violations(page, f"home with « Par où commencer ? » ({lang})")
    page.locator(".home-start__button").tap()
    expect(page.locator(".diagnostic-intro")).to_be_visible()
    page.wait_for_load_state()
    assert_no_violations(page, f"diagnostic intro ({lang})")
    page.locator("form[action='/commencer'] button").tap()
    expect(page.locator("#diagnostic-panel")).to_be_visible()
    assert_no_violations(page, f"diagnostic panel ({lang})")
    page.locator("#diagnostic-panel form[action='/commencer/passer'] button").tap()
    expect(page.locator("#diagnostic-panel")).to_have_attribute("data-state", "skipped")
    assert_no_violations(page, f"diagnostic panel, skipped ({lang})")
    carry_on(page)
    for task in range(5):
        page.locator("#diagnostic-panel form[action='/commencer/passer'] button").tap()
        carry_on(page, last=task == 4)
    assert_no_violations(page, f"a question ({lang})")
    answer_every_question(page, "pas_sur")
    expect(page.locator(".proposal__link").first).to_be_visible()
    assert_no_violations(page, f"the proposal ({lang})")
    page.goto("/")
    assert_no_violations(page, f"home with the proposal ({lang})")
    page.goto("/parcours/premiers-gestes")
    assert_no_violations(page, f"parcours with the advice ({lang})")
    page.goto("/carnet")
    assert_no_violations(page, f"carnet, a guest ({lang})")


GESTES_PAGES = ["/sites/gestes/", "/sites/gestes/horaires?jour=samedi", "/sites/gestes/agenda",
                "/sites/gestes/agenda/atelier-numerique", "/sites/gestes/catalogue?q=Zola",
                "/sites/gestes/lettre", "/sites/gestes/actualites",
                "/sites/gestes/actualites/horaires-ete", "/sites/gestes/apprendre/adresse"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_mediatheque_its_banner_and_pop_up_have_no_violations(page: Page, lang):
    choose_language(page, lang)
    page.goto("/exercices/gestes-fenetres")
    page.locator(".mode-card--guide").tap()
    page.locator(".screen-card .actions a").first.tap()
    expect(page.locator("#cookie-banner")).to_be_visible()
    assert_no_violations(page, f"cookie banner ({lang})")
    page.locator("[data-cookie-customise]").tap()
    expect(page.locator("#cookie-banner-choices")).to_be_visible()
    assert_no_violations(page, f"cookie banner, Personnaliser ({lang})")
    page.get_by_role("button", name="Tout refuser").tap()
    expect(page.locator("#mq-popup")).to_be_visible()
    assert_no_violations(page, f"pop-up ({lang})")
    for path in GESTES_PAGES:
        page.goto(path)
        assert_no_violations(page, f"{path} ({lang})")
    page.goto("/sites/gestes/agenda/atelier-numerique/inscription")
    page.get_by_role("button", name="Valider mon inscription").tap()
    expect(page.locator("#booking-error")).to_be_visible()
    assert_no_violations(page, f"booking refused ({lang})")
    page.goto("/sites/gestes/lettre")
    page.get_by_role("button", name="S'inscrire").tap()
    expect(page.locator("#email-error")).to_be_visible()
    assert_no_violations(page, f"letter refused ({lang})")
    page.goto("/sites/gestes/apprendre/adresse")
    page.get_by_role("button", name="Le site est fermé").tap()
    expect(page.locator("#question-cadenas .mq-result")).to_be_visible()
    assert_no_violations(page, f"quiz answered ({lang})")
