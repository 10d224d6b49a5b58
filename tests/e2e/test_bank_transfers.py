"""A learner makes transfers in the browser: 50 € from the Livret A to the compte courant, the
rent paid to SCI LES TILLEULS with the code read on the simulated phone, mistakes explained.
Role and label locators; axe on every page of the flow, errors shown included."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in, start_bank
from tests.support.axe import assert_no_violations


def money(text: str) -> re.Pattern:
    """An amount as the bank prints it (no-break spaces inside), for text matching."""
    return re.compile(re.escape(text).replace(r"\ ", "[\\s\u00a0]"))


def choose(page: Page, label: str, option_starts_with: str) -> None:
    """Pick the option whose text starts with ``option_starts_with`` in the select ``label``."""
    select = page.get_by_label(label)
    option = select.get_by_role("option", name=re.compile("^" + re.escape(option_starts_with)))
    select.select_option(value=option.get_attribute("value"))


def open_transfer_form(page: Page) -> None:
    page.get_by_role("link", name="Faire un virement").click()
    expect(page.get_by_role("heading", name="Effectuer un virement")).to_be_visible()


def account_row(page: Page, account: str):
    """An account of the synthesis: its link, its « Solde »."""
    return page.get_by_role("listitem").filter(has=page.get_by_role("link", name=account))


def test_move_50_euros_from_the_livret_a_to_the_compte_courant(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    expect(account_row(kiosk, "Livret A")).to_contain_text(money("1 846,72 €"))
    open_transfer_form(kiosk)
    assert_no_violations(kiosk, "transfer form")

    choose(kiosk, "Compte à débiter", "LIVRET A")
    choose(kiosk, "Compte à créditer", "CCP")
    kiosk.get_by_label("Montant").fill("50")
    expect(kiosk.get_by_label("Date d'exécution")).to_have_value("26/11/2026")
    kiosk.get_by_role("button", name="Valider").click()

    expect(kiosk.get_by_role("heading", name="Vérifiez votre virement avant de le confirmer")
           ).to_be_visible()
    expect(kiosk.get_by_text(money("50,00 €"), exact=True)).to_be_visible()
    assert_no_violations(kiosk, "transfer confirmation")
    kiosk.get_by_role("button", name="Confirmer").click()

    expect(kiosk.get_by_role("status")).to_contain_text(
        "Votre demande de virement a été enregistrée le 26/11/2026")
    expect(kiosk.get_by_role("status")).to_contain_text(re.compile(r"référence n° \d{10}"))
    assert_no_violations(kiosk, "transfer récapitulatif")
    kiosk.get_by_role("link", name="Retour à mes comptes").click()

    expect(kiosk.get_by_role("heading", name="Synthèse de vos comptes")).to_be_visible()
    expect(account_row(kiosk, "Livret A")).to_contain_text(money("1 796,72 €"))
    expect(account_row(kiosk, "Compte Courant Postal")).to_contain_text(money("734,27 €"))


def test_pay_the_rent_with_the_code_read_on_the_phone(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    kiosk.get_by_role("navigation", name="Menu de l'Espace client").get_by_role(
        "link", name="Virements").click()
    expect(kiosk.get_by_role("heading", name="Effectuer un virement")).to_be_visible()
    choose(kiosk, "Compte à débiter", "CCP")
    kiosk.get_by_label("Compte à créditer").select_option(label="SCI LES TILLEULS - Loyer")
    kiosk.get_by_label("Montant").fill("520")
    kiosk.get_by_label("Motif").fill("Loyer décembre")
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_text("un code de sécurité vous sera envoyé par SMS")).to_be_visible()
    kiosk.get_by_role("button", name="Confirmer").click()

    expect(kiosk.get_by_role("heading", name="Validez votre virement")).to_be_visible()
    assert_no_violations(kiosk, "transfer SMS code")
    code_field = kiosk.get_by_label("Veuillez saisir votre code de validation reçu par SMS")
    code_field.fill("000000")
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_role("alert")).to_contain_text(
        "Le code de sécurité que vous avez saisi est erroné. Il vous reste 2 essais.")
    assert_no_violations(kiosk, "transfer SMS code, wrong code")

    kiosk.get_by_role("button", name=re.compile("Téléphone")).click()
    phone = kiosk.get_by_role("complementary", name="Mon téléphone")
    expect(phone).to_be_visible()
    phone.get_by_role("link", name=re.compile("BQCITOYENNE")).first.click()
    sms = phone.get_by_text(re.compile("votre code de sécurité pour valider votre virement"))
    expect(sms).to_contain_text(money("520,00 € vers SCI LES TILLEULS"))
    code = re.search(r"est (\d{6})", sms.inner_text()).group(1)
    phone.get_by_role("button", name="Fermer le téléphone").click()
    expect(phone).to_be_hidden()

    code_field.fill(code)
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_role("status")).to_contain_text(
        "Votre demande de virement a été enregistrée le 26/11/2026")
    expect(kiosk.get_by_text("SCI LES TILLEULS - Loyer")).to_be_visible()
    assert_no_violations(kiosk, "rent récapitulatif")
    kiosk.get_by_role("link", name="Retour à mes comptes").click()
    expect(account_row(kiosk, "Compte Courant Postal")).to_contain_text(money("164,27 €"))


def test_a_bad_amount_is_explained_next_to_the_field(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    open_transfer_form(kiosk)
    choose(kiosk, "Compte à débiter", "LIVRET A")
    choose(kiosk, "Compte à créditer", "CCP")
    amount = kiosk.get_by_label("Montant")
    amount.fill("abc")
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_role("alert")).to_contain_text("Le montant saisi est incorrect.")
    expect(amount).to_have_value("abc")
    expect(amount).to_have_attribute("aria-invalid", "true")
    expect(amount).to_have_accessible_description(re.compile("Le montant saisi est incorrect."))
    assert_no_violations(kiosk, "transfer form, amount refused")

    amount.fill("0,50")
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_role("alert")).to_contain_text(
        money("Le montant minimum d'une opération sur un Livret A est de 1,50 €."))
    expect(kiosk.get_by_label("Compte à débiter")).to_have_value(
        kiosk.get_by_label("Compte à débiter").get_by_role(
            "option", name=re.compile("^LIVRET A")).get_attribute("value"))
    amount.fill("1,50")
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_role("heading", name="Vérifiez votre virement avant de le confirmer")
           ).to_be_visible()


def test_a_week_end_date_then_modifier_then_annuler(kiosk: Page):
    start_bank(kiosk)
    log_in(kiosk)
    open_transfer_form(kiosk)
    choose(kiosk, "Compte à débiter", "LIVRET A")
    choose(kiosk, "Compte à créditer", "CCP")
    kiosk.get_by_label("Montant").fill("30")
    kiosk.get_by_label("Date d'exécution").fill("28/11/2026")
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_text(
        "La date choisie correspond à un week-end ou à un jour férié : votre virement sera "
        "exécuté le jour ouvré suivant (30/11/2026).")).to_be_visible()
    assert_no_violations(kiosk, "transfer confirmation, week-end date")

    kiosk.get_by_role("link", name="Modifier").click()
    expect(kiosk.get_by_label("Montant")).to_have_value("30,00")
    expect(kiosk.get_by_label("Date d'exécution")).to_have_value("28/11/2026")
    kiosk.get_by_label("Date d'exécution").fill("01/12/2026")
    kiosk.get_by_role("button", name="Valider").click()
    expect(kiosk.get_by_text("01/12/2026", exact=True)).to_be_visible()

    kiosk.get_by_role("button", name="Annuler").click()
    expect(kiosk.get_by_role("status")).to_contain_text("Votre demande de virement a été annulée.")
    assert_no_violations(kiosk, "transfer form after Annuler")
    kiosk.get_by_role("link", name="Retour à mes comptes").click()
    expect(account_row(kiosk, "Livret A")).to_contain_text(money("1 846,72 €"))
