"""A learner reads her account's history: « mon virement de la CAF est-il arrivé ? »

Covers: synthesis → compte courant → search « CAF » (htmx swaps the list only, the URL follows)
→ 6 months → open the CAF transfer → back to the same search; nothing found; « à venir »;
axe on every page and after every swap.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in, start_bank
from tests.support.axe import assert_no_violations


def open_current_account(page: Page) -> None:
    start_bank(page)
    log_in(page)
    page.get_by_role("link", name="Compte Courant Postal").click()
    expect(page.get_by_role("heading", name="Compte Courant Postal", level=1)).to_be_visible()


def operations(page: Page):
    return page.get_by_role("table", name="Opérations du compte Compte Courant Postal")


def test_search_caf_then_open_the_transfer(kiosk: Page):
    open_current_account(kiosk)
    expect(kiosk.get_by_text("Solde au 26/11/2026")).to_be_visible()
    expect(kiosk.get_by_label("Période")).to_have_value("30j")
    assert_no_violations(kiosk, "history")
    title = kiosk.get_by_role("heading", name="Compte Courant Postal", level=1).element_handle()

    kiosk.get_by_label("Rechercher une opération").fill("CAF")
    kiosk.get_by_role("button", name="Rechercher").click()
    expect(kiosk.get_by_role("status")).to_have_text(
        "1 opération du 27/10/2026 au 26/11/2026 pour « CAF »")
    caf = operations(kiosk).get_by_role("row").filter(has_text="VIREMENT DE CAF")
    expect(caf).to_have_count(1)
    expect(caf).to_contain_text("05/11/2026")
    expect(caf).to_contain_text("PRIME D'ACTIVITE OCTOBRE 2026")
    expect(kiosk).to_have_url(re.compile(r"recherche=CAF"))
    # htmx swapped the list only: the rest of the page is still the same page.
    assert title.evaluate("node => node.isConnected")
    assert_no_violations(kiosk, "history after a search")

    kiosk.get_by_label("Période").select_option(label="6 derniers mois")
    expect(caf).to_have_count(6)
    expect(kiosk).to_have_url(re.compile(r"periode=6m"))
    expect(kiosk.get_by_label("Rechercher une opération")).to_have_value("CAF")

    caf.first.get_by_role("link", name="VIREMENT DE CAF").click()
    expect(kiosk.get_by_role("heading", name="Détail de l'opération")).to_be_visible()
    expect(kiosk.get_by_text("Virement reçu")).to_be_visible()
    expect(kiosk.get_by_text("05/11/2026")).to_be_visible()
    assert_no_violations(kiosk, "operation details")

    kiosk.get_by_role("link", name="Retour à l'historique", exact=True).click()
    expect(kiosk.get_by_label("Rechercher une opération")).to_have_value("CAF")
    expect(kiosk.get_by_label("Période")).to_have_value("6m")
    expect(caf).to_have_count(6)


def test_a_search_that_finds_nothing_says_so(kiosk: Page):
    open_current_account(kiosk)
    kiosk.get_by_label("Rechercher une opération").fill("<b>impots</b>")
    kiosk.get_by_role("button", name="Rechercher").click()
    expect(kiosk.get_by_role("status")).to_have_text(
        "Aucune opération ne correspond à votre recherche.")
    expect(operations(kiosk)).to_have_count(0)
    assert_no_violations(kiosk, "history, nothing found")
    kiosk.get_by_role("link", name="Voir toutes les opérations").click()
    expect(operations(kiosk)).to_be_visible()
    expect(kiosk.get_by_label("Rechercher une opération")).to_have_value("")


def test_upcoming_operations(kiosk: Page):
    open_current_account(kiosk)
    kiosk.get_by_role("link", name="Opérations à venir").click()
    expect(kiosk.get_by_role("link", name="Opérations à venir")).to_have_attribute(
        "aria-current", "page")
    rows = operations(kiosk).get_by_role("row")
    expect(rows).to_have_count(3)  # the header and two operations
    expect(rows.nth(1)).to_contain_text("ACHAT CB EN COURS CARREFOUR MARKET")
    expect(rows.nth(2)).to_contain_text("PRELEVEMENT DE SFR BOX")
    assert_no_violations(kiosk, "upcoming operations")
    rows.nth(2).get_by_role("link").click()
    expect(kiosk.get_by_text("Opération à venir : elle n'est pas encore passée")).to_be_visible()
    expect(kiosk.get_by_text("Prélèvement", exact=True)).to_be_visible()
