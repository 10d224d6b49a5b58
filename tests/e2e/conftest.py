"""Browser tests: Chromium (Debian's where Playwright cannot download its own) driving the
production server started by run_kiosk.py. Role and label locators only."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import Page, expect

from kiosk.server_process import LiveServer
from tests.conftest import TEST_TODAY

KIOSK_VIEWPORT = {"width": 1366, "height": 768}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    server = LiveServer(
        tmp_path_factory.mktemp("kiosk-instance"),
        {"SIMULATOR_TODAY": TEST_TODAY, "SIMULATOR_SEED": "1234", "KEYPAD_SEED_FROM_URL": "true"},
    ).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


def system_chromium() -> str | None:
    import os

    for candidate in (os.environ.get("PASAPAS_CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args,
            "args": ["--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-quic"]}
    chromium = system_chromium()
    if chromium:
        args["executable_path"] = chromium
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": KIOSK_VIEWPORT, "locale": "fr-FR",
            "timezone_id": "Europe/Paris", "has_touch": True}


@pytest.fixture()
def kiosk(page: Page):
    """The kiosk's home page, with every request recorded (they must all stay on the server)."""
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.goto("/")
    return page


def start_bank(page: Page) -> None:
    """From the home page: tap « Ma banque », then go from the persona card to the bank."""
    page.get_by_role("button", name=re.compile("Ma banque")).click()
    expect(page.get_by_role("heading", name="Voici la personne que vous allez jouer")
           ).to_be_visible()
    page.get_by_role("link", name="Aller sur le site").click()
    expect(page.get_by_role("heading", name="Accédez à vos comptes")).to_be_visible()


def persona_secrets(page: Page) -> tuple[str, str]:
    """Read the identifiant and the code on the persona card beside the replica."""
    panel = page.get_by_role("complementary", name="Aide pour l'exercice")
    identifiant = panel.locator("dt:text-is('Identifiant') + dd").inner_text().strip()
    code = panel.locator("dt:text-is('Mot de passe') + dd").inner_text().strip()
    return identifiant, code


def type_code_on_keypad(page: Page, code: str) -> None:
    keypad = page.get_by_role("group", name=re.compile("Mot de passe"))
    for digit in code:
        keypad.get_by_role("button", name=digit, exact=True).click()


def log_in(page: Page) -> None:
    identifiant, code = persona_secrets(page)
    page.get_by_role("textbox", name=re.compile("^Identifiant")).fill(identifiant)
    type_code_on_keypad(page, code)
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", name="Synthèse de vos comptes")).to_be_visible()
