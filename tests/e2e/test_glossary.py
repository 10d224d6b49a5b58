"""« Mots à comprendre » in a real browser: on the bank's RIB page, in Arabic, a learner taps
« IBAN » and reads what it means; the keyboard opens another word; axe finds nothing."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in, start_bank
from tests.support.axe import assert_no_violations


def test_tapping_a_word_on_the_rib_page_explains_it_in_arabic(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    kiosk.get_by_role("link", name="RIB", exact=True).click()
    kiosk.get_by_label("Compte", exact=True).select_option(
        label="Compte Courant Postal – N° 04XXXX3K")
    kiosk.get_by_role("button", name="Afficher le RIB").click()
    expect(kiosk.get_by_role("article", name="Relevé d'Identité Bancaire")).to_be_visible()

    # The kiosk's language, from the bar: the same page comes back, in Arabic, mirrored.
    tools = kiosk.get_by_role("navigation", name="Outils de la borne")
    tools.get_by_role("group").filter(has_text="Français").click()
    kiosk.get_by_role("button", name="العربية").click()
    expect(kiosk.locator("html")).to_have_attribute("dir", "rtl")
    expect(kiosk.get_by_role("article", name="Relevé d'Identité Bancaire")).to_be_visible()

    words = kiosk.get_by_role("region", name="كلمات لفهمها")
    expect(words).to_be_visible()
    side = kiosk.get_by_role("complementary").bounding_box()
    browser = kiosk.get_by_role("region", name="متصفّح إنترنت تجريبي").bounding_box()
    assert side["x"] < browser["x"], "in Arabic the side panel is on the left"

    iban = words.get_by_text("IBAN", exact=True)  # the word, as the learner sees it
    explanation = words.get_by_text(re.compile("هو الرقم الدولي لحسابك"))
    expect(explanation).to_be_hidden()
    # Closed, the <details> (a « group ») is only its word: that is the target to touch.
    box = words.get_by_role("group").filter(
        has=kiosk.get_by_text("IBAN", exact=True)).bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    iban.tap()
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text("FR76")
    assert_no_violations(kiosk, "RIB page in Arabic, « IBAN » explained")

    # With the keyboard: Tab to the next word, Enter opens it and closes the first one.
    for _ in range(4):
        kiosk.keyboard.press("Tab")
        if kiosk.evaluate("document.activeElement.textContent.trim()") == "BIC":
            break
    kiosk.keyboard.press("Enter")
    expect(words.get_by_text(re.compile("هو رمز بنكك"))).to_be_visible()
    expect(explanation).to_be_hidden()
