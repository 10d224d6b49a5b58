"""The tax replica as a new learner meets it, taps only, from the persona's papers alone, in
Autonomie, in French and in Arabic: the space created with the three numbers read on the papers,
the activation e-mail opened, the income declared with the salary of the payslip and the frais de
garde of the crèche's certificate (net of the CAF's help), the récapitulatif's tax equal to an
independent computation, the declaration signed and its accusé de réception found in the mailbox.
Every request stays on the kiosk's origin. Then FranceConnect: a return stolen by another session,
or played twice, is refused with FranceConnect's error page."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import KIOSK_VIEWPORT

NBSP = "\u00a0"


def choose_language(page: Page, lang: str) -> None:
    if lang != "fr":
        page.locator(f".choice-row button[value={lang}]").tap()
        expect(page.locator("html")).to_have_attribute("lang", lang)


def paper_fields(page: Page, title: str) -> dict[str, str]:
    """Open « Mes documents », then the paper whose title starts with ``title``: its fields."""
    page.locator("#papers-button").tap()
    page.locator("#papers-screen .papers-list__open", has_text=title).tap()
    sheet = page.locator("#papers-screen .paper-sheet")
    expect(sheet).to_be_visible()
    labels = sheet.locator("dt").all_inner_texts()
    values = sheet.locator("dd").all_inner_texts()
    page.locator("#papers-drawer [data-drawer-close]").tap()
    expect(page.locator("#papers-drawer")).to_be_hidden()
    return dict(zip(labels, values, strict=True))


def digits(text: str) -> str:
    return re.sub(r"\D", "", text.split(",")[0])


def card_values(page: Page) -> list[str]:
    return [v.strip() for v in page.locator(".side-panel .persona-card dd").all_inner_texts()]


def latest_attempt(live_server, scenario_id: str) -> dict:
    with sqlite3.connect(live_server.instance / "kiosk.db") as db:
        db.row_factory = sqlite3.Row
        return dict(db.execute("SELECT * FROM attempts WHERE scenario_id = ? ORDER BY id DESC",
                               [scenario_id]).fetchone())


def next_step(page: Page, title: str) -> None:
    page.get_by_role("button", name="Suivant").tap()
    expect(page.locator("#step-title")).to_have_text(title)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_from_the_papers_to_the_accuse_de_reception(kiosk: Page, live_server, lang):
    page = kiosk
    choose_language(page, lang)
    # The parcours « Mes impôts en ligne », its first exercise, in Autonomie.
    page.locator("a.site-tile__button--parcours[href$='/mes-impots-en-ligne']").tap()
    page.locator(".parcours-item__link").first.tap()
    page.locator("button.mode-card--autonomie").tap()
    page.locator(".screen-card .actions a").tap()
    expect(page.locator("#spi")).to_be_visible()
    password, email = card_values(page)[0], next(v for v in card_values(page) if "@" in v)

    # The three numbers, read on the papers.
    declaration = paper_fields(page, "Déclaration des revenus")
    notice = paper_fields(page, "Avis d'impôt")
    fiscal = digits(declaration["Numéro fiscal (déclarant 1)"])
    assert fiscal == digits(notice["Numéro fiscal"]) and len(fiscal) == 13
    page.locator("#spi").fill(declaration["Numéro fiscal (déclarant 1)"])  # with its spaces
    page.get_by_role("button", name="Continuer").tap()
    page.locator("#acces").fill(declaration["Numéro d'accès en ligne"])
    page.locator("#rfr").fill(notice["Revenu fiscal de référence"])  # « 13 968 € »
    page.get_by_role("button", name="Continuer").tap()
    page.get_by_label("Adresse électronique", exact=True).fill(email)
    page.get_by_label("Confirmation de l'adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_label("Confirmation du mot de passe").fill(password)
    page.get_by_role("button", name="Valider").tap()
    expect(page.get_by_text("Un courriel vous a été envoyé")).to_be_visible()
    expect(page.locator("#coach-panel")).to_have_attribute("data-status", "passed")
    attempt = latest_attempt(live_server, "impots-creer-espace")
    assert (attempt["mode"], attempt["status"], attempt["score"], attempt["lang"]) == (
        "autonomie", "passed", 1.0, lang)

    # The activation e-mail: the banner, the e-mail, its link.
    page.locator(".mail-toast__open").tap()
    mail = page.locator("#mail-screen .mail-view")
    expect(mail).to_contain_text("Activation de votre espace particulier")
    mail.locator("a.mail-view__link").tap()
    expect(page.get_by_text("Votre espace particulier est activé")).to_be_visible()
    page.get_by_role("link", name="Accéder à mon espace").tap()
    page.locator("#spi").fill(fiscal)
    page.get_by_role("button", name="Continuer").tap()
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Connexion").tap()
    expect(page.get_by_text("Bonjour Nadia FERRAND")).to_be_visible()

    # The declaration, with the payslip's salary and the crèche's « reste à votre charge ».
    payslip = paper_fields(page, "Bulletin de paie de décembre")
    salaries = digits(next(v for k, v in payslip.items() if k.startswith("Cumul net imposable")))
    certificate = paper_fields(page, "Attestation fiscale de frais de garde")
    paid = int(digits(certificate["Montant total facturé et payé par la famille"]))
    aid = int(digits(certificate["Aide de la CAF (complément de libre choix du mode de garde)"]))
    left = int(digits(certificate["Reste à votre charge"]))
    assert left == paid - aid
    page.get_by_role("link", name="Déclarer mes revenus").first.tap()
    page.get_by_role("button", name="Commencer ma déclaration").tap()
    expect(page.locator("#step-title")).to_have_text("État civil et adresse")
    next_step(page, "Situation de famille")
    expect(page.get_by_role("checkbox", name=re.compile("case T"))).to_be_checked()
    next_step(page, "Personnes à charge")
    next_step(page, "Revenus : traitements et salaires")
    expect(page.locator("#salaires_1aj")).to_have_value(salaries)  # the pre-fill is right
    next_step(page, "Charges : sélection des rubriques")
    page.get_by_role("checkbox", name=re.compile("Frais de garde")).tap()
    next_step(page, "Frais de garde des enfants de moins de 6 ans")
    page.get_by_label(re.compile("case 7GA")).fill(str(left))
    next_step(page, "Récapitulatif")

    # The tax, computed independently: salaries minus 10 %, 2 parts (single, one child, case T)
    # put the income under the first threshold: no tax; the credit is 50 % of the childcare
    # (under the 3 500 € ceiling), refunded.
    net_income = int(salaries) - round(int(salaries) * 0.10)
    assert net_income / 2 <= 11_497
    refund = round(min(left, 3_500) * 0.5)
    shown = page.locator("#montant-impot").inner_text()
    assert shown == f"{refund:,}".replace(",", NBSP) + f"{NBSP}€" == f"1{NBSP}230{NBSP}€"
    expect(page.get_by_text("Montant qui vous sera remboursé")).to_be_visible()

    # Signed; the accusé de réception on screen, then in the mailbox.
    page.get_by_role("button", name="Signer ma déclaration").tap()
    expect(page.get_by_role("heading", name="Accusé de réception")).to_be_visible()
    reference = page.locator(".imp-facts .imp-digits").inner_text()
    page.locator("#mail-button").tap()
    page.locator("#mail-screen .mail-list__item").first.tap()
    expect(page.locator("#mail-screen .mail-view__subject")).to_contain_text(
        "Accusé de réception de votre déclaration de revenus")
    expect(page.locator("#mail-screen .mail-view__body")).to_contain_text(reference)

    base = urlsplit(live_server.url).netloc
    strangers = [url for url in page.requests_seen if urlsplit(url).netloc != base]
    assert strangers == [], strangers


def start_free(page: Page) -> None:
    """« Mes impôts » on the home page, then the site."""
    page.goto("/")
    page.locator("form.site-tile:has(input[value=impots]) button").tap()
    page.locator(".screen-card .actions a").tap()
    expect(page.locator("#spi")).to_be_visible()


def test_a_franceconnect_return_stolen_or_played_twice_is_refused(browser, live_server):
    owner = browser.new_context(base_url=live_server.url, viewport=KIOSK_VIEWPORT, has_touch=True)
    thief = browser.new_context(base_url=live_server.url, viewport=KIOSK_VIEWPORT, has_touch=True)
    try:
        page = owner.new_page()
        start_free(page)
        nir, secret = card_values(page)[1:3]
        page.get_by_role("link", name="S'identifier avec FranceConnect").tap()
        page.get_by_role("button", name="ameli", exact=True).tap()
        page.get_by_label("Numéro de sécurité sociale").fill(nir)
        page.get_by_label("Mot de passe", exact=True).fill(secret)
        page.get_by_role("button", name="Se connecter").tap()
        with page.expect_request(lambda r: "/franceconnect/retour?" in r.url) as caught:
            page.get_by_role("button", name="Continuer sur impots.gouv.fr").tap()
        stolen = caught.value.url
        expect(page.locator("#step-title, .imp-title").first).to_be_visible()

        other = thief.new_page()
        start_free(other)
        other.goto(stolen)  # pasted by someone else, in another session
        expect(other.get_by_role("heading", name="Une erreur s’est produite")).to_be_visible()
        expect(other.get_by_text("Votre session a expiré ou est invalide")).to_be_visible()
        expect(other.locator("#accederdeconnexion")).to_have_count(0)

        page.goto(stolen)  # the same return, twice
        expect(page.get_by_role("heading", name="Une erreur s’est produite")).to_be_visible()
        expect(page.get_by_text("Une erreur technique est survenue")).to_be_visible()
        forged = re.sub(r"state=[^&]+", "state=fabrique", stolen)
        other.goto(forged)
        expect(other.get_by_text("Erreur Y150001")).to_be_visible()
    finally:
        owner.close()
        thief.close()


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_the_kiosk_bar_keeps_one_row_with_the_mailbox(kiosk: Page, lang):
    """At 1366 px, with the phone, the mailbox and « Mes documents », both with an unread badge
    (Portuguese has the longest words): the tools stay beside the brand."""
    choose_language(kiosk, lang)
    kiosk.locator("form.site-tile:has(input[value=impots]) button").tap()
    kiosk.locator(".screen-card .actions a").tap()
    # The persona card has the kiosk bar too: measure on the replica's page, once it is there.
    expect(kiosk.locator("#replica")).to_be_visible()
    expect(kiosk.locator("#mail-button")).to_be_visible()
    kiosk.wait_for_load_state()
    kiosk.evaluate("""() => { for (const id of ['phone-button', 'mail-button']) {
        const badge = document.createElement('span'); badge.className = 'badge';
        badge.textContent = '2'; document.getElementById(id).appendChild(badge); } }""")
    brand = kiosk.locator(".kiosk-bar__brand").bounding_box()
    tools = kiosk.locator(".kiosk-bar__tools").bounding_box()
    bar = kiosk.locator(".kiosk-bar").bounding_box()
    assert abs(tools["y"] - brand["y"]) < 20 and bar["height"] < 90, (brand, tools, bar)
    assert tools["x"] + tools["width"] <= KIOSK_VIEWPORT["width"]
