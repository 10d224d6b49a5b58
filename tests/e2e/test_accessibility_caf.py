"""axe-core (WCAG 2.2 AA, target-size on) over every page and state of the CAF replica, in French
and in Arabic (right-to-left chrome), and once in the high-contrast display: the login and its
errors, the choice of the code and the code's errors, « Mot de passe oublié », every step of the
declaration with its errors, the confirmation, « déjà déclaré », the payments, the attestations,
the changes of situation and the estimate, with their errors and results."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import choose_display, choose_language
from tests.e2e.test_impots_walkthrough import card_values
from tests.support.axe import assert_no_violations

VARIANTS = [("fr", "normal"), ("ar", "normal"), ("ar", "contrast")]


def start_caf(page: Page) -> None:
    page.locator("form.site-tile button", has_text="CAF").click()
    page.locator(".screen-card .actions a").click()
    expect(page.locator("#nir")).to_be_visible()


def check(page: Page, where: str, expected) -> None:
    expect(expected).to_be_visible()
    assert_no_violations(page, where)


def log_in(page: Page, where: str) -> None:
    nir, password = card_values(page)[:2]
    page.locator("#nir").fill("2980269388047")
    page.locator("#password").fill(password)
    page.get_by_role("button", name="Me connecter").click()
    check(page, f"login error {where}", page.locator("#login-error"))
    page.locator("#nir").fill(nir)
    page.locator("#password").fill(password)
    page.get_by_role("button", name="Me connecter").click()
    check(page, f"code choice {where}", page.locator("#canal-sms"))
    page.get_by_role("button", name="Recevoir le code").click()
    check(page, f"code choice error {where}", page.locator("#code-error"))
    page.locator("label[for=canal-email]").click()
    page.get_by_role("button", name="Recevoir le code").click()
    check(page, f"code entry {where}", page.locator("#code"))
    page.locator("#code").fill("12345")
    page.get_by_role("button", name="Valider").click()
    check(page, f"code error {where}", page.locator("#code-error"))
    page.locator("#mail-button").click()
    page.locator("#mail-screen .mail-list__item", has_text="code de vérification").first.click()
    body = page.locator("#mail-screen .mail-view__body").inner_text()
    page.locator("#mail-drawer [data-drawer-close]").click()
    code = next(word.strip(".") for word in body.split() if word.strip(".").isdigit()
                and len(word.strip(".")) == 6)
    page.locator("#code").fill(code)
    page.get_by_role("button", name="Valider").click()
    check(page, f"account {where}", page.get_by_role("heading", name="Bonjour Nadia"))


@pytest.mark.parametrize("lang, display", VARIANTS)
def test_the_login_and_the_declaration_have_no_violations(kiosk: Page, lang, display):
    page = kiosk
    choose_language(page, lang)
    choose_display(page, display)
    where = f"({lang}, {display})"
    start_caf(page)
    assert_no_violations(page, f"login {where}")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    check(page, f"forgotten {where}", page.locator("#nir"))
    page.locator("#nir").fill("12")
    page.get_by_role("button", name="Valider").click()
    check(page, f"forgotten error {where}", page.locator(".caf-alert--error"))
    page.get_by_role("link", name="Annuler").click()
    log_in(page, where)
    page.get_by_role("link", name="Déclarer mes ressources trimestrielles").click()
    check(page, f"declaration home {where}", page.get_by_role("button",
                                                              name="Commencer ma déclaration"))
    page.get_by_role("button", name="Commencer ma déclaration").click()
    check(page, f"salaries {where}", page.locator("#salaire_1"))
    page.locator("#salaire_1").fill("douze")
    page.get_by_role("button", name="Suivant").click()
    check(page, f"salaries errors {where}", page.locator("#form-errors"))
    page.locator("#salaire_1").fill("1362,44")
    page.get_by_role("button", name="Suivant").click()
    check(page, f"others {where}", page.locator("#autres-oui"))
    page.get_by_role("button", name="Suivant").click()
    check(page, f"others error {where}", page.locator("#form-errors"))
    page.locator("label[for=autres-oui]").click()
    page.locator("label[for=ressource-pension]").click()
    page.get_by_role("button", name="Suivant").click()
    check(page, f"amounts {where}", page.locator("#pension_1"))
    page.get_by_role("button", name="Suivant").click()
    check(page, f"amounts errors {where}", page.locator("#form-errors"))
    for index in (1, 2, 3):
        page.locator(f"#pension_{index}").fill("150")
    page.get_by_role("button", name="Suivant").click()
    check(page, f"summary {where}", page.locator("#certifie"))
    page.get_by_role("button", name="Valider ma déclaration").click()
    check(page, f"summary error {where}", page.locator("#form-errors"))
    page.locator("label[for=certifie]").click()
    page.get_by_role("button", name="Valider ma déclaration").click()
    check(page, f"confirmation {where}", page.get_by_role(
        "heading", name="Votre déclaration est bien enregistrée"))
    page.get_by_role("link", name="Déclarer mes ressources", exact=True).click()
    check(page, f"already declared {where}", page.get_by_text("Déjà déclaré"))
    page.get_by_role("button", name="Me déconnecter").click()
    check(page, f"logged out {where}", page.get_by_role("link", name="Me reconnecter"))


@pytest.mark.parametrize("lang, display", VARIANTS)
def test_payments_attestations_changes_and_estimate_have_no_violations(kiosk: Page, lang,
                                                                       display):
    page = kiosk
    choose_language(page, lang)
    choose_display(page, display)
    where = f"({lang}, {display})"
    start_caf(page)
    log_in(page, where)
    page.get_by_role("link", name="Mes paiements", exact=True).click()
    check(page, f"payments {where}", page.locator(".caf-table--payments"))
    page.get_by_role("link", name="Mes attestations", exact=True).click()
    check(page, f"attestations {where}", page.locator("#type-paiement"))
    page.get_by_role("button", name="Obtenir l'attestation").click()
    check(page, f"attestations error {where}", page.locator("#form-errors"))
    page.locator("label[for=type-paiement]").click()
    page.locator("label[for=periode-6]").click()
    page.get_by_role("button", name="Obtenir l'attestation").click()
    check(page, f"attestation ready {where}", page.get_by_text("Votre attestation est prête"))
    page.get_by_role("link", name="Changement de situation", exact=True).click()
    check(page, f"changes {where}", page.get_by_role("link",
                                                     name="Déclarer mon changement d'adresse"))
    page.get_by_role("link", name="Déclarer mon changement d'adresse").click()
    check(page, f"address {where}", page.locator("#rue"))
    page.get_by_role("button", name="Valider").click()
    check(page, f"address errors {where}", page.locator("#form-errors"))
    page.locator("#rue").fill("12 rue Anatole-France")
    page.locator("#code_postal").fill("69100")
    page.locator("#commune").fill("Villeurbanne")
    page.locator("#date").fill("23/11/2026")
    page.locator("label[for=logement-locataire]").click()
    page.get_by_role("button", name="Valider").click()
    check(page, f"address done {where}", page.get_by_role(
        "heading", name="Votre changement de situation est enregistré"))
    page.get_by_role("link", name="Changement de situation", exact=True).click()
    page.get_by_role("link", name="Déclarer un nouvel emploi").click()
    page.get_by_role("button", name="Valider").click()
    check(page, f"job errors {where}", page.locator("#form-errors"))
    page.get_by_role("link", name="Estimer mes droits", exact=True).click()
    check(page, f"estimate {where}", page.locator("#revenus"))
    page.locator("#revenus").fill("mille")
    page.get_by_role("button", name="Estimer").click()
    check(page, f"estimate errors {where}", page.locator("#form-errors"))
    page.locator("label[for=couple-non]").click()
    page.locator("label[for=logement-oui]").click()
    page.locator("#enfants").select_option("1")
    page.locator("#revenus").fill("1358,75")
    page.locator("#autres").fill("150")
    page.get_by_role("button", name="Estimer").click()
    check(page, f"estimate result {where}", page.get_by_text("Prime d'activité estimée"))
