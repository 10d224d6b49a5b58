"""e-Relevés and RIB: choose the account (and the year), see the document, download the PDF.
Today is pinned to 2026-11-26: the history starts on 2025-11-01, the last statement is October's."""

from __future__ import annotations

import pytest

from simulator.sites.banque import store
from tests.unit.test_banque_documents import pdf_text
from tests.web.test_banque_history import last, snapshot, tokens

BANK = "/sites/banque"


def statements_page(client, **args):
    return client.get(f"{BANK}/e-releves", query_string=args)


def listed(client, response) -> list[tuple[str, str, str]]:
    table = client.soup(response).select("#relevesPDF tbody tr")
    return [tuple(td.get_text(" ", strip=True) for td in row.select("td")) for row in table]


def balance_after(client, key: str, first_of_next_month: str) -> int:
    import datetime as dt

    world = client.world()
    try:
        account = store.account_by_key(world.db, key)
        return store.balance_before(world.db, account.id,
                                    dt.date.fromisoformat(first_of_next_month))
    finally:
        world.close()


# --- e-Relevés: the list ----------------------------------------------------------------------


def test_the_list_opens_on_the_current_account_and_the_latest_year(banker, events):
    response = statements_page(banker)
    page = banker.soup(response)
    assert page.select_one("h1").get_text(strip=True) == "e-Relevés"
    chosen = page.select_one("select#numeroCompteRecherche option[selected]")
    assert chosen.get_text(strip=True) == "Compte Courant Postal – N° 04XXXX3K"
    assert [o.get_text() for o in page.select("select#annee option")] == [
        "2026", "2025", "2024", "2023", "2022"]
    assert page.select_one("select#annee option[selected]").get_text() == "2026"
    assert [th.get_text(strip=True) for th in page.select("#relevesPDF thead th")] == [
        "Date du relevé", "Type de document", "Document"]
    found = listed(banker, response)
    # One per past month with operations, dated its last day; none yet for November.
    assert [r[0] for r in found] == ["31/10/2026", "30/09/2026", "31/08/2026", "31/07/2026",
                                     "30/06/2026", "31/05/2026", "30/04/2026", "31/03/2026",
                                     "28/02/2026", "31/01/2026"]
    assert {r[1] for r in found} == {"Relevé de compte"}
    assert found[0][2] == "Ouvrir le relevé du 31/10/2026"
    assert last(events, "banque.statements.viewed") == {"account": "ccp", "year": 2026}


def test_the_livret_a_in_2025(banker, events):
    livret = tokens(banker)["livret_a"]
    response = statements_page(banker, numeroCompteRecherche=livret, annee="2025")
    assert [r[0] for r in listed(banker, response)] == ["31/12/2025", "30/11/2025"]
    page = banker.soup(response)
    assert page.select_one("select#numeroCompteRecherche option[selected]")["value"] == livret
    assert last(events, "banque.statements.viewed") == {"account": "livret_a", "year": 2025}


def test_a_year_without_statements_says_none_is_available(banker, events):
    response = statements_page(banker, annee="2023")
    page = banker.soup(response)
    assert not page.select("#relevesPDF")
    assert "Aucun e-Relevé n'est disponible" in page.select_one(".bq-alert--info").get_text()
    assert last(events, "banque.statements.viewed")["year"] == 2023


@pytest.mark.parametrize("year", ["abc", "1990", "2027", "", "-1", "2026<script>"])
def test_a_year_not_in_the_list_falls_back_to_the_latest(banker, events, year):
    response = statements_page(banker, annee=year)
    assert response.status_code == 200
    assert banker.soup(response).select_one("select#annee option[selected]").get_text() == "2026"
    assert last(events, "banque.statements.viewed")["year"] == 2026


@pytest.mark.parametrize("token", ["", "000000000000", "<b>ccp</b>"])
def test_an_unknown_account_is_explained_next_to_the_field(banker, events, token):
    before = snapshot(banker)
    response = statements_page(banker, numeroCompteRecherche=token, annee="2026")
    page = banker.soup(response)
    assert response.status_code == 200
    assert page.select_one("[role=alert]").get_text(strip=True) == (
        "Veuillez sélectionner un compte dans la liste.")
    select = page.select_one("select#numeroCompteRecherche")
    assert select["aria-invalid"] == "true"
    assert page.select_one(f"#{select['aria-describedby']}").get_text(strip=True) == (
        "Veuillez sélectionner un compte dans la liste.")
    assert not page.select("#relevesPDF")
    assert "<b>ccp</b>" not in response.get_data(as_text=True)
    assert not [e for e in events if e.name == "banque.statements.viewed"]
    assert snapshot(banker) == before


# --- e-Relevés: one statement -----------------------------------------------------------------


