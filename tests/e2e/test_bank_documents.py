"""A learner opens an e-Relevé of her Livret A and gets the RIB of her Livret A.

Covers: menu « e-Relevés » → account and year → « Ouvrir » → the fictive statement → PDF
download; menu « RIB » → no account chosen (error) → Livret A → RIB → PDF download and
« Imprimer »; the « RIB » link of an account page; axe on every page, error included.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in, start_bank
from tests.support.axe import assert_no_violations

LIVRET_A = "Livret A – N° 81XXXX5C"


def logged_in(page: Page) -> None:
    start_bank(page)
    log_in(page)


def test_open_a_statement_of_the_livret_a_and_download_it(kiosk: Page):
    logged_in(kiosk)
    kiosk.get_by_role("link", name="e-Relevés").click()
    expect(kiosk.get_by_role("heading", name="e-Relevés", level=1)).to_be_visible()
    expect(kiosk.get_by_role("link", name="Ouvrir le relevé du 31/10/2026")).to_be_visible()
    assert_no_violations(kiosk, "e-Relevés")

    kiosk.get_by_label("Compte", exact=True).select_option(label=LIVRET_A)
    kiosk.get_by_label("Année").select_option("2025")
    kiosk.get_by_role("button", name="Afficher").click()
    expect(kiosk.get_by_role("heading", name="Livret A – relevés de 2025")).to_be_visible()
    statements = kiosk.get_by_role("table", name="e-Relevés de 2025 du compte Livret A")
    expect(statements.get_by_role("row")).to_have_count(3)
    assert_no_violations(kiosk, "e-Relevés of the Livret A in 2025")

    kiosk.get_by_label("Année").select_option("2024")
    kiosk.get_by_role("button", name="Afficher").click()
    expect(kiosk.get_by_text("Aucun e-Relevé n'est disponible")).to_be_visible()
    assert_no_violations(kiosk, "no e-Relevé")

    kiosk.get_by_label("Année").select_option("2025")
    kiosk.get_by_role("button", name="Afficher").click()
    kiosk.get_by_role("link", name="Ouvrir le relevé du 31/12/2025").click()
    expect(kiosk.get_by_role("heading", name="Relevé de compte du 31/12/2025")).to_be_visible()
    document = kiosk.get_by_role("article", name="Relevé de compte – Livret A")
    expect(document).to_contain_text("DOCUMENT FICTIF – EXERCICE")
    expect(document).to_contain_text("Période du 01/12/2025 au 31/12/2025")
    expect(document).to_contain_text("INTERETS 2025")
    expect(document).to_contain_text("Nouveau solde créditeur au 31/12/2025")
    assert_no_violations(kiosk, "statement")

    with kiosk.expect_download() as download_info:
        kiosk.get_by_role("link", name="Télécharger le relevé (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "Releve_Livret_A_2025-12.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    # Still on the statement: the download did not replace the page.
    expect(kiosk.get_by_role("heading", name="Relevé de compte du 31/12/2025")).to_be_visible()


def test_choose_the_livret_a_see_its_rib_download_and_print_it(kiosk: Page):
    logged_in(kiosk)
    kiosk.get_by_role("navigation", name="Menu de l'Espace client").get_by_role(
        "link", name="RIB").click()
    expect(kiosk.get_by_role("heading", name="Choisissez le compte")).to_be_visible()
    assert_no_violations(kiosk, "RIB choice")

    kiosk.get_by_role("button", name="Afficher le RIB").click()
    expect(kiosk.get_by_role("alert")).to_have_text(
        "Veuillez sélectionner un compte dans la liste.")
    expect(kiosk.get_by_label("Compte", exact=True)).to_have_attribute("aria-invalid", "true")
    assert_no_violations(kiosk, "RIB choice with an error")

    kiosk.get_by_label("Compte", exact=True).select_option(label=LIVRET_A)
    kiosk.get_by_role("button", name="Afficher le RIB").click()
    rib = kiosk.get_by_role("article", name="Relevé d'Identité Bancaire")
    expect(rib).to_contain_text("DOCUMENT FICTIF – EXERCICE")
    expect(rib).to_contain_text("MME MARTINE DURAND")
    expect(rib).to_contain_text("FR60 9950 1001 0081 3720 5C03 086")
    expect(rib).to_contain_text("BCITFRP1XXX")
    expect(rib.get_by_role("cell", name="86", exact=True)).to_be_visible()
    assert_no_violations(kiosk, "RIB of the Livret A")

    with kiosk.expect_download() as download_info:
        kiosk.get_by_role("link", name="Télécharger le RIB (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "RIB_Banque_Citoyenne_Livret_A.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # « Imprimer » calls the browser's print (replaced here: a headless browser has no printer).
    # (a function, not an assignment: Playwright would call the function the assignment returns)
    kiosk.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; };"
                   " }")
    kiosk.get_by_role("button", name="Imprimer").click()
    assert kiosk.evaluate("window.printed") == 1


def test_the_rib_link_of_an_account_page(kiosk: Page):
    logged_in(kiosk)
    kiosk.get_by_role("link", name="Livret A").click()
    expect(kiosk.get_by_role("heading", name="Livret A", level=1)).to_be_visible()
    kiosk.get_by_role("region", name="Solde du compte").get_by_role("link", name="RIB").click()
    rib = kiosk.get_by_role("article", name="Relevé d'Identité Bancaire")
    expect(rib).to_contain_text("Livret A")
    expect(rib).to_contain_text("8137205C030")
