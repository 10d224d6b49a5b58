"""axe-core (WCAG 2.2 AA, target-size on) over every page of the kiosk and the bank, in French
and in Arabic (right-to-left chrome), in the normal and the high-contrast display. Pages added by
a feature also run axe in their own flow tests, after errors and htmx swaps; this sweep makes
sure no page is forgotten, nor the states that open over a page: the display menu, the
on-screen keyboard (each of its layouts) and « Vous êtes toujours là ? »."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kiosk.server_process import LiveServer
from tests.conftest import TEST_TODAY
from tests.e2e.conftest import KIOSK_VIEWPORT
from tests.support.axe import assert_no_violations

# Every page reachable in the bank once logged in (tokens are resolved from the links).
BANK_PAGES = [
    "/sites/banque/synthese",
    "/sites/banque/virements",
    "/sites/banque/beneficiaires",
    "/sites/banque/rib",
    "/sites/banque/cartes",
    "/sites/banque/e-releves",
]


LANGUAGES = ["fr", "ar"]
DISPLAYS = ["normal", "contrast"]


def choose_language(page: Page, lang: str) -> None:
    if lang != "fr":
        page.locator(f".choice-row button[value={lang}]").click()
        expect(page.locator("html")).to_have_attribute("lang", lang)


def choose_display(page: Page, display: str) -> None:
    """High contrast, from « Affichage » in the kiosk bar (the menu is closed again after)."""
    if display == "contrast":
        page.locator(".kiosk-bar .display-switch summary").click()
        page.locator("#display-contrast").click()
        expect(page.locator("div.page")).to_have_class(re.compile(r"\bdisplay-contrast\b"))
        page.keyboard.press("Escape")
        expect(page.locator("#display-contrast")).to_be_hidden()


@pytest.mark.parametrize("display", DISPLAYS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_kiosk_pages_have_no_violations(kiosk: Page, lang, display):
    choose_language(kiosk, lang)
    choose_display(kiosk, display)
    where = f"{lang}, {display}"
    assert_no_violations(kiosk, f"home ({where})")
    kiosk.locator(".kiosk-bar .language-switch summary").click()
    assert_no_violations(kiosk, f"language menu ({where})")
    kiosk.locator(".kiosk-bar .display-switch summary").click()
    expect(kiosk.locator("#display-text-normal")).to_be_visible()
    assert_no_violations(kiosk, f"display menu ({where})")
    kiosk.keyboard.press("Escape")
    kiosk.goto("/nulle-part")
    assert_no_violations(kiosk, f"404 ({where})")
    kiosk.goto("/")
    kiosk.locator(".site-tile button").first.click()  # « Ma banque »
    expect(kiosk.locator(".persona-card")).to_be_visible()
    assert_no_violations(kiosk, f"persona card ({where})")


@pytest.mark.parametrize("display", DISPLAYS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_bank_pages_have_no_violations(kiosk: Page, lang, display):
    choose_language(kiosk, lang)
    choose_display(kiosk, display)
    where = f"{lang}, {display}"
    kiosk.locator(".site-tile button").first.click()  # « Ma banque »
    kiosk.locator(".screen-card .actions a").click()
    expect(kiosk.locator("#imageclavier")).to_be_visible()
    assert_no_violations(kiosk, f"login ({where})")
    kiosk.goto("/sites/banque/connexion?clavier=accessible")
    assert_no_violations(kiosk, f"accessible keypad ({where})")
    kiosk.locator("#identifiant").fill("3045127896")
    kiosk.locator("#valider").click()
    expect(kiosk.locator("#login-error")).to_be_visible()
    assert_no_violations(kiosk, f"login error ({where})")
    kiosk.goto("/sites/banque/connexion")
    identifiant, code = (v.strip() for v in kiosk.locator(".side-panel dd").all_inner_texts()[:2])
    kiosk.locator("#identifiant").fill(identifiant)
    for digit in code:
        kiosk.locator("#imageclavier button", has_text=re.compile(f"^{digit}$")).click()
    kiosk.locator("#valider").click()
    expect(kiosk.locator(".bq-accounts").first).to_be_visible()
    for path in BANK_PAGES:
        kiosk.goto(path)
        assert_no_violations(kiosk, f"{path} ({where})")
    kiosk.locator("#phone-button").click()
    expect(kiosk.locator("#phone-drawer")).to_be_visible()
    expect(kiosk.locator("#phone-screen .sms-list, #phone-screen .phone__empty").first
           ).to_be_visible()
    assert_no_violations(kiosk, f"phone drawer ({where})")
    kiosk.locator("#phone-screen .sms-list__item").first.click()
    expect(kiosk.locator(".sms-bubble")).to_be_visible()
    assert_no_violations(kiosk, f"an SMS ({where})")


def log_in_on_the_shown_keypad(page: Page) -> None:
    identifiant, code = (v.strip() for v in page.locator(".side-panel dd").all_inner_texts()[:2])
    page.locator("#identifiant").fill(identifiant)
    for digit in code:
        page.locator("#imageclavier button", has_text=re.compile(f"^{digit}$")).click()
    page.locator("#valider").click()
    expect(page.locator(".bq-accounts").first).to_be_visible()


def keyboard_on(page: Page, selector: str, layout: str) -> None:
    page.locator(selector).tap()
    expect(page.locator("#osk")).to_have_attribute("data-layout", layout)
    page.wait_for_function("() => !document.getAnimations().some(a => a.playState === 'running')")


@pytest.mark.parametrize("display", DISPLAYS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_on_screen_keyboard_has_no_violations(kiosk: Page, lang, display):
    choose_language(kiosk, lang)
    choose_display(kiosk, display)
    where = f"{lang}, {display}"
    kiosk.locator(".site-tile button").first.click()  # « Ma banque »
    kiosk.locator(".screen-card .actions a").click()
    keyboard_on(kiosk, "#identifiant", "numeric")
    assert_no_violations(kiosk, f"login, number pad ({where})")
    log_in_on_the_shown_keypad(kiosk)
    kiosk.goto("/sites/banque/virements")
    keyboard_on(kiosk, "#montant", "decimal")
    assert_no_violations(kiosk, f"amount, decimal pad ({where})")
    keyboard_on(kiosk, "#date", "date")
    assert_no_violations(kiosk, f"date pad ({where})")
    keyboard_on(kiosk, "#motif", "text")
    assert_no_violations(kiosk, f"AZERTY ({where})")
    kiosk.locator("#osk [data-skbtn='{shift}']").first.tap()
    expect(kiosk.locator("#osk [data-skbtn='A']")).to_be_visible()
    assert_no_violations(kiosk, f"AZERTY, capitals ({where})")
    kiosk.goto("/sites/banque/beneficiaires")
    kiosk.get_by_role("link", name="Ajouter un bénéficiaire").click()  # the replica: French
    kiosk.get_by_role("radio", name="Non").check()
    kiosk.get_by_role("button", name="Continuer").click()
    keyboard_on(kiosk, "#ibans4", "capitals")
    assert_no_violations(kiosk, f"IBAN boxes, capitals ({where})")
    kiosk.goto("/code")
    keyboard_on(kiosk, "#learner-code", "capitals")
    assert_no_violations(kiosk, f"learner code, capitals ({where})")


@pytest.fixture(scope="module")
def idle_server(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("idle-a11y"), {
        "SIMULATOR_TODAY": TEST_TODAY, "SIMULATOR_SEED": "1234", "KIOSK_IDLE_SECONDS": "4"}).start()
    yield server
    server.stop()


@pytest.mark.parametrize("display", DISPLAYS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_idle_question_has_no_violations(browser, idle_server, lang, display):
    context = browser.new_context(base_url=idle_server.url, viewport=KIOSK_VIEWPORT,
                                  locale="fr-FR", has_touch=True)
    page = context.new_page()
    try:
        page.goto("/")
        choose_language(page, lang)
        choose_display(page, display)
        page.locator(".site-tile button").first.click()  # « Ma banque »
        page.locator(".screen-card .actions a").click()
        expect(page.locator("#idle-dialog")).to_be_visible(timeout=15_000)
        page.wait_for_function(
            "() => !document.getAnimations().some(a => a.playState === 'running')")
        assert_no_violations(page, f"« Vous êtes toujours là ? » ({lang}, {display})")
    finally:
        context.close()
