"""Restart drill: the server stops in the middle of an exercise and starts again; the learner
finishes the exercise at the same step, in the same world, and passes."""

from __future__ import annotations

import re
import sqlite3

from playwright.sync_api import Page, expect

from kiosk.coach.loader import load_catalog
from kiosk.coach.replay import start
from kiosk.server_process import LiveServer
from tests.conftest import TEST_TODAY

SETTINGS = {"SIMULATOR_TODAY": TEST_TODAY, "SIMULATOR_SEED": "1234"}


def test_stop_and_start_the_server_in_the_middle_of_an_exercise(browser, tmp_path):
    scenario = load_catalog().scenarios["banque-livret-a-vers-compte-courant"]
    server = LiveServer(tmp_path / "instance", SETTINGS).start()
    context = browser.new_context(base_url=server.url, viewport={"width": 1366, "height": 768})
    page: Page = context.new_page()
    try:
        page.goto("/")
        start(page, scenario, "entrainement")
        identifiant, code = (
            v.strip() for v in page.locator(".side-panel dd").all_inner_texts()[:2])
        page.get_by_role("textbox", name=re.compile("^Identifiant")).fill(identifiant)
        for digit in code:
            page.locator("#imageclavier").get_by_role("button", name=digit, exact=True).click()
        page.get_by_role("button", name="Valider").click()
        expect(page.get_by_role("heading", name="Synthèse de vos comptes")).to_be_visible()
        expect(page.locator("#coach-panel")).to_have_attribute("data-steps-done", "1")

        server.stop()  # the post office's server is switched off and on again
        server = LiveServer(tmp_path / "instance", SETTINGS, port=server.port).start()

        page.reload()
        expect(page.get_by_role("heading", name="Synthèse de vos comptes")).to_be_visible()
        expect(page.locator("#coach-panel")).to_have_attribute("data-steps-done", "1")
        page.get_by_role("navigation", name="Menu de l'Espace client").get_by_role(
            "link", name="Virements").click()
        debit = page.get_by_label("Compte à débiter")
        debit.select_option(
            label=debit.get_by_role("option", name=re.compile("^LIVRET A")).inner_text())
        credit = page.get_by_label("Compte à créditer")
        credit.select_option(
            label=credit.get_by_role("option", name=re.compile("^CCP")).inner_text())
        page.get_by_label("Montant").fill("50")
        page.get_by_role("button", name="Valider").click()
        page.get_by_role("button", name="Confirmer").click()
        expect(page.locator("#coach-panel")).to_have_attribute("data-status", "passed")
        with sqlite3.connect(tmp_path / "instance" / "kiosk.db") as db:
            status, = db.execute("SELECT status FROM attempts ORDER BY id DESC LIMIT 1").fetchone()
        assert status == "passed"
    finally:
        context.close()
        server.stop()
