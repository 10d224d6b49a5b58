"""A learner logs in to the bank from the persona card, with taps on the shuffled keypad.

Covers: home → « Ma banque » → persona card → login (keypad) → synthesis → déconnexion;
wrong code message; « Terminer » wipes everything; every request stays on the server.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in, persona_secrets, start_bank, type_code_on_keypad


def test_log_in_from_the_persona_card_then_log_out(kiosk: Page, base_url):
    start_bank(kiosk)
    expect(kiosk.get_by_text("voscomptes.banque-citoyenne.fr")).to_be_visible()
    expect(kiosk.get_by_text("SIMULATION — site d'entraînement")).to_be_visible()
    log_in(kiosk)
    expect(kiosk.get_by_role("link", name="Compte Courant Postal")).to_be_visible()
    expect(kiosk.get_by_role("link", name="Livret A")).to_be_visible()
    kiosk.get_by_role("button", name="Déconnexion").click()
    expect(kiosk.get_by_role("heading", name="Vous êtes déconnecté(e)")).to_be_visible()
    origins = {urlsplit(url)._replace(path="", query="", fragment="").geturl()
               for url in kiosk.requests_seen}
    assert origins == {base_url}


def test_a_wrong_code_is_explained(kiosk: Page):
    start_bank(kiosk)
    identifiant, _ = persona_secrets(kiosk)
    kiosk.get_by_role("textbox", name=re.compile("^Identifiant")).fill(identifiant)
    type_code_on_keypad(kiosk, "111111")
    expect(kiosk.get_by_text("6 chiffres saisis sur 6")).to_be_attached()
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_role("alert")).to_have_text(
        re.compile("Identifiant ou mot de passe incorrect. Attention, il vous reste 2 essais."))


def test_terminer_wipes_the_session(kiosk: Page, base_url):
    start_bank(kiosk)
    log_in(kiosk)
    old_cookies = kiosk.context.cookies()
    kiosk.get_by_role("button", name="Terminer").click()
    expect(kiosk.get_by_role("heading", name="Bonjour !")).to_be_visible()
    assert kiosk.evaluate("window.sessionStorage.length + window.localStorage.length") == 0
    # Someone replays the old cookie: they get the home page, nothing else.
    other = kiosk.context.browser.new_context(base_url=base_url)
    other.add_cookies(old_cookies)
    stolen = other.new_page()
    stolen.goto("/sites/banque/synthese")
    expect(stolen.get_by_role("heading", name="Bonjour !")).to_be_visible()
    other.close()