def test_opening_a_statement_shows_the_fictive_document(banker, events):
    livret = tokens(banker)["livret_a"]
    page_list = banker.soup(statements_page(banker, numeroCompteRecherche=livret))
    response = banker.get(page_list.select_one("#relevesPDF a")["href"])
    assert response.status_code == 200
    page = banker.soup(response)
    document = page.select_one("article.bq-document")
    text = document.get_text(" ", strip=True)
    for expected in ["Banque Citoyenne", "99 avenue de l'Exercice", "DOCUMENT FICTIF – EXERCICE",
                     "MME MARTINE DURAND", "12 rue des Lilas", "93200 SAINT-DENIS",
                     "Relevé de compte – Livret A", "Période du 01/10/2026 au 31/10/2026",
                     "Compte n° 8137205C030", "FR60 9950 1001 0081 3720 5C03 086",
                     "Ancien solde créditeur au 30/09/2026", "Total des opérations",
                     "Nouveau solde créditeur au 31/10/2026", "VERSEMENT ESPECES",
                     "GUICHET SAINT-DENIS PPAL"]:
        assert expected in text, expected
    identifiant, _ = banker.persona_secrets()
    assert identifiant not in response.get_data(as_text=True).split("side-panel")[0]
    closing = document.select("tfoot tr")[-1].get_text(" ", strip=True)
    assert closing == "Nouveau solde créditeur au 31/10/2026 1\u00a0837,49\u00a0€"
    assert balance_after(banker, "livret_a", "2026-11-01") == 183749
    assert last(events, "banque.statement.opened") == {"account": "livret_a", "month": "2026-10",
                                                      "pdf": False, "months_ago": 1}
    download = page.find("a", string="Télécharger le relevé (PDF)")
    assert download["href"] == f"{BANK}/e-releves/{livret}/2026-10/pdf"
    assert download["hx-boost"] == "false" and download.has_attr("download")
    assert page.find("button", string="Imprimer").has_attr("data-print")
    back = page.find("a", string="‹ Retour à la liste des e-Relevés")
    assert back["href"] == f"{BANK}/e-releves?numeroCompteRecherche={livret}&annee=2026"


def test_a_statement_of_the_current_account_balances(banker):
    ccp = tokens(banker)["ccp"]
    page = banker.soup(banker.get(f"{BANK}/e-releves/{ccp}/2026-10"))
    rows = page.select("article.bq-document tbody tr")
    assert rows[0].get_text(" ", strip=True) == (
        "Ancien solde créditeur au 30/09/2026 1\u00a0604,18\u00a0€")
    world = banker.world()
    (october,) = world.db.execute(
        "SELECT COUNT(*) FROM operations o JOIN accounts a ON a.id = o.account_id "
        "WHERE a.key = 'ccp' AND o.day LIKE '2026-10-%' AND o.upcoming = 0").fetchone()
    world.close()
    assert len(rows) == 1 + october == 26  # the opening balance, then October's operations
    assert [r.select("td")[0].get_text() for r in rows[1:3]] == ["01/10/2026", "01/10/2026"]
    closing = page.select("article.bq-document tfoot tr")[-1].get_text(" ", strip=True)
    assert closing.endswith("1\u00a0717,45\u00a0€")
    assert balance_after(banker, "ccp", "2026-11-01") == 171745


