"""A learner adds her daughter Sophie as a beneficiary: the IBAN read on her papers, typed box
by box, the code read on the simulated phone. Also: a pasted IBAN spreads over the boxes, and
each mistake is explained. Role and label locators; axe on every page, errors shown included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from kiosk.server_process import LiveServer
from tests.conftest import TEST_TODAY, shift_to_noon
from tests.e2e.conftest import KIOSK_VIEWPORT, log_in, start_bank
from tests.support.axe import assert_no_violations

BOX_LENGTHS = (2, 4, 4, 4, 4, 4, 3)


def iban_box(page: Page, number: int):
    return page.get_by_label(f"IBAN, case {number} sur 7, {BOX_LENGTHS[number - 1]} caractères")


def sophies_iban_from_her_papers(page: Page) -> str:
    """The learner looks at « Vos papiers » on the persona card, then comes back to the bank."""
    page.goto("/seance/fiche")
    paper = page.get_by_text(re.compile(r"^IBAN : FR76"))
    expect(paper).to_be_visible()
    iban = paper.inner_text().removeprefix("IBAN : ").replace(" ", "")
    page.get_by_role("link", name="Aller sur le site").click()
    expect(page.get_by_role("heading", name="Synthèse de vos comptes")).to_be_visible()
    return iban


def open_add_form(page: Page) -> None:
    page.get_by_role("navigation", name="Menu de l'Espace client").get_by_role(
        "link", name="Bénéficiaires").click()
    expect(page.get_by_role("heading", name="Mes bénéficiaires")).to_be_visible()
    page.get_by_role("link", name="Ajouter un bénéficiaire").click()
    expect(page.get_by_role("heading", name="Ajouter un bénéficiaire")).to_be_visible()


def to_details(page: Page) -> None:
    open_add_form(page)
    page.get_by_role("radio", name="Non").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("group", name="IBAN du bénéficiaire")).to_be_visible()


def read_code_on_the_phone(page: Page) -> str:
    page.get_by_role("button", name=re.compile("Téléphone")).click()
    phone = page.get_by_role("complementary", name="Mon téléphone")
    expect(phone).to_be_visible()
    phone.get_by_role("link", name=re.compile("BQCITOYENNE")).first.click()
    sms = phone.get_by_text(re.compile("votre code de sécurité pour ajouter un bénéficiaire"))
    code = re.search(r"est (\d{6})", sms.inner_text()).group(1)
    phone.get_by_role("button", name="Fermer le téléphone").click()
    expect(phone).to_be_hidden()
    return code


def test_add_sophie_typing_her_iban_box_by_box(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    iban = sophies_iban_from_her_papers(kiosk)
    assert iban == "FR7699503000200002104587208"
    open_add_form(kiosk)
    assert_no_violations(kiosk, "beneficiaries, step 1")
    expect(kiosk.get_by_label("Pays du compte")).to_have_value("FR")

    kiosk.get_by_role("button", name="Continuer").click()
    expect(kiosk.get_by_role("alert")).to_contain_text(
        "Veuillez indiquer si ce compte est à la Banque Citoyenne.")
    assert_no_violations(kiosk, "beneficiaries, step 1 with an error")
    kiosk.get_by_role("radio", name="Non").check()
    kiosk.get_by_role("button", name="Continuer").click()

    expect(kiosk.get_by_role("group", name="IBAN du bénéficiaire")).to_be_visible()
    assert_no_violations(kiosk, "beneficiaries, step 2")
    kiosk.get_by_label("Nom du bénéficiaire").fill("Sophie Durand")
    groups = [iban[2:4], iban[4:8], iban[8:12], iban[12:16], iban[16:20], iban[20:24], iban[24:]]
    groups[4] = "0201"  # a slip of the finger: two digits swapped
    iban_box(kiosk, 1).click()
    for number, group in enumerate(groups, 1):
        expect(iban_box(kiosk, number)).to_be_focused()  # a full box moves on by itself
        kiosk.keyboard.type(group)
    kiosk.get_by_label("Intitulé du compte").fill("Ma fille")
    kiosk.get_by_role("button", name="Valider").click()

    expect(kiosk.get_by_role("alert")).to_contain_text(
        "L'IBAN que vous avez saisi est erroné, veuillez vérifier votre saisie.")
    expect(iban_box(kiosk, 5)).to_have_value("0201")
    expect(iban_box(kiosk, 5)).to_have_attribute("aria-invalid", "true")
    expect(kiosk.get_by_label("Nom du bénéficiaire")).to_have_value("Sophie Durand")
    assert_no_violations(kiosk, "beneficiaries, step 2 with a wrong IBAN")
    iban_box(kiosk, 5).fill("0210")
    kiosk.get_by_role("button", name="Valider").click()

    expect(kiosk.get_by_role("heading", name="Vérifiez les informations du bénéficiaire")
           ).to_be_visible()
    expect(kiosk.get_by_text("FR76 9950 3000 2000 0210 4587 208", exact=True)).to_be_visible()
    assert_no_violations(kiosk, "beneficiaries, summary")
    kiosk.get_by_role("button", name="Confirmer la création").click()

    code_field = kiosk.get_by_label("Veuillez saisir votre code de validation reçu par SMS")
    expect(code_field).to_be_visible()
    assert_no_violations(kiosk, "beneficiaries, SMS code")
    code = read_code_on_the_phone(kiosk)
    code_field.fill("000000" if code != "000000" else "111111")
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_role("alert")).to_contain_text(
        "Le code de sécurité que vous avez saisi est erroné. Attention, il vous reste 2 essais.")
    assert_no_violations(kiosk, "beneficiaries, wrong SMS code")
    code_field.fill(code)
    kiosk.get_by_role("button", name="Valider").click()

    expect(kiosk.get_by_role("status")).to_have_text(re.compile(
        r"Votre bénéficiaire a bien été enregistré\.\s+Il est dès maintenant utilisable\."))
    assert_no_violations(kiosk, "beneficiaries, added")
    kiosk.get_by_role("link", name="Voir mes bénéficiaires").click()
    sophie = kiosk.get_by_role("listitem").filter(has_text="Sophie Durand")
    expect(sophie).to_contain_text("Ma fille")
    expect(sophie).to_contain_text("Actif")
    expect(sophie.get_by_role("link", name="Faire un virement à Sophie Durand")).to_be_visible()


def test_a_pasted_iban_spreads_over_the_boxes_in_capitals(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    to_details(kiosk)
    iban_box(kiosk, 1).focus()
    kiosk.evaluate("""text => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        document.activeElement.dispatchEvent(
            new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    }""", "FR82 9950 1001 0004 5821 3k02 049")
    values = ["82", "9950", "1001", "0004", "5821", "3K02", "049"]
    for number, value in enumerate(values, 1):
        expect(iban_box(kiosk, number)).to_have_value(value)
    expect(iban_box(kiosk, 7)).to_be_focused()
    # Backspace in an emptied box goes back to the box before.
    iban_box(kiosk, 7).fill("")
    kiosk.keyboard.press("Backspace")
    expect(iban_box(kiosk, 6)).to_be_focused()
    expect(iban_box(kiosk, 6)).to_have_value("3K0")
    kiosk.keyboard.type("2049")
    expect(iban_box(kiosk, 7)).to_have_value("049")

    # Her own current account: refused, with what was pasted kept.
    kiosk.get_by_label("Nom du bénéficiaire").fill("Moi")
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_role("alert")).to_contain_text("Ce compte est le vôtre")
    expect(iban_box(kiosk, 6)).to_have_value("3K02")
    assert_no_violations(kiosk, "beneficiaries, own account refused")


def test_a_letter_in_a_digit_box_and_an_incomplete_iban_are_pointed_at(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    to_details(kiosk)
    kiosk.get_by_label("Nom du bénéficiaire").fill("<b>Sophie</b>")
    for number, group in enumerate(["76", "99S0", "3000", "2000", "0210", "4587", "208"], 1):
        iban_box(kiosk, number).fill(group)
    kiosk.get_by_role("button", name="Valider").click()
    alert = kiosk.get_by_role("alert")
    expect(alert).to_contain_text(
        "Le format de l'IBAN est incorrect : la case 2 ne doit contenir que des chiffres.")
    expect(alert).to_contain_text("Le nom du bénéficiaire contient des caractères non autorisés.")
    expect(kiosk.get_by_label("Nom du bénéficiaire")).to_have_value("<b>Sophie</b>")
    expect(iban_box(kiosk, 2)).to_have_accessible_description(
        re.compile("la case 2 ne doit contenir que des chiffres"))
    assert_no_violations(kiosk, "beneficiaries, letter in a digit box")

    kiosk.get_by_label("Nom du bénéficiaire").fill("Sophie Durand")
    iban_box(kiosk, 2).fill("9950")
    iban_box(kiosk, 6).fill("45")
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_role("alert")).to_contain_text(
        "Veuillez saisir l'IBAN complet. La case 6 doit contenir 4 caractères.")
    expect(iban_box(kiosk, 6)).to_have_attribute("aria-invalid", "true")
    expect(iban_box(kiosk, 5)).not_to_have_attribute("aria-invalid", "true")
    assert_no_violations(kiosk, "beneficiaries, incomplete IBAN")


def test_three_wrong_codes_cancel_the_addition(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    to_details(kiosk)
    kiosk.get_by_label("Nom du bénéficiaire").fill("Sophie Durand")
    for number, group in enumerate(["76", "9950", "3000", "2000", "0210", "4587", "208"], 1):
        iban_box(kiosk, number).fill(group)
    kiosk.get_by_role("button", name="Valider").click()
    kiosk.get_by_role("button", name="Confirmer la création").click()
    code_field = kiosk.get_by_label("Veuillez saisir votre code de validation reçu par SMS")
    expect(code_field).to_be_visible()  # the new page, before its phone is opened
    code = read_code_on_the_phone(kiosk)
    wrong = "000000" if code != "000000" else "111111"
    for attempts_left in ("2 essais", "1 essai"):
        code_field.fill(wrong)
        kiosk.get_by_role("button", name="Valider").click()
        expect(kiosk.get_by_role("alert")).to_contain_text(f"il vous reste {attempts_left}.")
    code_field.fill(wrong)
    kiosk.get_by_role("button", name="Valider").click()

    expect(kiosk.get_by_role("heading", name="Ajout du bénéficiaire annulé")).to_be_visible()
    expect(kiosk.get_by_role("alert")).to_contain_text("Aucun bénéficiaire n'a été enregistré.")
    assert_no_violations(kiosk, "beneficiaries, addition cancelled")
    kiosk.get_by_role("link", name="Voir mes bénéficiaires").click()
    expect(kiosk.get_by_role("heading", name="Mes bénéficiaires")).to_be_visible()
    expect(kiosk.get_by_role("listitem").filter(has_text="Sophie Durand")).to_have_count(0)


@pytest.fixture(scope="module")
def server_with_an_activation_delay(tmp_path_factory):
    """A kiosk where a new beneficiary stays « en cours d'activation » for an hour."""
    server = LiveServer(tmp_path_factory.mktemp("kiosk-delay"), {
        "SIMULATOR_TODAY": TEST_TODAY, "SIMULATOR_SEED": "1234",
        "BANQUE_BENEFICIARY_ACTIVATION_MINUTES": "60",
        "SIMULATOR_CLOCK_SHIFT_SECONDS": shift_to_noon()}).start()  # an hour later: same day
    yield server
    server.stop()


