"""A learner locks her card for a while then unlocks it, and makes an opposition after a theft:
the reason, the box to tick, the opposition number. Role and label locators; axe on every
page, errors shown included."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in, start_bank
from tests.support.axe import assert_no_violations


def open_cards(page: Page) -> None:
    page.get_by_role("navigation", name="Menu de l'Espace client").get_by_role(
        "link", name="Cartes").click()
    expect(page.get_by_role("heading", name="Mes cartes", exact=True)).to_be_visible()


def visa(page: Page):
    return page.get_by_role("article", name="Visa Classic")


def state(card, text: str):
    """The « État de la carte » written beside the drawing (which is hidden from the tree)."""
    return card.get_by_role("definition").filter(has_text=re.compile(f"^{text}$"))


def test_lock_the_card_then_unlock_it(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    open_cards(kiosk)
    expect(visa(kiosk)).to_contain_text("•••• •••• •••• 4821")
    expect(visa(kiosk)).to_contain_text("09/28")
    expect(state(visa(kiosk), "Active")).to_be_visible()
    assert_no_violations(kiosk, "cards")

    visa(kiosk).get_by_role("button", name="Verrouiller temporairement ma carte").click()
    expect(visa(kiosk).get_by_role("status")).to_have_text(re.compile(
        "Votre carte est verrouillée temporairement."))
    expect(state(visa(kiosk), "Verrouillée temporairement")).to_be_visible()
    other = kiosk.get_by_role("article", name="Carte de retrait Livret A")
    expect(state(other, "Active")).to_be_visible()
    assert_no_violations(kiosk, "cards, one locked")

    visa(kiosk).get_by_role("button", name="Déverrouiller ma carte").click()
    expect(visa(kiosk).get_by_role("status")).to_have_text(
        re.compile("Votre carte est déverrouillée."))
    expect(state(visa(kiosk), "Active")).to_be_visible()
    expect(visa(kiosk).get_by_role("button", name="Verrouiller temporairement ma carte")
           ).to_be_visible()
    # The page was never reloaded: htmx swapped the card's block only.
    expect(kiosk.get_by_role("heading", name="Mes cartes", exact=True)).to_be_visible()


def test_make_an_opposition_after_a_theft(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    open_cards(kiosk)
    visa(kiosk).get_by_role("link", name=re.compile("Faire opposition")).click()
    expect(kiosk.get_by_role("heading", name="Faire opposition sur votre carte")).to_be_visible()
    expect(kiosk.get_by_text("Attention : l'opposition est définitive.")).to_be_visible()
    assert_no_violations(kiosk, "opposition form")

    kiosk.get_by_role("button", name="Confirmer l'opposition").click()
    alert = kiosk.get_by_role("alert")
    expect(alert).to_contain_text("Veuillez indiquer le motif de l'opposition.")
    expect(alert).to_contain_text("Veuillez cocher la case")
    assert_no_violations(kiosk, "opposition form with errors")

    kiosk.get_by_role("radio", name="Vol").check()
    kiosk.get_by_role("button", name="Confirmer l'opposition").click()
    expect(kiosk.get_by_role("alert")).not_to_contain_text("motif")
    expect(kiosk.get_by_role("radio", name="Vol")).to_be_checked()
    understood = kiosk.get_by_role("checkbox",
                                   name="J'ai compris que l'opposition est définitive")
    expect(understood).to_have_accessible_description(re.compile("Veuillez cocher la case"))
    understood.check()
    kiosk.get_by_role("button", name="Confirmer l'opposition").click()

    result = kiosk.get_by_role("region", name="Opposition enregistrée")
    expect(result.get_by_role("status")).to_contain_text("Votre opposition a bien été enregistrée")
    expect(result.get_by_text(re.compile(r"^\d{10}$"))).to_be_visible()  # N° d'opposition
    expect(result.get_by_text(re.compile("^le 26/11/2026 à"))).to_be_visible()
    expect(result.get_by_text(re.compile("Une nouvelle carte vous sera envoyée"))).to_be_visible()
    assert_no_violations(kiosk, "opposition recorded")
    kiosk.get_by_role("link", name="Retour à mes cartes").click()

    expect(state(visa(kiosk), "En opposition")).to_be_visible()
    expect(visa(kiosk).get_by_role("button")).to_have_count(0)
    expect(visa(kiosk).get_by_role("link")).to_have_count(0)
    assert_no_violations(kiosk, "cards, one opposed")


def test_lock_instead_of_an_opposition_when_the_card_is_only_misplaced(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    open_cards(kiosk)
    visa(kiosk).get_by_role("link", name=re.compile("Faire opposition")).click()
    expect(kiosk.get_by_text("Vous pensez avoir simplement égaré votre carte ?")).to_be_visible()
    kiosk.get_by_role("button", name="Verrouiller temporairement ma carte").click()
    expect(kiosk.get_by_role("heading", name="Mes cartes", exact=True)).to_be_visible()
    expect(state(visa(kiosk), "Verrouillée temporairement")).to_be_visible()
    expect(visa(kiosk).get_by_role("status")).to_contain_text(
        "Votre carte est verrouillée temporairement.")
