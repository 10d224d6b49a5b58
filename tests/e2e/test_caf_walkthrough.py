"""The CAF replica as a new learner meets it, taps only, from the persona's card and papers, in
Autonomie, in French and in Arabic: the parcours « Mes aides CAF », the login with the code read
on the phone, then the quarterly declaration — each pre-filled « montant net social » compared
with the payslip of that month in « Mes documents », the pension alimentaire of the court's
decision added for each month — the summary's total equal to an independent sum, the
confirmation on screen and the receipt in the mailbox. Every request stays on the kiosk's
origin."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_impots_walkthrough import card_values, choose_language, latest_attempt

NBSP = "\u00a0"
MONTHS = ["juillet 2026", "août 2026", "septembre 2026"]  # the tests' world: 26/11/2026


def paper_fields(page: Page, title: str) -> dict[str, str]:
    page.locator("#papers-button").tap()
    page.locator("#papers-screen .papers-list__open", has_text=title).tap()
    sheet = page.locator("#papers-screen .paper-sheet")
    expect(sheet).to_be_visible()
    labels = sheet.locator("dt").all_inner_texts()
    values = sheet.locator("dd").all_inner_texts()
    page.locator("#papers-drawer [data-drawer-close]").tap()
    expect(page.locator("#papers-drawer")).to_be_hidden()
    return dict(zip(labels, values, strict=True))


def euros(text: str) -> Decimal:
    """« 1 362,44 € » → 1362.44."""
    return Decimal(re.sub(r"[^\d,]", "", text).replace(",", "."))


def read_sms_code(page: Page) -> str:
    page.locator("#phone-button").tap()
    page.locator("#phone-screen .sms-list__item", has_text="CAF").first.tap()
    bubble = page.locator("#phone-screen .sms-bubble")
    expect(bubble).to_contain_text("code de vérification")
    code = re.search(r"\b(\d{6})\b", bubble.inner_text()).group(1)
    page.locator("#phone-drawer [data-drawer-close]").tap()
    expect(page.locator("#phone-drawer")).to_be_hidden()
    return code


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_quarterly_declaration_from_the_payslips_with_the_pension(kiosk: Page, live_server,
                                                                       lang):
    page = kiosk
    choose_language(page, lang)
    page.locator(".site-tile__button--parcours[href$='/mes-aides-caf']").tap()
    page.locator(".parcours-item__link").first.tap()
    page.locator("button.mode-card--autonomie").tap()
    page.locator(".screen-card .actions a").tap()
    expect(page.locator("#nir")).to_be_visible()
    nir, password = card_values(page)[:2]

    # Log in: the card's numbers, then the code read on the phone.
    page.get_by_role("textbox", name="Numéro de sécurité sociale").fill(nir)
    page.get_by_role("textbox", name="Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Me connecter").tap()
    page.get_by_role("radio", name=re.compile("Par SMS")).tap()
    page.get_by_role("button", name="Recevoir le code").tap()
    code_field = page.get_by_role("textbox", name="Code de vérification")
    expect(code_field).to_be_visible()  # the page has arrived: the phone can be opened
    code_field.fill(read_sms_code(page))
    page.get_by_role("button", name="Valider").tap()
    expect(page.get_by_role("heading", name="Bonjour Nadia")).to_be_visible()
    expect(page.locator("#coach-panel")).to_have_attribute("data-status", "passed")
    attempt = latest_attempt(live_server, "caf-connexion-code")
    assert (attempt["mode"], attempt["status"], attempt["score"], attempt["lang"]) == (
        "autonomie", "passed", 1.0, lang)

    # The declaration: every pre-filled month checked against that month's payslip.
    page.get_by_role("link", name="Déclarer mes ressources trimestrielles").tap()
    page.get_by_role("button", name="Commencer ma déclaration").tap()
    expect(page.get_by_role("heading", name="Mes salaires")).to_be_visible()
    salaries = []
    for month in MONTHS:
        payslip = paper_fields(page, f"Bulletin de paie de {month}")
        salaries.append(euros(payslip["Montant net social"]))
        field = page.get_by_role("textbox", name=f"Montant net social – {month}")
        assert euros(field.input_value()) == salaries[-1]
    page.get_by_role("button", name="Suivant").tap()

    # The pension alimentaire: never pre-filled, read on the court's decision.
    page.get_by_role("radio", name="Oui").tap()
    page.get_by_role("checkbox", name="Pension alimentaire reçue").tap()
    page.get_by_role("button", name="Suivant").tap()
    expect(page.get_by_role("heading", name="Pension alimentaire reçue")).to_be_visible()
    decision = paper_fields(page, "Jugement – pension alimentaire")
    pension = euros(next(v for k, v in decision.items() if "pension alimentaire" in k))
    for month in MONTHS:
        box = page.get_by_role("textbox", name=f"Pension alimentaire reçue – {month}")
        box.fill(f"{pension} €")  # « 150.00 € », as a learner might type it
    page.get_by_role("button", name="Suivant").tap()

    # The summary's total, computed here independently.
    expect(page.get_by_role("heading", name="Récapitulatif de ma déclaration")).to_be_visible()
    total_row = page.locator(".caf-table__total td")
    for index, salary in enumerate(salaries):
        expected = f"{salary + pension:,.2f}".replace(",", NBSP).replace(".", ",") + f"{NBSP}€"
        expect(total_row.nth(index)).to_have_text(expected)
    page.get_by_role("checkbox", name=re.compile("Je certifie sur l'honneur")).tap()
    page.get_by_role("button", name="Valider ma déclaration").tap()
    expect(page.get_by_role("heading", name="Votre déclaration est bien enregistrée")
           ).to_be_visible()
    reference = page.locator(".caf-facts .caf-digits").inner_text()
    assert reference.startswith("DTR-202611-")

    # The receipt in the mailbox, and « déjà déclaré » afterwards.
    page.locator("#mail-button").tap()
    page.locator("#mail-screen .mail-list__item", has_text="Confirmation de votre déclaration"
                 ).first.tap()
    expect(page.locator("#mail-screen .mail-view__body")).to_contain_text(reference)
    page.locator("#mail-drawer [data-drawer-close]").tap()
    page.get_by_role("link", name="Déclarer mes ressources", exact=True).tap()
    expect(page.get_by_text("Déjà déclaré")).to_be_visible()

    base = urlsplit(live_server.url).netloc
    strangers = [url for url in page.requests_seen if urlsplit(url).netloc != base]
    assert strangers == [], strangers
