"""The ameli replica as a new learner meets it, taps only: the numéro de sécurité sociale and the
code personnel read on the persona card, the security code read in « Messagerie » and typed in
the six boxes with the on-screen keys (each digit moves to the next box), a pasted code spread
over the boxes; three wrong codes lock the account with the real site's words. FranceConnect
from ameli shows the same choice and the same provider pages as from the tax site (one
implementation), and « impots.gouv » is the tax site's own login page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.test_impots_walkthrough import card_values


def start_ameli(page: Page) -> None:
    page.goto("/")
    page.locator("form.site-tile", has_text="ameli").locator("button").tap()
    page.wait_for_url("**/seance/fiche")  # a new world is made first: it may take a while
    expect(page.locator(".screen-card .persona-card")).to_be_visible()
    page.locator(".screen-card .actions a").tap()
    expect(page.get_by_role("textbox", name="Numéro de sécurité sociale")).to_be_visible()


def identify(page: Page) -> None:
    values = card_values(page)
    nir = next(v for v in values if re.fullmatch(r"\d{13}", v.replace(" ", "")))
    code = values[values.index(nir) + 1]
    page.get_by_role("textbox", name="Numéro de sécurité sociale").fill(nir)
    page.get_by_label("Code personnel", exact=True).fill(code)
    page.get_by_role("button", name="Se connecter").tap()
    expect(page.get_by_text("Veuillez saisir votre code de sécurité (reçu par mail)")
           ).to_be_visible()


def code_from_mailbox(page: Page) -> str:
    page.locator("#mail-button").tap()
    page.locator("#mail-screen .mail-list__item", has_text="code de sécurité").first.tap()
    body = page.locator("#mail-screen .mail-view__body").inner_text()
    page.locator("#mail-drawer [data-drawer-close]").tap()
    return re.search(r"\b(\d{6})\b", body).group(1)


def boxes(page: Page):
    return page.locator("#replica [data-code-box]")


def test_log_in_with_the_code_read_from_the_mailbox(kiosk: Page):
    page = kiosk
    start_ameli(page)
    identify(page)
    code = code_from_mailbox(page)
    expect(boxes(page)).to_have_count(6)
    for index in range(6):
        expect(page.get_by_label(f"Code de sécurité, chiffre {index + 1} sur 6")).to_be_visible()
    # Typed as the on-screen keyboard types: one key at a time, the focus moves on by itself.
    boxes(page).first.tap()
    for digit in code:
        page.keyboard.press(digit)
    expect(boxes(page).last).to_be_focused()
    assert "".join(boxes(page).nth(i).input_value() for i in range(6)) == code
    # Backspace in an empty box goes back to the one before.
    page.keyboard.press("Backspace")
    expect(boxes(page).last).to_have_value("")
    page.keyboard.press("Backspace")
    expect(boxes(page).nth(4)).to_be_focused()
    expect(boxes(page).nth(4)).to_have_value("")
    # A code pasted in the first box is spread over the six.
    boxes(page).first.evaluate(
        "(box, code) => { const data = new DataTransfer(); data.setData('text', code);"
        " box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,"
        " cancelable: true})); }", f"{code[:3]} {code[3:]}")
    assert "".join(boxes(page).nth(i).input_value() for i in range(6)) == code
    page.get_by_role("button", name="Valider").tap()
    expect(page.get_by_role("heading", name="Bonjour Nadia FERRAND")).to_be_visible()
    assert all(url.startswith(page.url.split("/sites/")[0]) for url in page.requests_seen)


def test_a_five_digit_code_then_three_wrong_codes_lock_as_the_real_site_says(kiosk: Page):
    page = kiosk
    start_ameli(page)
    identify(page)
    code = code_from_mailbox(page)
    boxes(page).first.tap()
    for digit in code[:5]:
        page.keyboard.press(digit)
    page.get_by_role("button", name="Valider").tap()
    expect(page.get_by_text("Le code de sécurité doit comporter 6 chiffres")).to_be_visible()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in ("Il vous reste 2 essais.", "Il vous reste 1 essai."):
        boxes(page).first.tap()
        for digit in wrong:
            page.keyboard.press(digit)
        page.get_by_role("button", name="Valider").tap()
        expect(page.get_by_text(left)).to_be_visible()
    boxes(page).first.tap()
    for digit in wrong:
        page.keyboard.press(digit)
    page.get_by_role("button", name="Valider").tap()
    expect(page.get_by_text("Votre compte ameli est verrouillé")).to_be_visible()
    expect(page.get_by_text("l'accès à votre compte ameli est bloqué")).to_be_visible()
    expect(page.get_by_role("button", name="Se connecter")).to_have_count(0)
    expect(page.get_by_role("link", name="Code personnel oublié ?")).to_be_visible()


def provider_page(page: Page, provider: str) -> dict:
    """From a service's login page: FranceConnect, then ``provider``; what its page shows."""
    page.get_by_role("link", name="S'identifier avec FranceConnect").tap()
    expect(page.get_by_text("Je choisis un compte pour me connecter sur")).to_be_visible()
    choice = page.locator(".fc-providers button").all_inner_texts()
    page.get_by_role("button", name=provider, exact=True).tap()
    expect(page).not_to_have_url(re.compile(r"/api/v1/authorize"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_be_visible()
    return {"choice": choice, "heading": heading.inner_text(),
            "path": page.url.split("?")[0].split("/sites/")[1],
            "address": page.locator(".address-bar").inner_text(),
            "labels": page.locator("#replica label").all_inner_texts()}


def test_franceconnect_from_ameli_reaches_the_same_provider_pages_as_from_the_tax_site(
        kiosk: Page):
    page = kiosk
    start_ameli(page)
    from_ameli = provider_page(page, "MSA")
    page.goto("/")
    page.locator("form.site-tile", has_text="impôts").locator("button").tap()
    page.wait_for_url("**/seance/fiche")  # a new world is made first: it may take a while
    expect(page.locator(".screen-card .persona-card")).to_be_visible()
    page.locator(".screen-card .actions a").tap()
    from_taxes = provider_page(page, "MSA")
    assert from_ameli == from_taxes
    assert from_ameli["path"] == "franceconnect/fournisseur/msa"
    assert "monespaceprive.msa.fr" in from_ameli["address"]
    # « impots.gouv » offered to ameli is the tax site's own login page.
    start_ameli(page)
    page.get_by_role("link", name="S'identifier avec FranceConnect").tap()
    expect(page.get_by_role("heading", name="ameli.fr")).to_be_visible()
    expect(page.locator("#fi-ameli")).to_be_disabled()
    page.get_by_role("button", name="impots.gouv", exact=True).tap()
    expect(page).to_have_url(re.compile(r"/sites/impots/fc/connexion\?interaction="))
    expect(page.get_by_label("Numéro fiscal")).to_be_visible()
