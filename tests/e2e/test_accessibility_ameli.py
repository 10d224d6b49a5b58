"""axe-core (WCAG 2.2 AA, target-size on) over every page and state of the ameli replica, in
French and in Arabic (right-to-left chrome): the login and its errors, the six boxes and their
errors, the locked account, « Code personnel oublié ? », the space (paiements, a detail,
démarches, the attestation, each step of the lost carte Vitale and its errors, the bank details
and their errors, the messagerie and a message), the logout, and FranceConnect's choice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import choose_language
from tests.e2e.test_ameli_walkthrough import boxes, code_from_mailbox, identify, start_ameli
from tests.support.axe import assert_no_violations


def type_code(page: Page, code: str) -> None:
    boxes(page).first.tap()
    for digit in code:
        page.keyboard.press(digit)
    page.get_by_role("button", name="Valider").tap()


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_login_its_code_and_the_lock_have_no_violations(kiosk: Page, lang):
    page = kiosk
    choose_language(page, lang)
    start_ameli(page)
    assert_no_violations(page, f"login ({lang})")
    page.get_by_role("textbox", name="Numéro de sécurité sociale").fill("298026")
    page.get_by_role("button", name="Se connecter").tap()
    expect(page.locator("#login-error")).to_be_visible()
    assert_no_violations(page, f"login error ({lang})")
    identify(page)
    assert_no_violations(page, f"the six boxes ({lang})")
    code = code_from_mailbox(page)
    type_code(page, code[:5])
    expect(page.locator("#code-error")).to_be_visible()
    assert_no_violations(page, f"5-digit code ({lang})")
    page.get_by_role("button", name="Recevoir un nouveau code").tap()
    expect(page.get_by_text("Un nouveau code de sécurité vient")).to_be_visible()
    assert_no_violations(page, f"new code sent ({lang})")
    wrong = f"{(int(code_from_mailbox(page)) + 1) % 1_000_000:06d}"
    for left in ("Il vous reste 2 essais.", "Il vous reste 1 essai."):
        type_code(page, wrong)
        expect(page.get_by_text(left)).to_be_visible()
    assert_no_violations(page, f"wrong code ({lang})")
    type_code(page, wrong)
    expect(page.get_by_text("Votre compte ameli est verrouillé")).to_be_visible()
    assert_no_violations(page, f"locked ({lang})")
    page.get_by_role("link", name="Code personnel oublié ?").tap()
    expect(page.get_by_role("heading", name="Code personnel oublié ou compte verrouillé")
           ).to_be_visible()
    assert_no_violations(page, f"code personnel oublié ({lang})")
    page.goto("/sites/ameli/connexion")
    page.get_by_role("link", name="S'identifier avec FranceConnect").tap()
    expect(page.get_by_role("heading", name="ameli.fr")).to_be_visible()
    assert_no_violations(page, f"FranceConnect's choice for ameli ({lang})")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_space_and_its_procedures_have_no_violations(kiosk: Page, lang):
    page = kiosk
    choose_language(page, lang)
    start_ameli(page)
    identify(page)
    type_code(page, code_from_mailbox(page))
    expect(page.get_by_role("heading", name="Bonjour Nadia FERRAND")).to_be_visible()
    assert_no_violations(page, f"home ({lang})")
    page.get_by_role("link", name="Mes paiements", exact=True).tap()
    expect(page.get_by_role("heading", name="Mes paiements")).to_be_visible()
    assert_no_violations(page, f"paiements ({lang})")
    page.get_by_role("link", name="Consultation médecin généraliste").tap()
    expect(page.locator("#replica").get_by_text("Base de remboursement", exact=True)
           ).to_be_visible()
    assert_no_violations(page, f"a reimbursement ({lang})")
    page.get_by_role("link", name="Mes démarches", exact=True).tap()
    expect(page.get_by_role("heading", name="Mes démarches")).to_be_visible()
    assert_no_violations(page, f"démarches ({lang})")
    page.get_by_role("link", name="Obtenir une attestation de droits").tap()
    expect(page.get_by_role("heading", name="Pour qui voulez-vous l'attestation ?")
           ).to_be_visible()
    assert_no_violations(page, f"attestation ({lang})")
    page.goto("/sites/ameli/demarches/carte-vitale")
    assert_no_violations(page, f"carte Vitale, motif ({lang})")
    page.get_by_role("button", name="Continuer").tap()
    expect(page.locator("#card-error")).to_be_visible()
    assert_no_violations(page, f"carte Vitale, no motif ({lang})")
    page.get_by_role("radio", name="Perte").check()
    page.get_by_role("button", name="Continuer").tap()
    page.get_by_role("button", name="Confirmer la déclaration").tap()
    expect(page.locator("#card-error")).to_be_visible()
    assert_no_violations(page, f"carte Vitale, not ticked ({lang})")
    page.get_by_role("checkbox", name="Je certifie").check()
    page.get_by_role("button", name="Confirmer la déclaration").tap()
    expect(page.get_by_text("nouvelle carte Vitale est commandée")).to_be_visible()
    assert_no_violations(page, f"carte Vitale, ordered ({lang})")
    page.goto("/sites/ameli/demarches/coordonnees-bancaires")
    assert_no_violations(page, f"bank details ({lang})")
    page.locator("#ibans1").fill("7A")
    page.get_by_role("button", name="Enregistrer").tap()
    expect(page.locator("#form-errors")).to_be_visible()
    assert_no_violations(page, f"bank details, errors ({lang})")
    page.get_by_role("link", name="Ma messagerie", exact=True).tap()
    assert_no_violations(page, f"messagerie ({lang})")
    page.get_by_role("link", name="Écrire un message").tap()
    page.get_by_role("button", name="Envoyer").tap()
    expect(page.locator("#form-errors")).to_be_visible()
    assert_no_violations(page, f"new message, errors ({lang})")
    page.get_by_label("Objet de votre message").select_option("carte_vitale")
    page.get_by_label("Votre message", exact=True).fill("Quand vais-je recevoir ma carte ?")
    page.get_by_role("button", name="Envoyer").tap()
    expect(page.get_by_text("Votre message a bien été envoyé")).to_be_visible()
    assert_no_violations(page, f"message sent ({lang})")
    page.get_by_role("link", name="Mon message").tap()
    expect(page.get_by_text("Quand vais-je recevoir ma carte ?")).to_be_visible()
    assert_no_violations(page, f"a message ({lang})")
    page.get_by_role("button", name="Se déconnecter").tap()
    expect(page.get_by_text("Vous êtes déconnecté(e)")).to_be_visible()
    assert_no_violations(page, f"logged out ({lang})")
