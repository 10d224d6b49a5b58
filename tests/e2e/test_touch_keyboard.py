"""The on-screen keyboard (issue 4): a learner with a touch screen and no keyboard logs in and
makes the Livret A transfer with taps only; the keyboard never hides the field it types into, at
1366×768 and 1920×1080; it drives the IBAN boxes, the scam form and the kiosk's own forms the way
real keys do; and a physical keyboard still works.

Set PASAPAS_SHOTS=/some/dir to also save a screenshot of every keyboard state.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import start_bank
from tests.support.axe import assert_no_violations

SOPHIE_IBAN = "FR76 9950 3000 2000 0210 4587 208"
# Counts what reaches a text field without the on-screen keyboard: real key presses and the
# browser's own text input (Playwright's fill and keyboard are both trusted; our keys are not).
WATCH_TYPING = """
window.__typedOutsideKeyboard = [];
['keydown', 'input'].forEach(function (type) {
  document.addEventListener(type, function (event) {
    var t = event.target;
    if (event.isTrusted && t && t.matches
        && t.matches('input:not([type=radio]):not([type=checkbox]), textarea')) {
      window.__typedOutsideKeyboard.push(type + ' ' + t.id);
    }
  }, true);
});
"""


def osk(page: Page) -> Locator:
    return page.get_by_role("region", name="Clavier à l'écran")


def tap_keys(page: Page, text: str) -> None:
    """Type ``text`` with taps on the on-screen keyboard only (Majuscules for a capital)."""
    keyboard = osk(page)
    for char in text:
        if char == " ":
            keyboard.get_by_role("button", name="Espace").tap()
            continue
        if char.isalpha() and char.isupper() and keyboard.get_attribute("data-layout") == "text":
            keyboard.get_by_role("button", name="Majuscules").first.tap()
        keyboard.get_by_role("button", name=char, exact=True).tap()


def tap_ok(page: Page) -> None:
    osk(page).get_by_role("button", name="OK, fermer le clavier").tap()
    expect(osk(page)).to_be_hidden()


def open_keyboard_on(page: Page, field: Locator, layout: str) -> None:
    field.tap()
    expect(osk(page)).to_be_visible()
    expect(osk(page)).to_have_attribute("data-layout", layout)
    expect(field).to_be_focused()
    assert_not_hidden(page, field)


def assert_not_hidden(page: Page, field: Locator) -> None:
    """The whole field is on screen, above the keyboard, inside the simulated browser's page."""
    page.wait_for_function("() => !document.getAnimations().some(a => a.playState === 'running')")
    box = field.bounding_box()
    keyboard = osk(page).bounding_box()
    assert box and keyboard, "the field and the keyboard are both on screen"
    assert box["y"] + box["height"] <= keyboard["y"], (
        f"the keyboard covers the field {box} {keyboard}")
    top = page.locator("#replica").bounding_box()["y"] if page.locator("#replica").count() else 0
    assert box["y"] >= top, "the field is scrolled out of the page, above"


def shot(page: Page, name: str) -> None:
    if os.environ.get("PASAPAS_SHOTS"):
        folder = Path(os.environ["PASAPAS_SHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        size = page.viewport_size
        page.screenshot(path=folder / f"keyboard-{name}-{size['width']}x{size['height']}.png")


def balance(page: Page, account: str) -> str:
    row = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=account))
    return row.locator(".bq-account__balance").inner_text().replace("\u00a0", " ")


def tap_log_in(page: Page) -> None:
    panel = page.get_by_role("complementary", name="Aide pour l'exercice")
    identifiant = panel.locator("dt:text-is('Identifiant') + dd").inner_text().strip()
    code = panel.locator("dt:text-is('Mot de passe') + dd").inner_text().strip()
    open_keyboard_on(page, page.get_by_role("textbox", name=re.compile("^Identifiant")), "numeric")
    tap_keys(page, identifiant)
    tap_ok(page)
    keypad = page.get_by_role("group", name=re.compile("Mot de passe"))
    for digit in code:
        keypad.get_by_role("button", name=digit, exact=True).tap()
    page.get_by_role("button", name="Valider").tap()
    expect(page.get_by_role("heading", name="Synthèse de vos comptes")).to_be_visible()