def test_the_statement_pdf_is_a_download_with_the_same_content(banker, events):
    livret = tokens(banker)["livret_a"]
    response = banker.get(f"{BANK}/e-releves/{livret}/2026-10/pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="Releve_Livret_A_2026-10.pdf"')
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(b"%PDF")
    assert last(events, "banque.statement.opened") == {"account": "livret_a", "month": "2026-10",
                                                      "pdf": True, "months_ago": 1}


@pytest.mark.parametrize("month", ["2026-11", "2026-12", "2025-10", "2026-13", "2026-1",
                                   "abc", "2026-10.pdf"])
def test_a_month_without_a_statement_is_a_404(banker, events, month):
    ccp = tokens(banker)["ccp"]
    assert banker.get(f"{BANK}/e-releves/{ccp}/{month}").status_code == 404
    assert banker.get(f"{BANK}/e-releves/{ccp}/{month}/pdf").status_code == 404
    assert not [e for e in events if e.name == "banque.statement.opened"]


def test_a_statement_of_an_unknown_account_is_a_404_with_a_way_home(banker):
    before = snapshot(banker)
    for path in ("/e-releves/000000000000/2026-10", "/e-releves/ccp/2026-10/pdf"):
        response = banker.get(BANK + path)
        assert response.status_code == 404
        assert banker.soup(response).select_one("a[href='/']") is not None
    assert snapshot(banker) == before


# --- RIB --------------------------------------------------------------------------------------


def test_the_rib_page_first_asks_for_the_account(banker, events):
    page = banker.soup(banker.get(f"{BANK}/rib"))
    assert page.select_one(".bq-menu [aria-current=page]").get_text(strip=True) == "RIB"
    options = [o.get_text(strip=True) for o in page.select("select#compte option")]
    assert options == ["Sélectionnez un compte", "Compte Courant Postal – N° 04XXXX3K",
                       "Livret A – N° 81XXXX5C"]
    assert page.select_one("label[for=compte]").get_text(strip=True) == "Compte"
    assert not page.select("article.bq-document")
    assert not [e for e in events if e.name == "banque.rib.viewed"]


def test_the_rib_of_the_livret_a(banker, events):
    livret = tokens(banker)["livret_a"]
    response = banker.get(f"{BANK}/rib", query_string={"compte": livret})
    page = banker.soup(response)
    document = page.select_one("article.bq-document")
    text = document.get_text(" ", strip=True)
    for expected in ["Relevé d'Identité Bancaire", "DOCUMENT FICTIF – EXERCICE", "Livret A",
                     "Titulaire du compte", "MME MARTINE DURAND", "12 rue des Lilas",
                     "Bâtiment B", "93200 SAINT-DENIS", "Domiciliation",
                     "BANQUE CITOYENNE SAINT-DENIS", "FR60 9950 1001 0081 3720 5C03 086",
                     "BCITFRP1XXX"]:
        assert expected in text, expected
    codes = [td.get_text(strip=True) for td in document.select("table td")]
    assert codes == ["99501", "00100", "8137205C030", "86"]
    assert [th.get_text(strip=True) for th in document.select("table th")] == [
        "Code banque", "Code guichet", "Numéro de compte", "Clé RIB"]
    assert page.select_one("select#compte option[selected]")["value"] == livret
    download = page.find("a", string="Télécharger le RIB (PDF)")
    assert download["href"] == f"{BANK}/rib/{livret}/pdf"
    assert download["hx-boost"] == "false" and download.has_attr("download")
    assert page.find("button", string="Imprimer").has_attr("data-print")
    assert last(events, "banque.rib.viewed") == {"account": "livret_a"}


@pytest.mark.parametrize("token", ["", "000000000000", "<script>x</script>"])
def test_no_account_or_an_unknown_one_is_explained(banker, events, token):
    response = banker.get(f"{BANK}/rib", query_string={"compte": token})
    page = banker.soup(response)
    assert response.status_code == 200
    assert page.select_one("[role=alert]").get_text(strip=True) == (
        "Veuillez sélectionner un compte dans la liste.")
    select = page.select_one("select#compte")
    assert select["aria-invalid"] == "true" and select["aria-describedby"] == "compte-erreur"
    assert page.select_one("#compte-erreur").get_text(strip=True) == (
        "Veuillez sélectionner un compte dans la liste.")
    assert not page.select("article.bq-document")
    assert "<script>x" not in response.get_data(as_text=True)
    assert not [e for e in events if e.name == "banque.rib.viewed"]


def test_the_rib_pdf_is_an_attachment_with_the_fictive_mark(banker, events):
    livret = tokens(banker)["livret_a"]
    response = banker.get(f"{BANK}/rib/{livret}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="RIB_Banque_Citoyenne_Livret_A.pdf"')
    assert response.data.startswith(b"%PDF")
    assert last(events, "banque.rib.downloaded") == {"account": "livret_a"}
    ccp = banker.get(f"{BANK}/rib/{tokens(banker)['ccp']}/pdf")
    assert ccp.headers["Content-Disposition"] == (
        'attachment; filename="RIB_Banque_Citoyenne_Compte_Courant_Postal.pdf"')


def test_the_pdf_says_what_the_page_says(banker):
    from simulator.sites.banque import documents

    world = banker.world()
    try:
        customer = store.customer(world.db)
        rib = documents.rib_of(customer, store.account_by_key(world.db, "livret_a"))
    finally:
        world.close()
    text = pdf_text(documents.rib_pdf(rib, compress=False))
    for expected in ["DOCUMENT FICTIF – EXERCICE", "FR60 9950 1001 0081 3720 5C03 086", "86"]:
        assert expected in text


def test_an_unknown_rib_pdf_is_a_404(banker, events):
    assert banker.get(f"{BANK}/rib/000000000000/pdf").status_code == 404
    assert not [e for e in events if e.name == "banque.rib.downloaded"]


def test_documents_need_a_logged_in_customer(learner):
    learner.start("banque")
    token = tokens(learner)["ccp"]
    for path in ("/rib", f"/rib/{token}/pdf", "/e-releves", f"/e-releves/{token}/2026-10",
                 f"/e-releves/{token}/2026-10/pdf"):
        response = learner.get(BANK + path)
        assert response.status_code == 303, path
        assert response.headers["Location"] == f"{BANK}/connexion"
