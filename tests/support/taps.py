"""A learner who has never used a touch screen, played by Playwright with taps only: the kiosk's
own buttons found in the learner's language, typing on the on-screen keyboard key by key,
scrolling with a finger's worth of wheel."""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

from babel.support import Translations
from playwright.sync_api import Page, expect

from kiosk.coach.model import Action, Scenario
from kiosk.coach.replay import SCOPES, resolve

LOCALES = Path(__file__).resolve().parents[2] / "locales"


@cache
def translations(lang: str) -> Translations:
    return Translations.load(str(LOCALES), [lang])


def say(lang: str, french: str) -> str:
    """A kiosk string as the learner sees it."""
    return translations(lang).gettext(french) if lang != "fr" else french


def choose_language(page: Page, lang: str) -> None:
    page.goto("/")
    if lang != "fr":
        page.locator(f".choice-row button[value={lang}]").tap()
        expect(page.locator("html")).to_have_attribute("lang", lang)


def tap_keys(page: Page, text: str) -> None:
    """Type with taps on #osk only: ⇧ before a capital, the accents' row for é or É."""
    keyboard = page.locator("#osk")
    expect(keyboard).to_be_visible()
    for char in text:
        if char == " ":
            keyboard.locator("[data-skbtn='{space}']").tap()
            continue
        if char.isalpha() and char.isupper():
            keyboard.locator("[data-skbtn='{shift}']").first.tap()
        keyboard.locator(f"[data-skbtn='{char}']").tap()


NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => r(true)))"


def scroll_to(page: Page, words: str) -> None:
    """A finger moving the page up, bit by bit, until the words show."""
    target = page.locator("#replica").get_by_text(words).first
    box = page.locator("#replica").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(40):
        if target.is_visible() and _in_view(page, target):
            break
        page.mouse.wheel(0, 250)
        page.wait_for_function(NEXT_FRAME)
    # On a loaded machine the last wheels' scrolling is still under way: it gets 5 s to land.
    deadline = time.monotonic() + 5
    while not _in_view(page, target) and time.monotonic() < deadline:
        page.wait_for_function(NEXT_FRAME)
    assert _in_view(page, target), f"{words!r} never came into view"


def _in_view(page: Page, target) -> bool:
    box = target.bounding_box()
    frame = page.locator("#replica").bounding_box()
    return bool(box and frame and box["y"] >= frame["y"]
                and box["y"] + box["height"] <= frame["y"] + frame["height"])


def play_with_taps(page: Page, scenario: Scenario, actions: list[Action], lang: str) -> None:
    for action in actions:
        kind = action.kind
        if kind == "tap":
            scope = page.locator(SCOPES[action.tap.within])
            name = (say(lang, action.tap.name) if action.tap.within in ("kiosk", "coach")
                    else action.tap.name)
            found = scope.get_by_role(action.tap.role, name=name, exact=action.tap.exact)
            (found.nth(action.tap.nth - 1) if action.tap.nth else found).tap()
        elif kind == "type":
            field = page.locator("#replica").get_by_label(action.type.label)
            field.tap()
            field.fill("")  # what an earlier try left: the learner rubs it out first
            tap_keys(page, resolve(action.type.text, scenario))
        elif kind == "select":
            # A native list opens outside the page: choosing in it is what select_option does.
            combo = page.locator("#replica").get_by_role("combobox", name=action.select.label)
            combo.tap()
            combo.select_option(label=next(o for o in combo.locator("option").all_inner_texts()
                                           if action.select.option in o))
        elif kind == "scroll":
            scroll_to(page, action.scroll)
        elif kind == "expect_text":
            page.get_by_text(resolve(action.expect_text, scenario)).first.wait_for()
        else:
            raise AssertionError(f"{kind}: not a tap")
        page.wait_for_function("() => !document.querySelector('.htmx-request')")