def test_the_livret_a_transfer_with_taps_only(kiosk: Page):
    page = kiosk
    page.add_init_script(WATCH_TYPING)
    page.reload()
    start_bank(page)
    tap_log_in(page)
    assert "1 846,72" in balance(page, "Livret A")
    page.get_by_role("navigation", name="Menu de l'Espace client").get_by_role(
        "link", name="Virements").tap()
    debit, credit = page.get_by_label("Compte à débiter"), page.get_by_label("Compte à créditer")
    debit.select_option(
        label=debit.get_by_role("option", name=re.compile("^LIVRET A")).inner_text())
    credit.select_option(label=credit.get_by_role("option", name=re.compile("^CCP")).inner_text())
    amount = page.get_by_label("Montant")
    open_keyboard_on(page, amount, "decimal")
    tap_keys(page, "50")
    expect(amount).to_have_value("50")
    tap_ok(page)
    page.get_by_role("button", name="Valider").tap()
    expect(page.get_by_role("heading", name="Vérifiez votre virement avant de le confirmer")
           ).to_be_visible()
    page.get_by_role("button", name="Confirmer").tap()
    expect(page.get_by_role("status")).to_contain_text(
        "Votre demande de virement a été enregistrée")
    page.get_by_role("link", name="Retour à mes comptes").tap()
    assert "1 796,72" in balance(page, "Livret A")
    assert "734,27" in balance(page, "Compte Courant Postal")
    assert page.evaluate("window.__typedOutsideKeyboard") == []


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_the_keyboard_never_hides_the_field_it_types_into(kiosk: Page, size):
    page = kiosk
    page.set_viewport_size({"width": size[0], "height": size[1]})
    start_bank(page)
    identifiant = page.get_by_role("textbox", name=re.compile("^Identifiant"))
    open_keyboard_on(page, identifiant, "numeric")
    shot(page, "login")
    tap_log_in_after_open(page)

    page.get_by_role("navigation", name="Menu de l'Espace client").get_by_role(
        "link", name="Virements").tap()
    open_keyboard_on(page, page.get_by_label("Montant"), "decimal")
    shot(page, "amount")
    date = page.get_by_label("Date d'exécution")
    open_keyboard_on(page, date, "date")
    for _ in range(10):
        osk(page).get_by_role("button", name="Effacer un caractère").tap()
    tap_keys(page, "27/11/2026")
    expect(date).to_have_value("27/11/2026")
    reason = page.get_by_label("Motif")
    open_keyboard_on(page, reason, "text")
    tap_keys(page, "Loyer décembre")
    expect(reason).to_have_value("Loyer décembre")  # one capital, then small letters again
    shot(page, "reason")

    page.get_by_role("navigation", name="Menu de l'Espace client").get_by_role(
        "link", name="Bénéficiaires").tap()
    page.get_by_role("link", name="Ajouter un bénéficiaire").tap()
    page.get_by_role("radio", name="Non").tap()
    page.get_by_role("button", name="Continuer").tap()
    name = page.get_by_label("Nom du bénéficiaire")
    open_keyboard_on(page, name, "text")
    tap_keys(page, "Sophie Durand")
    expect(name).to_have_value("Sophie Durand")
    # The IBAN boxes: digits on the pad for the first three, capitals and digits after; a full
    # box moves on to the next one, as with real keys (sites.js listens to the same events).
    first = page.get_by_label("IBAN, case 1 sur 7, 2 caractères")
    open_keyboard_on(page, first, "numeric")
    iban = SOPHIE_IBAN.replace(" ", "")[2:]
    for position, char in enumerate(iban):
        if position == 10:  # box 4 onwards may hold letters
            expect(osk(page)).to_have_attribute("data-layout", "capitals")
            assert_not_hidden(page, page.locator(":focus"))
        tap_keys(page, char)
    shot(page, "iban")
    values = [page.locator(f"#ibans{n}").input_value() for n in range(1, 8)]
    assert "FR" + "".join(values) == SOPHIE_IBAN.replace(" ", "")
    # Effacer in an empty box goes back to the box before, like Backspace.
    last = page.get_by_label("IBAN, case 7 sur 7, 3 caractères")
    for _ in range(4):
        osk(page).get_by_role("button", name="Effacer un caractère").tap()
    expect(last).to_have_value("")
    expect(page.get_by_label("IBAN, case 6 sur 7, 4 caractères")).to_be_focused()
    expect(page.get_by_label("IBAN, case 6 sur 7, 4 caractères")).to_have_value("458")
    tap_keys(page, "7208")
    page.get_by_role("button", name="Valider").tap()
    expect(page.locator(".bq-iban-text")).to_have_text(SOPHIE_IBAN)


def tap_log_in_after_open(page: Page) -> None:
    page.get_by_role("textbox", name=re.compile("^Identifiant")).tap()
    tap_log_in(page)


def test_a_physical_keyboard_still_works(kiosk: Page):
    page = kiosk
    start_bank(page)
    identifiant = page.get_by_role("textbox", name=re.compile("^Identifiant"))
    open_keyboard_on(page, identifiant, "numeric")
    page.keyboard.press("Escape")  # Escape closes it, the focus stays in the field
    expect(osk(page)).to_be_hidden()
    expect(identifiant).to_be_focused()
    identifiant.tap()  # a tap on the field brings it back
    expect(osk(page)).to_be_visible()
    page.keyboard.type("30451")  # real keys: the on-screen keyboard steps aside
    expect(osk(page)).to_be_hidden()
    page.keyboard.type("27896")
    expect(identifiant).to_have_value("3045127896")
    page.keyboard.press("Tab")  # to « Mémoriser mon identifiant »: nothing slides up
    expect(page.get_by_label("Mémoriser mon identifiant")).to_be_focused()
    expect(osk(page)).to_be_hidden()


def test_the_scam_form_knows_something_was_typed(kiosk: Page):
    page = kiosk
    start_bank(page)
    page.goto("/sites/arnaque/")
    flag = page.locator("[data-scam-filled]")
    expect(flag).to_have_value("0")
    open_keyboard_on(page, page.get_by_label("Identifiant"), "numeric")
    tap_keys(page, "3")
    expect(flag).to_have_value("1")
    osk(page).get_by_role("button", name="Effacer un caractère").tap()
    expect(flag).to_have_value("0")


def test_the_kiosk_s_own_forms_take_the_keyboard_too(kiosk: Page):
    page = kiosk
    page.goto("/code")
    page.get_by_role("button", name="Créer mon code").tap()
    code = page.locator(".code-card__code").inner_text().strip()
    page.context.clear_cookies()  # the next learner, who already has a code
    page.goto("/code")
    field = page.get_by_label("J'ai déjà un code")
    open_keyboard_on(page, field, "capitals")
    assert_no_violations(page, "learner code with the keyboard open")
    tap_keys(page, code)
    expect(field).to_have_value(code)
    tap_ok(page)
    page.get_by_role("button", name="Retrouver mes exercices").tap()
    expect(page.get_by_role("heading", name="Bonjour !")).to_be_visible()
    page.locator(".site-tile__button--parcours").first.tap()  # the parcours shows the code
    expect(page.locator(".learner-code")).to_have_text(code)
