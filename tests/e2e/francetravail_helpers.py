"""Playwright helpers for France Travail (simulation): starting an exercise whatever the kiosk's
language (structural selectors for the kiosk's own, translated, buttons), and logging in from
the persona card."""

from __future__ import annotations

import functools
from pathlib import Path

from babel.support import Translations
from playwright.sync_api import Page, expect

LOCALES = Path(__file__).resolve().parents[2] / "locales"


def start_exercise(page: Page, scenario_id: str, mode: str = "entrainement") -> None:
    """From the exercise's page, in any language: the mode, then « Aller sur le site »."""
    page.goto(f"/exercices/{scenario_id}")
    page.locator(f"button[name=mode][value={mode}]").click()
    expect(page.locator(".persona-card").first).to_be_visible()
    page.locator(".screen-card .actions a").click()
    page.locator("#coach-panel").wait_for()


def explore(page: Page) -> None:
    """« France Travail » on the home page (the second tile), then from the card to the site."""
    page.locator("form.site-tile:has(input[value=francetravail]) button").click()
    expect(page.locator(".persona-card").first).to_be_visible()
    page.locator(".screen-card .actions a").click()
    expect(page.locator("#identifiant")).to_be_visible()


def card_value(page: Page, position: int) -> str:
    """A line of the persona card beside the replica (0 identifiant, 1 password, 2 postal code,
    3 NIR, 4 e-mail), read as the learner reads it."""
    return page.locator(".side-panel .persona-card__lines dd").nth(position).inner_text().strip()


def log_in_from_the_card(page: Page) -> None:
    page.locator("#identifiant").fill(card_value(page, 0))
    page.get_by_role("button", name="Poursuivre").click()
    page.locator("#password").fill(card_value(page, 1))
    page.get_by_role("button", name="Poursuivre").click()
    page.locator("#codepostal").fill(card_value(page, 2))
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator(".ft-tiles")).to_be_visible()


@functools.cache
def translations(lang: str) -> Translations:
    return Translations.load(str(LOCALES), [lang])


def kiosk_words(text: str, lang: str) -> str:
    """A kiosk button's French words in the kiosk's language (« Mes documents » → « وثائقي »)."""
    if lang == "fr":
        return text
    catalog = translations(lang)
    if text.startswith("Choisir : "):
        return catalog.gettext("Choisir : %(title)s") % {"title": text.removeprefix("Choisir : ")}
    return catalog.gettext(text)
