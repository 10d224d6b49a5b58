"""« Affichage » (text size, high contrast, less motion) for one learner's session, and the whole
chrome mirrored in Arabic and back (issue 4). Taps for the learner, keys for the kiosks that have
a physical keyboard; the focus goes into each menu and back to its button."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import start_bank


def menu_button(page: Page, name: str):
    return page.locator(".kiosk-bar summary", has_text=name)


def page_wrapper(page: Page):
    return page.locator("div.page")


def test_display_options_last_for_the_session_only(kiosk: Page):
    page = kiosk
    display = menu_button(page, "Affichage")
    display.tap()
    panel = page.get_by_role("group", name="Affichage")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("button", name="Normale")).to_be_focused()  # the focus goes in
    panel.get_by_role("button", name="Grande", exact=True).tap()
    expect(page_wrapper(page)).to_have_class(re.compile(r"\bdisplay-text-large\b"))
    expect(panel.get_by_role("button", name="Grande", exact=True)).to_have_attribute(
        "aria-pressed", "true")
    expect(panel.get_by_role("button", name="Grande", exact=True)).to_be_focused()
    panel.get_by_role("button", name="Contraste élevé").tap()
    expect(page_wrapper(page)).to_have_class(re.compile(r"\bdisplay-contrast\b"))
    panel.get_by_role("button", name="Moins d'animations").tap()
    expect(page_wrapper(page)).to_have_class(re.compile(r"\bdisplay-calm\b"))
    page.keyboard.press("Escape")  # closes, and the focus goes back to « Affichage »
    expect(panel).to_be_hidden()
    expect(display).to_be_focused()

    # Every page of the session keeps them, boosted or loaded again.
    start_bank(page)
    expect(page_wrapper(page)).to_have_class(re.compile(r"display-text-large.*display-contrast"))
    page.reload()
    expect(page_wrapper(page)).to_have_class(re.compile(r"display-text-large.*display-calm"))
    zoom = page.evaluate("getComputedStyle(document.querySelector('main')).zoom")
    assert float(zoom) > 1.1
    # Less motion: the keyboard appears without sliding (nothing moves by itself); with the
    # bigger text, it still leaves the field in sight and the persona card uncovered.
    field = page.get_by_role("textbox", name=re.compile("^Identifiant"))
    field.tap()
    keyboard = page.locator("#osk")
    expect(keyboard).to_be_visible()
    assert page.evaluate("getComputedStyle(document.getElementById('osk')).animationName") == "none"
    box, keys = field.bounding_box(), keyboard.bounding_box()
    assert box["y"] + box["height"] <= keys["y"]
    assert keys["x"] + keys["width"] <= page.locator(".side-panel").bounding_box()["x"] + 1

    # « Terminer »: the next learner finds the usual display.
    page.locator("form[action='/seance/terminer'] button").tap()
    expect(page.get_by_role("heading", name="Bonjour !")).to_be_visible()
    expect(page_wrapper(page)).not_to_have_class(re.compile(r"\bdisplay-"))
    display = menu_button(page, "Affichage")
    display.tap()
    expect(page.get_by_role("button", name="Normale")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Contraste élevé")).to_have_attribute(
        "aria-pressed", "false")
    page.get_by_role("button", name="Fermer").tap()
    expect(display).to_be_focused()


def test_the_display_menu_with_a_physical_keyboard(kiosk: Page):
    page = kiosk
    display = menu_button(page, "Affichage")
    display.focus()
    page.keyboard.press("Enter")
    panel = page.get_by_role("group", name="Affichage")
    expect(panel.get_by_role("button", name="Normale")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(panel.get_by_role("button", name="Très grande")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page_wrapper(page)).to_have_class(re.compile(r"\bdisplay-text-larger\b"))
    expect(panel.get_by_role("button", name="Très grande")).to_be_focused()
    # Opening the language menu closes this one; Escape closes that one too.
    languages = page.locator(".kiosk-bar details.language-switch summary")
    languages.focus()
    page.keyboard.press("Enter")
    expect(panel).to_be_hidden()
    expect(page.locator(".language-switch__menu button[aria-current=true]")).to_be_focused()
    page.keyboard.press("Escape")
    expect(languages).to_be_focused()
    expect(page.locator(".language-switch__menu")).to_be_hidden()


def test_arabic_mirrors_the_chrome_and_french_comes_back(kiosk: Page):
    page = kiosk

    def x(locator) -> float:
        return locator.bounding_box()["x"]

    brand, tools = page.locator(".kiosk-bar__brand"), page.locator(".kiosk-bar__tools")
    assert x(tools) > x(brand)  # French: the tools on the right
    menu_button(page, "Français").tap()
    page.locator(".language-switch__menu").get_by_role("button", name="العربية").tap()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert x(tools) < x(brand)  # Arabic: the tools on the left, the brand on the right
    page.locator("form.site-tile button").first.tap()
    page.locator(".screen-card .actions a").tap()
    expect(page.locator("#imageclavier")).to_be_visible()
    # Beside the replica the help panel goes to the left too; the replica stays French, ltr.
    assert x(page.locator(".side-panel")) < x(page.locator(".browser"))
    expect(page.locator("#replica")).to_have_attribute("dir", "ltr")
    expect(page.locator("#replica")).to_have_attribute("lang", "fr")
    # The on-screen keyboard stays AZERTY, left to right, and covers the browser only.
    page.get_by_role("textbox", name=re.compile("^Identifiant")).tap()
    keyboard = page.locator("#osk")
    expect(keyboard).to_be_visible()
    expect(keyboard.locator(".osk__keys")).to_have_attribute("dir", "ltr")
    side = page.locator(".side-panel").bounding_box()
    assert x(keyboard) >= side["x"] + side["width"] - 1
    menu_button(page, "العربية").tap()
    page.locator(".language-switch__menu").get_by_role("button", name="Français").tap()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Accédez à vos comptes")).to_be_visible()
    assert x(page.locator(".side-panel")) > x(page.locator(".browser"))
