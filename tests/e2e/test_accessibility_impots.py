"""axe-core (WCAG 2.2 AA, target-size on) over every page and state of the tax replica,
FranceConnect, the mailbox and the look-alike refund page, in French and in Arabic
(right-to-left chrome), in the normal and the high-contrast display: the pages, their errors,
the « Où trouver … ? » help opened, the mailbox drawer (list, an e-mail, spam), the banner of a
new e-mail, every step of the declaration."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import choose_display, choose_language
from tests.e2e.test_impots_walkthrough import card_values
from tests.support.axe import assert_no_violations
from tests.support.impots import ACCESS, EMAIL, FISCAL, PASSWORD, RFR

# French and Arabic (right-to-left), and the high contrast once (in Arabic): the bank's sweep
# already runs every combination over the kiosk's own chrome.
VARIANTS = [("fr", "normal"), ("ar", "normal"), ("ar", "contrast")]


def start_taxes(page: Page) -> None:
    page.locator("form.site-tile:has(input[value=impots]) button").click()
    page.locator(".screen-card .actions a").click()
    expect(page.locator("#spi")).to_be_visible()


@pytest.mark.parametrize("lang, display", VARIANTS)
def test_creating_the_space_and_the_mailbox_have_no_violations(kiosk: Page, lang, display):
    page = kiosk
    choose_language(page, lang)
    choose_display(page, display)
    where = f"({lang}, {display})"
    start_taxes(page)
    assert_no_violations(page, f"login {where}")
    page.locator("details.imp-help summary").click()
    assert_no_violations(page, f"login, help open {where}")
    page.locator("#spi").fill("301284")
    page.locator("#continuer").click()
    expect(page.locator("#login-error")).to_be_visible()
    assert_no_violations(page, f"login error {where}")
    page.locator("#spi").fill(FISCAL)
    page.locator("#continuer").click()
    expect(page.locator("#acces")).to_be_visible()
    assert_no_violations(page, f"creation {where}")
    page.locator("#acces").fill("12")
    page.locator("#rfr").fill("12,5")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#form-errors")).to_be_visible()
    assert_no_violations(page, f"creation errors {where}")
    page.locator("#acces").fill(ACCESS)
    page.locator("#rfr").fill(RFR)
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#email")).to_be_visible()
    page.locator("#email").fill("nadia")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#form-errors")).to_be_visible()
    assert_no_violations(page, f"e-mail and password, errors {where}")
    for field, value in (("#email", EMAIL), ("#email_confirmation", EMAIL), ("#pwd", PASSWORD),
                         ("#pwd_confirmation", PASSWORD)):
        page.locator(field).fill(value)
    page.get_by_role("button", name="Valider").click()
    expect(page.locator(".mail-toast")).to_be_visible()
    assert_no_violations(page, f"e-mail sent, new e-mail banner {where}")
    page.locator("#mail-button").click()
    expect(page.locator("#mail-screen .mail-list")).to_be_visible()
    assert_no_violations(page, f"mailbox drawer {where}")
    page.locator("#mail-screen .mail-list__item").first.click()
    expect(page.locator("#mail-screen .mail-view")).to_be_visible()
    assert_no_violations(page, f"an e-mail {where}")
    page.locator("#mail-screen .mail-view__actions button").nth(1).click()  # report as spam
    page.locator("#mail-screen .mail-folders__link").nth(1).click()
    expect(page.locator("#mail-screen .mail-list")).to_be_visible()
    assert_no_violations(page, f"spam folder {where}")
    page.locator("#mail-screen .mail-list__item").first.click()
    page.locator("#mail-screen a.mail-view__link").click()
    expect(page.get_by_text("Votre espace particulier est activé")).to_be_visible()
    assert_no_violations(page, f"activated {where}")
    page.goto(page.url)  # the same link again
    expect(page.get_by_text("Lien déjà utilisé")).to_be_visible()
    assert_no_violations(page, f"link used twice {where}")


def log_in(page: Page) -> None:
    page.goto("/sites/impots/connexion")
    page.locator("#spi").fill(FISCAL)
    page.locator("#continuer").click()
    page.locator("#pwd").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.locator(".imp-tiles")).to_be_visible()


def create_and_activate(page: Page) -> None:
    page.locator("#spi").fill(FISCAL)
    page.locator("#continuer").click()
    page.locator("#acces").fill(ACCESS)
    page.locator("#rfr").fill(RFR)
    page.get_by_role("button", name="Continuer").click()
    for field, value in (("#email", EMAIL), ("#email_confirmation", EMAIL), ("#pwd", PASSWORD),
                         ("#pwd_confirmation", PASSWORD)):
        page.locator(field).fill(value)
    page.get_by_role("button", name="Valider").click()
    page.locator(".mail-toast__open").click()
    page.locator("#mail-screen a.mail-view__link").click()
    expect(page.get_by_text("Votre espace particulier est activé")).to_be_visible()


@pytest.mark.parametrize("lang, display", VARIANTS)
def test_the_space_and_every_step_of_the_declaration_have_no_violations(kiosk: Page, lang,
                                                                          display):
    page = kiosk
    choose_language(page, lang)
    choose_display(page, display)
    where = f"({lang}, {display})"
    start_taxes(page)
    create_and_activate(page)
    page.goto("/sites/impots/connexion")
    page.locator("#spi").fill(FISCAL)
    page.locator("#continuer").click()
    page.locator("#pwd").fill("Lilas0000")
    page.get_by_role("button", name="Connexion").click()
    expect(page.locator("#login-error")).to_be_visible()
    assert_no_violations(page, f"wrong password {where}")
    log_in(page)
    assert_no_violations(page, f"dashboard {where}")
    page.goto("/sites/impots/declaration")
    assert_no_violations(page, f"declaration home {where}")
    page.get_by_role("button", name="Commencer ma déclaration").click()
    for title in ("État civil et adresse", "Situation de famille", "Personnes à charge",
                  "Revenus : traitements et salaires", "Charges : sélection des rubriques"):
        expect(page.locator("#step-title")).to_have_text(title)
        assert_no_violations(page, f"{title} {where}")
        if title.startswith("Charges"):
            page.locator("#rubrique-garde").check()
        page.get_by_role("button", name="Suivant").click()
    page.locator("#case_7ga").fill("2 460,50")
    page.get_by_role("button", name="Suivant").click()
    expect(page.locator("#form-errors")).to_be_visible()
    assert_no_violations(page, f"7GA error {where}")
    page.locator("#case_7ga").fill("2460")
    page.get_by_role("button", name="Suivant").click()
    expect(page.locator("#montant-impot")).to_be_visible()
    assert_no_violations(page, f"summary {where}")
    page.locator("#signer").click()
    expect(page.get_by_role("heading", name="Accusé de réception")).to_be_visible()
    assert_no_violations(page, f"accusé de réception {where}")
    for path in ("/sites/impots/declaration", "/sites/impots/documents",
                 "/sites/impots/documents?annee=2025", "/sites/impots/prelevement",
                 "/sites/impots/profil", "/sites/impots/profil?modifier=adresse",
                 "/sites/impots/profil?modifier=mot-de-passe", "/sites/impots/mot-de-passe-oublie"):
        page.goto(path)
        assert_no_violations(page, f"{path} {where}")
    page.goto("/sites/impots/prelevement")
    page.get_by_role("button", name="Déclarer ce changement").click()
    expect(page.locator("#form-errors")).to_be_visible()
    assert_no_violations(page, f"PAS errors {where}")


@pytest.mark.parametrize("lang, display", VARIANTS)
def test_franceconnect_and_the_look_alike_have_no_violations(kiosk: Page, lang, display):
    page = kiosk
    choose_language(page, lang)
    choose_display(page, display)
    where = f"({lang}, {display})"
    start_taxes(page)
    nir, secret = card_values(page)[1:3]
    page.locator(".fc-connect__button").click()
    expect(page.locator(".fc-providers")).to_be_visible()
    assert_no_violations(page, f"FranceConnect choice {where}")
    page.locator("#fi-yris").click()
    expect(page.locator("#fc-choice-error")).to_be_visible()
    assert_no_violations(page, f"FranceConnect provider down {where}")
    page.locator("#fi-ameli").click()
    expect(page.locator("#identifiant")).to_be_visible()
    assert_no_violations(page, f"ameli login {where}")
    page.locator("#identifiant").fill("123")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("#idp-error")).to_be_visible()
    assert_no_violations(page, f"ameli login error {where}")
    page.locator("#identifiant").fill(nir)
    page.locator("#mot_de_passe").fill(secret)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text("Vous allez vous connecter en tant que")).to_be_visible()
    assert_no_violations(page, f"FranceConnect continue {where}")
    page.get_by_role("button", name=re.compile("Continuer sur")).click()
    expect(page.locator("#email")).to_be_visible()
    assert_no_violations(page, f"creation through FranceConnect {where}")
    for path in ("/sites/franceconnect/", "/sites/franceconnect/erreur?raison=replayed",
                 "/sites/franceconnect/deconnexion?client_id=impots",
                 "/sites/arnaque_impots/dossier/FR-88412"):
        page.goto(path)
        assert_no_violations(page, f"{path} {where}")
    page.get_by_role("button", name="Recevoir mon remboursement").click()
    expect(page.get_by_text("Merci, votre demande")).to_be_visible()
    assert_no_violations(page, f"look-alike, thanks {where}")
