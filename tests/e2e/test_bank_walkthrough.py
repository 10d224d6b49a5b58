"""The whole bank, as a new learner does it in one session (issue « the bank is complete »):
log in from the persona card, move 50 € from the Livret A to the compte courant and see both
balances and histories change, add a beneficiary with the SMS code, pay the rent, lock and
unlock the card, download the RIB, then « Terminer »: the world is gone and the old cookie
leads home. Every request stays on the server; axe runs on every screen, in French and Arabic.

Set PASAPAS_SHOTS=/some/dir to also save a screenshot of every screen.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.support.axe import assert_no_violations

SOPHIE_IBAN = "FR76 9950 3000 2000 0210 4587 208"
BOXES = (2, 4, 4, 4, 4, 4, 3)


class Walk:
    def __init__(self, page: Page, lang: str):
        self.page, self.lang, self.count = page, lang, 0
        self.shots = Path(os.environ["PASAPAS_SHOTS"]) if os.environ.get("PASAPAS_SHOTS") else None

    def look(self, name: str) -> None:
        """Check the screen as it is now with axe, and keep a picture of it if asked."""
        self.count += 1
        assert_no_violations(self.page, f"{name} ({self.lang})")
        if self.shots:
            self.shots.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=self.shots / f"{self.lang}-{self.count:02d}-{name}.png")

    def menu(self, label: str) -> None:
        self.page.get_by_role("navigation", name="Menu de l'Espace client").get_by_role(
            "link", name=label).click()

    def code_from_phone(self, words: str) -> str:
        page = self.page
        page.locator("#phone-button").click()
        phone = page.locator("#phone-drawer")
        phone.get_by_role("link", name=re.compile("BQCITOYENNE")).first.click()
        sms = phone.get_by_text(re.compile(words))
        expect(sms).to_be_visible()
        self.look("sms")
        code = re.search(r"\b(\d{6})\b", sms.inner_text()).group(1)
        page.locator("#phone-drawer [data-drawer-close]").click()
        return code


def balance(page: Page, account: str) -> str:
    row = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=account))
    return row.locator(".bq-account__balance").inner_text().replace("\u00a0", " ")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_whole_session_at_the_bank(kiosk: Page, base_url, lang):
    page, walk = kiosk, Walk(kiosk, lang)
    if lang != "fr":
        page.locator(f".choice-row button[value={lang}]").click()
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
    walk.look("home")
    page.locator("form.site-tile button").first.click()  # « Ma banque », in any language
    expect(page.locator(".persona-card")).to_be_visible()
    walk.look("persona-card")
    page.locator(".screen-card .actions a").click()
    expect(page.get_by_role("heading", name="Accédez à vos comptes")).to_be_visible()
    walk.look("login")
    identifiant, code = (v.strip() for v in page.locator(".side-panel dd").all_inner_texts()[:2])
    page.get_by_role("textbox", name=re.compile("^Identifiant")).fill(identifiant)
    for digit in code:
        page.locator("#imageclavier").get_by_role("button", name=digit, exact=True).click()
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", name="Synthèse de vos comptes")).to_be_visible()
    walk.look("synthese")
    assert "684,27" in balance(page, "Compte Courant Postal")
    assert "1 846,72" in balance(page, "Livret A")

    # Mon virement de la CAF est-il arrivé ?
    page.get_by_role("link", name="Compte Courant Postal").click()
    page.get_by_label("Rechercher une opération").fill("CAF")
    page.get_by_role("button", name=re.compile("Rechercher|Afficher")).click()
    expect(page.get_by_role("link", name="VIREMENT DE CAF").first).to_be_visible()
    walk.look("history-caf")
    page.get_by_role("link", name="VIREMENT DE CAF").first.click()
    expect(page.get_by_text("Virement reçu")).to_be_visible()
    walk.look("operation")

    # 50 € from the Livret A to the compte courant
    walk.menu("Virements")
    expect(page.get_by_role("heading", name="Effectuer un virement")).to_be_visible()
    walk.look("transfer-form")
    page.get_by_label("Compte à débiter").select_option(
        label=page.get_by_label("Compte à débiter").get_by_role(
            "option", name=re.compile("^LIVRET A")).inner_text())
    page.get_by_label("Compte à créditer").select_option(
        label=page.get_by_label("Compte à créditer").get_by_role(
            "option", name=re.compile("^CCP")).inner_text())
    page.get_by_label("Montant").fill("50")
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", name="Vérifiez votre virement avant de le confirmer")
           ).to_be_visible()
    walk.look("transfer-review")
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Votre demande de virement a été enregistrée")
    walk.look("transfer-receipt")
    page.get_by_role("link", name="Retour à mes comptes").click()
    assert "734,27" in balance(page, "Compte Courant Postal")
    assert "1 796,72" in balance(page, "Livret A")
    page.get_by_role("link", name="Livret A").click()
    expect(page.get_by_text("VIREMENT POUR MME DURAND MARTINE").first).to_be_visible()

    # Add Sophie as a beneficiary, confirmed with the SMS code
    walk.menu("Bénéficiaires")
    page.get_by_role("link", name="Ajouter un bénéficiaire").click()
    page.get_by_role("radio", name="Non").check()
    walk.look("beneficiary-country")
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Nom du bénéficiaire").fill("Sophie Durand")
    iban = SOPHIE_IBAN.replace(" ", "")[2:]
    position = 0
    for number, length in enumerate(BOXES, 1):
        page.get_by_label(f"IBAN, case {number} sur 7, {length} caractères").fill(
            iban[position:position + length])
        position += length
    walk.look("beneficiary-details")
    page.get_by_role("button", name="Valider").click()
    page.get_by_role("button", name="Confirmer la création").click()
    # The code page first: the phone button of the page before would open a phone about to go.
    expect(page.get_by_label("Veuillez saisir votre code de validation reçu par SMS")
           ).to_be_visible()
    sms_code = walk.code_from_phone("ajouter un bénéficiaire")
    page.get_by_label("Veuillez saisir votre code de validation reçu par SMS").fill(sms_code)
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_text("Votre bénéficiaire a bien été enregistré")).to_be_visible()
    walk.look("beneficiary-added")

    # Pay the rent to the landlord, confirmed by SMS code
    walk.menu("Virements")
    page.get_by_label("Compte à débiter").select_option(
        label=page.get_by_label("Compte à débiter").get_by_role(
            "option", name=re.compile("^CCP")).inner_text())
    page.get_by_label("Compte à créditer").select_option(label="SCI LES TILLEULS - Loyer")
    page.get_by_label("Montant").fill("520")
    page.get_by_label("Motif").fill("Loyer décembre")
    page.get_by_role("button", name="Valider").click()
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("heading", name="Validez votre virement")).to_be_visible()
    walk.look("transfer-code")
    rent_code = walk.code_from_phone("valider votre virement")
    page.get_by_label("Veuillez saisir votre code de validation reçu par SMS").fill(rent_code)
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Votre demande de virement a été enregistrée")
    page.get_by_role("link", name="Retour à mes comptes").click()
    assert "214,27" in balance(page, "Compte Courant Postal")

    # Lock the card, then unlock it
    walk.menu("Cartes")
    visa = page.get_by_role("article", name="Visa Classic")
    visa.get_by_role("button", name="Verrouiller temporairement ma carte").click()
    expect(visa.get_by_role("status")).to_contain_text("Votre carte est verrouillée")
    walk.look("card-locked")
    visa.get_by_role("button", name="Déverrouiller ma carte").click()
    expect(visa.get_by_role("status")).to_contain_text("Votre carte est déverrouillée")

    # The RIB, downloaded
    walk.menu("RIB")
    walk.look("rib-choice")
    page.get_by_role("combobox", name="Compte").select_option(index=1)
    page.get_by_role("button", name="Afficher le RIB").click()
    expect(page.get_by_text("DOCUMENT FICTIF – EXERCICE").first).to_be_visible()
    walk.look("rib")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Télécharger le RIB")).click()
    assert download.value.suggested_filename.endswith(".pdf")

    # « Terminer »: the world goes, and the old cookie only gets the home page
    old_cookies = page.context.cookies()
    page.locator("form[action='/seance/terminer'] button").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Bonjour !")).to_be_visible()
    thief = page.context.browser.new_context(base_url=base_url)
    thief.add_cookies(old_cookies)
    stolen = thief.new_page()
    stolen.goto("/sites/banque/synthese")
    expect(stolen.get_by_role("heading", name="Bonjour !")).to_be_visible()
    thief.close()
    origins = {urlsplit(u)._replace(path="", query="", fragment="").geturl()
               for u in page.requests_seen}
    assert origins == {base_url}