def test_with_an_activation_delay_the_new_beneficiary_waits(browser: Browser,
                                                            server_with_an_activation_delay):
    context = browser.new_context(base_url=server_with_an_activation_delay.url,
                                  viewport=KIOSK_VIEWPORT, locale="fr-FR", has_touch=True)
    page = context.new_page()
    page.goto("/")
    start_bank(page)
    log_in(page)
    to_details(page)
    page.get_by_label("Nom du bénéficiaire").fill("Sophie Durand")
    for number, group in enumerate(["76", "9950", "3000", "2000", "0210", "4587", "208"], 1):
        iban_box(page, number).fill(group)
    page.get_by_role("button", name="Valider").click()
    page.get_by_role("button", name="Confirmer la création").click()
    code_field = page.get_by_label("Veuillez saisir votre code de validation reçu par SMS")
    expect(code_field).to_be_visible()  # the new page, before its phone is opened
    code_field.fill(read_code_on_the_phone(page))
    page.get_by_role("button", name="Valider").click()

    expect(page.get_by_role("status")).to_have_text(re.compile(
        r"Votre bénéficiaire a bien été enregistré\.\s+Il est en cours d'activation\."))
    expect(page.get_by_text(re.compile("vous pourrez lui faire un virement à partir du "
                                       "26/11/2026"))).to_be_visible()
    assert_no_violations(page, "beneficiaries, added with a delay")
    page.get_by_role("link", name="Voir mes bénéficiaires").click()
    sophie = page.get_by_role("listitem").filter(has_text="Sophie Durand")
    expect(sophie).to_contain_text("En cours d'activation")
    expect(sophie.get_by_role("link")).to_have_count(0)
    assert_no_violations(page, "beneficiaries, one being activated")
    context.close()
