"""The adviser console in Chromium, as a new adviser tries it (issue 5, « Done when »):

- the account is made on the command line, then the adviser logs in;
- a learner on another kiosk (a second browser context) asks for help: the board shows it
  within 3 seconds, with its sound; « J'arrive » reaches the learner's screen;
- the adviser ends that session from the board and the learner's kiosk goes home;
- axe (target-size on) finds nothing on any console page.

Set PASAPAS_SHOTS=/some/dir to save a screenshot of every console screen.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from kiosk.server_process import ROOT
from tests.support.axe import assert_no_violations

PASSWORD = "une phrase pour la console"
KIOSK = "borne-accueil"


def create_adviser_on_the_command_line(instance: Path, name: str) -> None:
    """run_kiosk.py adviser add NAME, the password typed twice (no terminal: getpass reads
    standard input)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "run_kiosk.py"), "adviser", "add", name],
        input=f"{PASSWORD}\n{PASSWORD}\n", capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PASAPAS_INSTANCE_PATH": str(instance)}, start_new_session=True,
        timeout=60)
    assert result.returncode == 0, result.stderr


class Shots:
    def __init__(self, page: Page):
        self.page = page
        self.dir = Path(os.environ["PASAPAS_SHOTS"]) if os.environ.get("PASAPAS_SHOTS") else None

    def check(self, name: str) -> None:
        assert_no_violations(self.page, f"console: {name}")
        if self.dir:
            self.dir.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=self.dir / f"console-{name}.png", full_page=True)


@pytest.fixture()
def adviser_page(browser: Browser, live_server, browser_context_args):
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    yield page
    context.close()


def log_in(page: Page, name: str) -> None:
    page.goto("/agent/")
    expect(page.get_by_role("heading", name="Connexion à la console")).to_be_visible()
    page.get_by_label("Nom").fill(name)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Les bornes", exact=True)).to_be_visible()


def test_a_new_adviser_answers_a_help_request_and_ends_a_session(page: Page, adviser_page: Page,
                                                                   live_server):
    create_adviser_on_the_command_line(live_server.instance, "claire")
    console, shots = adviser_page, Shots(adviser_page)
    console.goto("/agent/connexion")
    shots.check("login")
    log_in(console, "claire")

    # The learner's kiosk: its terminal address, an exercise in Guidé.
    page.goto(f"/borne/{KIOSK}")
    page.goto("/exercices/banque-connexion")
    page.get_by_role("button", name=re.compile("Guidé")).click()
    page.get_by_role("link", name="Aller sur le site").click()
    expect(page.locator("#coach-panel")).to_be_visible()
    card = console.get_by_role("article", name=f"Borne {KIOSK}")
    expect(card).to_contain_text("Occupée", timeout=8000)
    expect(card).to_contain_text("1 sur 2")
    shots.check("board")

    page.get_by_role("button", name="J'ai besoin d'aide").click()
    expect(page.get_by_text("Le conseiller est prévenu.")).to_be_visible()
    help_list = console.get_by_role("region", name="Demandes d'aide")
    expect(help_list).to_contain_text(f"Borne {KIOSK}", timeout=3000)  # within 3 seconds
    expect(card).to_contain_text("Aide demandée")
    expect(console.locator("#board")).to_have_attribute("data-chimes", re.compile("[1-9]"))
    expect(console).to_have_title(re.compile(r"^\(1\) "))
    shots.check("board-help")

    console.get_by_role("button", name=f"J'arrive — borne {KIOSK}").click()
    expect(console.get_by_role("status").filter(has_text="Le conseiller arrive")).to_be_visible()
    expect(page.get_by_text("Le conseiller a vu votre demande.")).to_be_visible(timeout=12000)

    console.get_by_role("link", name=f"Message, temps, fin de séance — borne {KIOSK}").click()
    expect(console.get_by_role("heading", name="Envoyer un message sur l'écran")).to_be_visible()
    shots.check("kiosk")
    message = console.get_by_label("Votre message (280 caractères au plus)")
    message.fill("Je suis là dans un instant.")
    console.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_text("Je suis là dans un instant.")).to_be_visible(timeout=12000)

    console.get_by_role("link", name="Terminer la séance de cette borne…").click()
    question = f"Terminer la séance de la borne {KIOSK} ?"
    expect(console.get_by_role("heading", name=question)).to_be_visible()
    shots.check("end-confirm")
    console.get_by_role("button", name="Oui, terminer la séance").click()
    expect(console.get_by_text("la séance est terminée et tout est effacé")).to_be_visible()
    # The kiosk went home: a full page load, whose address the home page then tidies to « / ».
    expect(page).to_have_url(re.compile(r"/(\?fin=1)?$"), timeout=12000)
    expect(card).to_contain_text("Libre", timeout=8000)

    assert all(url.startswith(live_server.url) for url in console.requests_seen)


def test_every_other_console_page_passes_axe(adviser_page: Page, live_server):
    create_adviser_on_the_command_line(live_server.instance, "marc")
    console, shots = adviser_page, Shots(adviser_page)
    log_in(console, "marc")
    console.get_by_role("link", name="Apprenants").click()
    expect(console.get_by_role("heading", name="Apprenants", exact=True)).to_be_visible()
    shots.check("learners")
    console.get_by_label("Nombre de codes").fill("4")
    console.get_by_label("Parcours (facultatif)").select_option(label="Premiers pas avec ma banque")
    console.get_by_role("button", name="Créer les codes et les imprimer").click()
    expect(console.get_by_role("heading", name="Cartes à imprimer")).to_be_visible()
    expect(console.locator(".card")).to_have_count(4)
    shots.check("cards")
    code = console.locator(".card__code").first.inner_text()
    console.get_by_role("link", name="← Apprenants").click()
    console.get_by_role("link", name=code).click()
    expect(console.get_by_role("heading", name=f"Apprenant {code}")).to_be_visible()
    shots.check("learner")
    console.get_by_role("link", name="Supprimer ce code…").click()
    shots.check("learner-delete")
    console.get_by_role("button", name="Oui, tout effacer").click()
    expect(console.get_by_text("tout ce qui le concernait sont effacés")).to_be_visible()
    console.get_by_role("link", name="Rapports").click()
    expect(console.get_by_role("heading", name="Rapports")).to_be_visible()
    shots.check("reports")
    console.goto("/agent/rapports/exercices/banque-connexion")
    shots.check("scenario-report")
    console.goto("/agent/rapports/frequentation")
    shots.check("usage")
    console.goto("/agent/mot-de-passe")
    shots.check("password")
    console.goto("/agent/pas-une-page")
    shots.check("not-found")
    console.goto("/agent/")
    console.get_by_role("button", name="Se déconnecter").click()
    expect(console.get_by_text("Vous êtes déconnecté(e).")).to_be_visible()
