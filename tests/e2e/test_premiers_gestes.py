"""« Premiers gestes » as a newcomer does it: in Guidé, taps only (the on-screen keyboard key by
key, a finger scrolling the page), in French, Arabic and Portuguese; every exercise passes with
the coach's highlight showing where to touch."""

from __future__ import annotations

import re
import sqlite3

import pytest
from playwright.sync_api import Page, expect

from kiosk.coach.loader import load_catalog
from tests.support.taps import choose_language, play_with_taps

CATALOG = load_catalog()
GESTES = next(p for p in CATALOG.parcours if p.id == "premiers-gestes").scenarios


def latest_attempt(live_server, scenario_id: str) -> dict:
    with sqlite3.connect(live_server.instance / "kiosk.db") as db:
        db.row_factory = sqlite3.Row
        return dict(db.execute("SELECT * FROM attempts WHERE scenario_id = ? ORDER BY id DESC "
                               "LIMIT 1", [scenario_id]).fetchone())


@pytest.mark.parametrize("lang", ["fr", "ar", "pt"])
def test_the_whole_parcours_passes_in_guide_with_taps_only(page: Page, live_server, lang):
    """From the home page to the last exercise, tapping « Exercice suivant » each time."""
    choose_language(page, lang)
    page.locator(".site-tile__button--parcours[href='/parcours/premiers-gestes']").tap()
    page.locator(f"a[href='/exercices/{GESTES[0]}']").tap()
    for number, scenario_id in enumerate(GESTES):
        scenario = CATALOG.scenarios[scenario_id]
        expect(page).to_have_url(re.compile(f"/exercices/{scenario_id}$"))
        page.locator(".mode-card--guide").tap()
        page.locator(".screen-card .actions a").first.tap()
        panel = page.locator("#coach-panel")
        expect(panel).to_have_attribute("data-status", "running")
        if scenario.steps[0].target:  # Guidé: where to touch is outlined from the start
            expect(page.locator(".coach-highlight").first).to_be_visible()
        play_with_taps(page, scenario, scenario.solution, lang)
        expect(panel).to_have_attribute("data-status", "passed")
        attempt = latest_attempt(live_server, scenario_id)
        assert (attempt["mode"], attempt["status"], attempt["score"], attempt["lang"]) == (
            "guide", "passed", 1.0, lang), scenario_id
        panel.locator(".coach__done a.button--primary").tap()
        if number + 1 < len(GESTES):
            page.locator(f".actions a[href='/exercices/{GESTES[number + 1]}']").tap()
