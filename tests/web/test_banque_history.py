"""An account's history: balance, periods, search (page and htmx fragment), « à venir », and the
details of one operation. Today is pinned to Thursday 2026-11-26."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.sites.banque import ledger, store

BANK = "/sites/banque"


def tokens(client) -> dict[str, str]:
    world = client.world()
    try:
        return {a.key: a.token for a in store.accounts(world.db)}
    finally:
        world.close()


def snapshot(client):
    """Everything a read-only page must leave as it was."""
    world = client.world()
    try:
        return (world.db.execute("SELECT * FROM operations ORDER BY id").fetchall(),
                world.db.execute("SELECT * FROM accounts ORDER BY id").fetchall())
    finally:
        world.close()


def history(client, key="ccp", **args):
    token = tokens(client)[key]
    return client.get(f"{BANK}/comptes/{token}", query_string=args)


def rows(client, response):
    """(date, label, detail, débit, crédit) of each row of the operations table."""
    table = client.soup(response).select("#operations-table tbody tr")
    found = []
    for row in table:
        date, operation, debit, credit = row.select("td")
        detail = operation.select_one(".bq-table__detail")
        found.append((date.get_text(strip=True), operation.select_one("a").get_text(strip=True),
                      detail.get_text(strip=True) if detail else "",
                      debit.get_text(strip=True), credit.get_text(strip=True)))
    return found


def day(text):
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


def last(events, name):
    return [e for e in events if e.name == name][-1].data


def test_the_synthesis_links_to_each_account_history(banker):
    page = banker.soup(banker.get(f"{BANK}/synthese"))
    token = tokens(banker)["ccp"]
    assert page.select_one("#compte-ccp")["href"] == f"{BANK}/comptes/{token}"


def test_the_history_shows_the_balance_and_30_days_newest_first(banker, events):
    response = history(banker)
    page = banker.soup(response)
    assert response.status_code == 200
    assert page.select_one("h1").get_text(strip=True) == "Compte Courant Postal"
    balance = page.select_one(".bq-balance").get_text(" ", strip=True)
    assert "Solde au 26/11/2026 : 684,27\u00a0€" in balance
    assert "Opérations à venir : -57,39\u00a0€" in balance
    found = rows(banker, response)
    days = [day(r[0]) for r in found]
    assert days == sorted(days, reverse=True)
    assert min(days) >= dt.date(2026, 10, 27) and max(days) <= dt.date(2026, 11, 26)
    assert ("05/11/2026", "VIREMENT DE CAF", "PRIME D'ACTIVITE OCTOBRE 2026", "",
            "192,79\u00a0€") in found
    assert ("03/11/2026", "VIREMENT POUR SCI LES TILLEULS", "LOYER NOVEMBRE 2026",
            "520,00\u00a0€", "") in found
    # Every amount sits in exactly one of the two columns: never a colour alone.
    assert all(bool(debit) != bool(credit) for *_, debit, credit in found)
    assert page.select_one("#periode option[selected]")["value"] == "30j"
    assert "ACHAT CB EN COURS" not in response.get_data(as_text=True)  # that one is à venir
    assert last(events, "banque.history.viewed") == {"account": "ccp", "period": "30j",
                                                    "searched": False}


@pytest.mark.parametrize("period, start", [("3m", dt.date(2026, 8, 26)),
                                           ("6m", dt.date(2026, 5, 26))])
def test_longer_periods_go_further_back(banker, events, period, start):
    thirty_days = rows(banker, history(banker))
    response = history(banker, periode=period)
    found = rows(banker, response)
    assert len(found) > len(thirty_days)
    assert min(day(r[0]) for r in found) >= start
    assert min(day(r[0]) for r in found) < dt.date(2026, 10, 27)
    page = banker.soup(response)
    assert page.select_one("#periode option[selected]")["value"] == period
    assert f"du {start:%d/%m/%Y} au 26/11/2026" in page.select_one("#operations").get_text()
    assert last(events, "banque.history.viewed")["period"] == period


@pytest.mark.parametrize("forged", ["12m", "", "<b>x</b>", "30j' OR 1=1", "a-venir-2"])
def test_an_unknown_period_falls_back_to_30_days(banker, events, forged):
    response = history(banker, periode=forged)
    assert response.status_code == 200
    assert banker.soup(response).select_one("#periode option[selected]")["value"] == "30j"
    assert last(events, "banque.history.viewed")["period"] == "30j"


@pytest.mark.parametrize("typed", ["CAF", "caf", "  Caf  ", "virement de caf"])
def test_search_caf_answers_has_my_caf_transfer_arrived(banker, events, typed):
    response = history(banker, periode="6m", recherche=typed)
    found = rows(banker, response)
    assert [r[1] for r in found] == ["VIREMENT DE CAF"] * 6
    assert found[0][:3] == ("05/11/2026", "VIREMENT DE CAF", "PRIME D'ACTIVITE OCTOBRE 2026")
    assert banker.soup(response).select_one("#recherche")["value"] == typed.strip()
    assert last(events, "banque.history.viewed") == {"account": "ccp", "period": "6m",
                                                    "searched": True}


def test_search_ignores_accents_and_looks_in_the_detail(banker):
    debits = rows(banker, history(banker, periode="3m", recherche="Prélèvement EDF"))
    assert {r[1] for r in debits} == {"PRELEVEMENT DE EDF"} and len(debits) == 3
    rent = rows(banker, history(banker, periode="3m", recherche="loyer"))
    assert {r[1] for r in rent} == {"VIREMENT POUR SCI LES TILLEULS"}
    cheque = rows(banker, history(banker, recherche="remise de chèques"))
    assert cheque == [("14/11/2026", "REMISE DE CHEQUES", "N 5542871 1 CHEQUE", "",
                       "80,00\u00a0€")]


def test_nothing_found_says_so_with_the_real_message(banker):
    response = history(banker, recherche="impots")
    page = banker.soup(response)
    assert not page.select("#operations-table")
    assert page.select_one("#operations [role=status]").get_text(strip=True) == (
        "Aucune opération ne correspond à votre recherche.")
    assert page.find("a", string="Voir toutes les opérations")


def test_html_typed_in_the_search_is_shown_escaped(banker):
    typed = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = history(banker, recherche=typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html
    assert banker.soup(response).select_one("#recherche")["value"] == typed[:60]


def test_an_over_long_search_is_cut_to_60_characters(banker, events):
    response = history(banker, recherche="CAF" + " " * 3 + "x" * 200)
    assert response.status_code == 200
    value = banker.soup(response).select_one("#recherche")["value"]
    assert value == ("CAF " + "x" * 200)[:60] and len(value) == 60
    assert banker.soup(response).select_one("#recherche")["maxlength"] == "60"


def test_the_filter_form_works_without_javascript_and_with_htmx(banker):
    page = banker.soup(history(banker))
    form = page.select_one("form[role=search]")
    token = tokens(banker)["ccp"]
    assert form["method"] == "get" and form["action"] == f"{BANK}/comptes/{token}"
    assert form["hx-get"] == form["action"]
    assert form["hx-target"] == "#operations" and form["hx-push-url"] == "true"
    assert {f["name"] for f in form.select("[name]")} == {"periode", "recherche"}
    assert page.select_one("label[for=recherche]").get_text(strip=True) == (
        "Rechercher une opération")
    assert page.select_one("label[for=periode]").get_text(strip=True) == "Période"
    assert [o.get_text() for o in page.select("#periode option")] == [
        "30 derniers jours", "3 derniers mois", "6 derniers mois"]


def test_an_htmx_request_gets_only_the_list(banker, events):
    token = tokens(banker)["ccp"]
    response = banker.htmx_get(f"{BANK}/comptes/{token}?periode=6m&recherche=CAF")
    html = response.get_data(as_text=True)
    assert "HX-Request" in response.headers["Vary"]
    assert html.lstrip().startswith('<div id="operations"')
    assert "<html" not in html and "bq-menu" not in html
    assert len(rows(banker, response)) == 6
    assert last(events, "banque.history.viewed")["searched"] is True
    # A boosted navigation (a link) still gets the whole page.
    boosted = banker.get(f"{BANK}/comptes/{token}",
                         headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in boosted.get_data(as_text=True)
    assert "HX-Request" in boosted.headers["Vary"]


def test_upcoming_operations_have_their_own_tab(banker, events):
    response = history(banker, periode="a-venir")
    page = banker.soup(response)
    assert page.select_one(".bq-tabs [aria-current=page]").get_text(strip=True) == (
        "Opérations à venir")
    assert rows(banker, response) == [
        ("28/11/2026", "ACHAT CB EN COURS CARREFOUR MARKET", "", "27,40\u00a0€", ""),
        ("29/11/2026", "PRELEVEMENT DE SFR BOX", "FACTURE NOVEMBRE 2026", "29,99\u00a0€", ""),
    ]
    assert "elles ne sont pas comptées dans le solde" in page.get_text()
    assert last(events, "banque.history.viewed") == {"account": "ccp", "period": "upcoming",
                                                    "searched": False}
    livret = banker.soup(history(banker, "livret_a", periode="a-venir"))
    assert livret.select_one("#operations [role=status]").get_text(strip=True) == (
        "Aucune opération à venir.")


def test_the_account_page_links_to_its_rib(banker):
    for key in ("ccp", "livret_a"):
        link = banker.soup(history(banker, key)).select_one(".bq-balance a")
        assert link.get_text(strip=True) == "RIB"
        assert link["href"] == f"{BANK}/rib?compte={tokens(banker)[key]}"


def test_the_livret_a_history(banker):
    response = history(banker, "livret_a", periode="3m")
    page = banker.soup(response)
    assert page.select_one("h1").get_text(strip=True) == "Livret A"
    assert "1\u00a0846,72\u00a0€" in page.select_one(".bq-balance").get_text()
    assert "VIREMENT POUR MME DURAND MARTINE" in [r[1] for r in rows(banker, response)]


# --- one operation ----------------------------------------------------------------------------


def open_first(client, **args):
    page = client.soup(history(client, **args))
    return client.get(page.select_one("#operations-table a")["href"])


def details(client, response) -> dict[str, str]:
    summary = client.soup(response).select_one("dl.bq-summary")
    return {dt_.get_text(strip=True): dt_.find_next_sibling("dd").get_text(" ", strip=True)
            for dt_ in summary.select("dt")}


def test_an_operation_opens_with_its_details_in_plain_french(banker, events):
    response = open_first(banker, periode="6m", recherche="CAF")
    assert response.status_code == 200
    assert details(banker, response) == {
        "Date de l'opération": "05/11/2026",
        "Libellé": "VIREMENT DE CAF",
        "Détail": "PRIME D'ACTIVITE OCTOBRE 2026",
        "Montant": "192,79\u00a0€ (crédit)",
        "Type d'opération": "Virement reçu",
    }
    assert last(events, "banque.operation.viewed") == {
        "account": "ccp", "category": "virement_recu", "label": "VIREMENT DE CAF", "days_ago": 21}
    back = banker.soup(response).find("a", string="Retour à l'historique")
    token = tokens(banker)["ccp"]
    assert back["href"] == f"{BANK}/comptes/{token}?periode=6m&recherche=CAF"


@pytest.mark.parametrize("search, kind, amount", [
    ("EDF", "Prélèvement", "-54,00\u00a0€ (débit)"),
    ("LIDL", "Paiement par carte", None),
    ("RETRAIT DAB", "Retrait d'espèces", "-40,00\u00a0€ (débit)"),
    ("REMISE DE CHEQUES", "Remise de chèque", "80,00\u00a0€ (crédit)"),
    ("FRAIS IRREGULARITES", "Frais bancaires", "-8,00\u00a0€ (débit)"),
])
def test_each_kind_of_operation_is_named(banker, search, kind, amount):
    found = details(banker, open_first(banker, periode="6m", recherche=search))
    assert found["Type d'opération"] == kind
    if amount:
        assert found["Montant"] == amount


def test_an_upcoming_operation_says_it_is_not_booked(banker):
    response = open_first(banker, periode="a-venir")
    assert "Opération à venir" in response.get_data(as_text=True)
    assert details(banker, response)["Détail"] == "Aucun détail"


def test_the_link_carries_a_reference_not_the_database_id(banker):
    page = banker.soup(history(banker))
    hrefs = [a["href"] for a in page.select("#operations-table a")]
    world = banker.world()
    ids = {str(i) for (i,) in world.db.execute("SELECT id FROM operations")}
    world.close()
    references = [h.split("/operations/")[1].split("?")[0] for h in hrefs]
    assert len(set(references)) == len(references)
    assert not set(references) & ids


def _not_found(client, response):
    assert response.status_code == 404
    page = client.soup(response)
    assert page.select_one("a[href='/']") is not None  # a way home


def test_an_operation_of_another_account_is_a_404_and_nothing_changes(banker, events):
    before = snapshot(banker)
    livret_page = banker.soup(history(banker, "livret_a"))
    livret_href = livret_page.select_one("#operations-table a")["href"]
    reference = livret_href.split("/operations/")[1].split("?")[0]
    ccp = tokens(banker)["ccp"]
    viewed = len(events)
    _not_found(banker, banker.get(f"{BANK}/comptes/{ccp}/operations/{reference}"))
    _not_found(banker, banker.get(f"{BANK}/comptes/{ccp}/operations/000000000000"))
    _not_found(banker, banker.get(f"{BANK}/comptes/{ccp}/operations/1"))
    assert not [e for e in events[viewed:] if e.name == "banque.operation.viewed"]
    assert snapshot(banker) == before


@pytest.mark.parametrize("token", ["ccp", "000000000000", "1", "<script>"])
def test_an_unknown_account_is_a_404_with_a_way_home(banker, events, token):
    before = snapshot(banker)
    _not_found(banker, banker.get(f"{BANK}/comptes/{token}"))
    _not_found(banker, banker.get(f"{BANK}/comptes/{token}/operations/abc"))
    assert not [e for e in events if e.name == "banque.history.viewed"]
    assert snapshot(banker) == before


def test_the_history_needs_a_logged_in_customer(learner):
    learner.start("banque")
    token = tokens(learner)["ccp"]
    response = learner.get(f"{BANK}/comptes/{token}")
    assert response.status_code == 303 and response.headers["Location"] == f"{BANK}/connexion"
    reference = ledger.operation_reference(token, 1)
    response = learner.get(f"{BANK}/comptes/{token}/operations/{reference}")
    assert response.headers["Location"] == f"{BANK}/connexion"
