"""axe-core (WCAG 2.2 AA, target-size on) over every page and state of France Travail
(simulation), in French and in Arabic (right-to-left chrome), normal and high contrast: the
login and its errors, the lock-out, the recoveries, the dashboard in each state, the
actualisation's three pages with their sub-questions and the « Non » warning, payments,
courriers, documents with « Mes documents » choosing, the messages, the offers and
« Postuler », and the registration's eight steps."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.francetravail_helpers import explore, log_in_from_the_card, start_exercise
from tests.e2e.test_accessibility import DISPLAYS, LANGUAGES, choose_display, choose_language
from tests.support.axe import assert_no_violations

FT = "/sites/francetravail"


class Look:
    def __init__(self, page: Page, lang: str, display: str):
        self.page, self.where = page, f"{lang}, {display}"

    def __call__(self, name: str) -> None:
        self.page.wait_for_function("() => !document.querySelector('.htmx-request')")
        assert_no_violations(self.page, f"France Travail: {name} ({self.where})")


@pytest.fixture(params=[(lang, display) for lang in LANGUAGES for display in DISPLAYS],
                ids=lambda p: f"{p[0]}-{p[1]}")
def look(request, kiosk: Page) -> Look:
    lang, display = request.param
    choose_language(kiosk, lang)
    choose_display(kiosk, display)
    return Look(kiosk, lang, display)


def test_login_lock_out_and_recovery_have_no_violations(look: Look):
    page = look.page
    page.locator("form.site-tile:has(input[value=francetravail]) button").click()
    expect(page.locator(".persona-card").first).to_be_visible()
    look("persona card")
    page.locator(".screen-card .actions a").click()
    look("login, identifiant")
    page.locator("#identifiant").fill("123")
    page.get_by_role("button", name="Poursuivre").click()
    expect(page.locator("#identifiant-error")).to_be_visible()
    look("login, identifiant error")
    page.locator("#identifiant").fill("4827153K")
    page.get_by_role("button", name="Poursuivre").click()
    look("login, password")
    for _ in range(3):
        page.locator("#password").fill("000000")
        page.get_by_role("button", name="Poursuivre").click()
        page.wait_for_function("() => !document.querySelector('.htmx-request')")
        if page.locator("#password-error").count():
            look("login, wrong password")
    expect(page.get_by_text("Votre compte est bloqué suite")).to_be_visible()
    look("login, locked")
    page.get_by_role("link", name="Mot de passe oublié ?").first.click()
    look("forgotten password")
    page.get_by_role("button", name="Recevoir un code par SMS").click()
    look("forgotten password, error")
    page.locator("#identifiant").fill("4827153K")
    page.get_by_role("button", name="Recevoir un code par SMS").click()
    expect(page.locator("#code")).to_be_visible()
    look("new password")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#form-errors")).to_be_visible()
    look("new password, errors")
    page.goto(f"{FT}/identifiant-oublie")
    look("forgotten identifiant")
    page.get_by_role("button", name="Recevoir mon identifiant").click()
    look("forgotten identifiant, errors")
    page.locator("#nir").fill("1 91 06 93 008 245 60")
    page.locator("#naissance").fill("18/06/1991")
    page.get_by_role("button", name="Recevoir mon identifiant").click()
    expect(page.get_by_text("Votre identifiant vous a été envoyé")).to_be_visible()
    look("forgotten identifiant, sent")


def test_the_space_and_the_actualisation_have_no_violations(look: Look):
    page = look.page
    start_exercise(page, "francetravail-actualisation-interim")  # 2 December, logged in
    expect(page.locator(".ft-banner--action")).to_be_visible()
    look("dashboard, actualisation open")
    page.locator("#papers-button").click()
    expect(page.locator("#papers-screen .papers-list")).to_be_visible()
    look("« Mes documents »")
    page.locator("#papers-screen .papers-list__open").nth(2).click()
    expect(page.locator("#papers-screen .paper-sheet")).to_be_visible()
    look("a paper")
    page.locator("#papers-drawer [data-drawer-close]").click()
    page.locator(".ft-banner--action a").click()
    look("actualisation, page 1")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator(".ft-alert--error")).to_be_visible()
    look("actualisation, page 1 unanswered")
    page.locator("label:has(#formationNon)").click()
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#travailBloc")).to_be_visible()
    look("actualisation, page 2")
    page.locator("label:has(#travailOui)").click()
    page.locator("label:has(#rechercheNon)").click()
    expect(page.locator("#recherche-avertissement")).to_be_visible()
    look("actualisation, sub-questions and the « Non » warning open")
    page.locator("#heures").fill("35h")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#form-errors")).to_be_visible()
    look("actualisation, page 2 errors")
    page.locator("#heures").fill("21")
    page.locator("#salaire").fill("248,85")
    for question in ("stage", "maladie", "maternite", "retraite", "invalidite"):
        page.locator(f"label:has(#{question}Non)").click()
    page.locator("label:has(input[name=motif][value=autre])").click()
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#fin-inscription")).to_be_visible()
    look("actualisation, summary with the end of registration")
    page.get_by_role("link", name="Modifier ma déclaration").click()
    page.locator("label:has(#rechercheOui)").click()
    page.get_by_role("button", name="Valider").click()
    page.get_by_role("button", name="Confirmer ma déclaration").click()
    expect(page.get_by_text("Votre déclaration est enregistrée")).to_be_visible()
    look("actualisation, confirmed")
    page.goto(f"{FT}/actualisation")
    look("actualisation, already declared")
    for path, name in [("/accueil", "dashboard, declared"), ("/paiements", "payments"),
                       ("/courriers", "courriers"), ("/courriers?depuis=hier", "courriers, error"),
                       ("/documents", "documents"), ("/messagerie", "messages"),
                       ("/messagerie/nouveau", "message form"), ("/offres", "offers")]:
        page.goto(FT + path)
        look(name)
    page.goto(f"{FT}/paiements")
    page.locator(".ft-table a").first.click()
    expect(page.locator(".ft-letter")).to_be_visible()
    look("an avis de paiement")
    page.goto(f"{FT}/messagerie")
    page.locator(".ft-thread__link").first.click()
    look("a conversation")


def test_documents_messages_and_offers_have_no_violations(look: Look):
    page = look.page
    start_exercise(page, "francetravail-attestation-employeur")
    page.goto(f"{FT}/documents/envoi")
    look("document form")
    page.get_by_role("button", name="Envoyer le document").click()
    expect(page.locator("#form-errors")).to_be_visible()
    look("document form, error")
    page.get_by_label("Type de document").select_option("attestation_employeur")
    page.locator("[data-paper-pick]").click()
    expect(page.locator("#papers-screen [data-papers-choose]").first).to_be_visible()
    look("« Mes documents », choosing")
    page.locator("#papers-screen [data-papers-choose]").nth(1).click()
    page.get_by_label("Période de travail concernée").select_option(index=2)
    page.get_by_role("button", name="Envoyer le document").click()
    expect(page.get_by_text("Votre document a bien été envoyé")).to_be_visible()
    look("documents, sent")
    page.goto(f"{FT}/messagerie/nouveau")
    page.get_by_role("button", name="Envoyer").click()
    look("message form, error")
    page.get_by_label("Objet de votre message").select_option("paiement")
    page.locator("#message").fill("Bonjour")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Votre message a bien été envoyé")).to_be_visible()
    look("messages, sent")
    page.goto(f"{FT}/offres?motsCles=preparateur&lieux=Atlantis")
    look("offers, unknown place")
    page.goto(f"{FT}/offres?motsCles=preparateur+de+commandes&lieux=Aubervilliers&rayon=10")
    look("offers, results")
    page.locator(".ft-offer a").first.click()
    look("an offer")
    page.get_by_role("link", name="Postuler").click()
    look("apply")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator(".ft-alert--error")).to_be_visible()
    look("apply, error")
    page.locator("[data-paper-pick]").click()
    page.locator("#papers-screen [data-papers-choose]").nth(5).click()
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_text("Vérifiez votre candidature")).to_be_visible()
    look("apply, review")
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.get_by_text("Votre candidature a bien été envoyée")).to_be_visible()
    look("apply, sent")


def test_the_registration_has_no_violations(look: Look):
    page = look.page
    start_exercise(page, "francetravail-inscription-debut")
    look("dashboard, not registered")
    page.locator(".ft-banner--warning a").click()
    look("registration, start")
    page.get_by_role("button", name="Je commence mon inscription").click()
    look("registration, step 1")
    page.get_by_role("button", name="Suivant").click()
    expect(page.locator("#form-errors")).to_be_visible()
    look("registration, step 1 errors")
    page.get_by_role("button", name="Enregistrer et quitter").click()
    expect(page.locator(".ft-banner--warning")).to_be_visible()
    look("dashboard, registration to resume")
    start_exercise(page, "francetravail-inscription-fin")  # steps 1–4 done
    page.goto(f"{FT}/inscription")
    look("registration, a draft to resume")
    page.locator(".ft-panel a.ft-button--primary").click()
    look("registration, step 5")
    page.get_by_label("Métier recherché").fill("Préparateur de commandes")
    page.locator("label:has(input[name=contrats][value=cdi])").click()
    page.locator("label:has(input[name=temps][value=plein])").click()
    page.get_by_role("button", name="Suivant").click()
    look("registration, step 6")
    page.get_by_label("Distance maximale").select_option("10")
    page.locator("label:has(input[name=transports][value=commun])").click()
    page.get_by_role("button", name="Suivant").click()
    look("registration, step 7 with the summary and the IBAN boxes")
    page.locator("#ibans1").fill("76")
    page.get_by_role("button", name="Suivant").click()
    expect(page.locator("#iban-error")).to_be_visible()
    look("registration, step 7 errors")
    for number, box in enumerate(["76", "9950", "4003", "1000", "8412", "3755", "135"], 1):
        page.locator(f"#ibans{number}").fill(box)
    page.locator("label:has(#certifie)").click()
    page.get_by_role("button", name="Suivant").click()
    look("registration, step 8")
    page.locator("label:has(input[name=rendez_vous])").first.click()
    page.get_by_role("button", name="Valider mon inscription").click()
    expect(page.get_by_text("Votre inscription est enregistrée")).to_be_visible()
    look("registration, done")


def test_exploring_freely_starts_on_the_login(kiosk: Page):
    explore(kiosk)
    log_in_from_the_card(kiosk)
    assert_no_violations(kiosk, "France Travail: dashboard outside the window")
