"""axe-core (WCAG 2.2 AA, target-size on) over every page of the kiosk and the bank, in French
and in Arabic (right-to-left chrome). Pages added by a feature also run axe in their own flow
tests, after errors and htmx swaps; this sweep makes sure no page is forgotten."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in, start_bank
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


def choose_language(page: Page, lang: str) -> None:
    if lang != "fr":
        page.locator(f".choice-row button[value={lang}]").click()
        expect(page.locator("html")).to_have_attribute("lang", lang)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_kiosk_pages_have_no_violations(kiosk: Page, lang):
    choose_language(kiosk, lang)
    assert_no_violations(kiosk, f"home ({lang})")
    kiosk.locator(".kiosk-bar summary").click()
    assert_no_violations(kiosk, f"language menu ({lang})")
    kiosk.goto("/nulle-part")
    assert_no_violations(kiosk, f"404 ({lang})")
    kiosk.goto("/")
    kiosk.locator(".site-tile button").click()
    expect(kiosk.locator(".persona-card")).to_be_visible()
    assert_no_violations(kiosk, f"persona card ({lang})")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_bank_pages_have_no_violations(kiosk: Page, lang):
    choose_language(kiosk, lang)
    kiosk.locator(".site-tile button").click()
    kiosk.locator(".screen-card .actions a").click()
    expect(kiosk.locator("#imageclavier")).to_be_visible()
    assert_no_violations(kiosk, f"login ({lang})")
    kiosk.goto("/sites/banque/connexion?clavier=accessible")
    assert_no_violations(kiosk, f"accessible keypad ({lang})")
    kiosk.locator("#identifiant").fill("3045127896")
    kiosk.locator("#valider").click()
    expect(kiosk.locator("#login-error")).to_be_visible()
    assert_no_violations(kiosk, f"login error ({lang})")
    kiosk.goto("/sites/banque/connexion")
    identifiant, code = (v.strip() for v in kiosk.locator(".side-panel dd").all_inner_texts()[:2])
    kiosk.locator("#identifiant").fill(identifiant)
    for digit in code:
        kiosk.locator("#imageclavier button", has_text=re.compile(f"^{digit}$")).click()
    kiosk.locator("#valider").click()
    expect(kiosk.locator(".bq-accounts").first).to_be_visible()
    for path in BANK_PAGES:
        kiosk.goto(path)
        assert_no_violations(kiosk, f"{path} ({lang})")
    kiosk.locator("#phone-button").click()
    expect(kiosk.locator("#phone-drawer")).to_be_visible()
    expect(kiosk.locator("#phone-screen .sms-list, #phone-screen .phone__empty").first).to_be_visible()
    assert_no_violations(kiosk, f"phone drawer ({lang})")
    kiosk.locator("#phone-screen .sms-list__item").first.click()
    expect(kiosk.locator(".sms-bubble")).to_be_visible()
    assert_no_violations(kiosk, f"an SMS ({lang})")
