"""Hostile taps (docs/reliability.md, drill 6), the fast ones: another learner's world tokens,
two tabs or two kiosks on one session cookie, a 10 MB body, header and path tricks. Each is
refused with a kiosk page or is harmless; none shows a traceback or another learner's data."""

from __future__ import annotations

import sqlite3
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.kiosk_client import KioskClient

KIND_PAGES = ("Cette page n'existe pas", "Page introuvable", "Ce que vous avez envoyé",
              "Revenez à l'accueil")


def _tokens(learner: KioskClient, *tables: str) -> dict[str, str]:
    """This learner's first per-world token of each table, read in their world's file."""
    world = learner.world()
    try:
        with sqlite3.connect(world.path) as db:
            one = {table: db.execute(f"SELECT token FROM {table} ORDER BY id LIMIT 1"
                                     ).fetchone()[0] for table in tables}
    finally:
        world.close()
    return one


def _refused(response) -> bool:
    """Not the page: a 404 kiosk page, or a redirect elsewhere (a login page)."""
    body = response.get_data(as_text=True)
    return response.status_code in (303, 302, 404) and "Traceback" not in body


@pytest.fixture()
def two_at_the_tax_space(app):
    alice, bob = (KioskClient(app.test_client(), app) for _ in range(2))
    for learner in (alice, bob):
        learner.start("impots")
    return alice, bob


def test_another_learners_papers_mails_and_pdfs_mean_nothing(two_at_the_tax_space):
    alice, bob = two_at_the_tax_space
    tables = ("papers", "mails", "impots_documents")
    token = _tokens(alice, *tables)
    assert token != _tokens(bob, *tables)  # tokens are drawn for each world
    urls = [f"/sites/papiers/{token['papers']}",
            f"/sites/messagerie/courriel/{token['mails']}",
            f"/sites/messagerie/courriel/{token['mails']}/lien/0",
            f"/sites/impots/documents/{token['impots_documents']}.pdf"]
    for url in urls[:2]:  # what needs no login: they are Alice's
        assert alice.get(url).status_code == 200, url
    for url in urls:
        response = bob.get(url)
        assert _refused(response), (url, response.status_code)
    deleted = bob.post(f"/sites/messagerie/courriel/{token['mails']}/supprimer")
    assert _refused(deleted)
    assert alice.get(urls[1]).status_code == 200  # Bob could not delete Alice's e-mail


def test_another_learners_bank_pdfs_mean_nothing(app, banker):
    bob = KioskClient(app.test_client(), app)
    bob.start("banque")
    bob.login()
    account = _tokens(banker, "accounts")["accounts"]
    rib = f"/sites/banque/rib/{account}/pdf"
    assert banker.get(rib).status_code == 200 and banker.get(rib).mimetype == "application/pdf"
    for url in (rib, f"/sites/banque/e-releves/{account}/2026-10/pdf",
                f"/sites/banque/e-releves/{account}/2026-10"):
        response = bob.get(url)
        assert _refused(response), (url, response.status_code)


def test_another_learners_franceconnect_state_and_code_are_refused(two_at_the_tax_space):
    from tests.support.impots import AMELI

    alice, bob = two_at_the_tax_space
    start = alice.get("/sites/impots/franceconnect")
    state = parse_qs(urlsplit(start.headers["Location"]).query)["state"][0]
    chosen = bob.post("/sites/franceconnect/api/v1/authorize",
                      {"state": state, "provider": "ameli"})
    assert chosen.headers["Location"].startswith("/sites/franceconnect/erreur")
    assert bob.get(f"/sites/franceconnect/confirmation?state={state}").headers[
        "Location"].startswith("/sites/franceconnect/erreur")
    # Alice goes through; her single-use code, replayed by Bob, opens nothing for him.
    alice.post("/sites/franceconnect/api/v1/authorize", {"state": state, "provider": "ameli"})
    alice.post("/sites/franceconnect/fournisseur/ameli", {
        "interaction": state, "identifiant": AMELI["identifiant"],
        "mot_de_passe": AMELI["mot_de_passe"]})
    back = alice.post("/sites/franceconnect/confirmation", {"state": state})
    return_url = back.headers["Location"]
    assert return_url.startswith("/sites/impots/franceconnect/retour?code=")
    stolen = bob.get(return_url)
    assert stolen.headers["Location"] == "/sites/franceconnect/erreur?raison=unknown_state"
    assert "FERRAND" not in bob.get(stolen.headers["Location"]).get_data(as_text=True)
    assert alice.get(return_url).headers["Location"].startswith("/sites/impots/")


def test_two_tabs_on_one_cookie_a_stale_tab_cannot_act_in_the_new_world(app, banker):
    """Tab A reaches the transfer review; tab B (same cookie) starts « Ma banque » again: the
    world A's review belonged to is gone, so A's « Confirmer » transfers nothing anywhere."""
    import re

    accounts = {o["value"]: o.get_text() for o in banker.soup(
        banker.get("/sites/banque/virements")).select("#de option[value]") if o["value"]}
    livret = next(v for v, label in accounts.items() if label.startswith("LIVRET"))
    ccp = next(v for v, label in accounts.items() if label.startswith("CCP"))
    page = banker.soup(banker.get("/sites/banque/virements"))
    date = page.select_one("#date")["value"]
    drafted = banker.post("/sites/banque/virements", {"de": livret, "vers": ccp,
                                                      "montant": "50", "date": date,
                                                      "motif": ""})
    review = drafted.headers["Location"]
    assert re.search(r"/virements/[^/]+/confirmation$", review)
    tab_b = KioskClient(banker.client, app)  # the same browser, the same cookie
    tab_b.start("banque")
    confirmed = banker.post(review)
    assert confirmed.status_code in (303, 404)
    assert "Traceback" not in confirmed.get_data(as_text=True)
    world = tab_b.world()
    try:
        with sqlite3.connect(world.path) as db:
            assert db.execute("SELECT count(*) FROM transfers WHERE status = 'done' "
                              "AND amount_cents = 5000").fetchone()[0] == 0
    finally:
        world.close()


def test_two_kiosks_on_one_cookie_terminer_at_one_sends_the_other_home(app, banker):
    other_kiosk = KioskClient(app.test_client(), app)
    cookie = banker.client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    other_kiosk.client.set_cookie(cookie.key, cookie.value)
    beat = other_kiosk.get("/borne/battement?page=/sites/banque/&seance=1",
                           headers={"X-Kiosk-Id": "borne-2", "HX-Request": "true"})
    assert beat.status_code in (200, 204)
    assert other_kiosk.get("/sites/banque/synthese").status_code == 200  # the same learner
    banker.end()
    after = other_kiosk.get("/borne/battement?page=/sites/banque/&seance=1",
                            headers={"X-Kiosk-Id": "borne-2", "HX-Request": "true"})
    assert after.headers.get("HX-Redirect", "").endswith("fin=1")
    page = other_kiosk.get("/sites/banque/synthese")
    assert page.status_code in (303, 302)  # no session any more: back to the home page
    assert "684,27" not in page.get_data(as_text=True)


def test_a_10_mb_body_gets_the_kiosk_413_page(learner):
    learner.get("/")
    response = learner.client.post("/seance/commencer", data=b"x" * (10 * 2**20),
                                   content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "Ce que vous avez envoyé est trop long." in response.get_data(as_text=True)


@pytest.mark.parametrize("path", [
    "/static/../kiosk.db", "/static/%2e%2e/%2e%2e/instance/kiosk.db",
    "/static/..%2f..%2frun_kiosk.py", "/sites/banque/..%2f..%2fagent",
    "/sites/banque/synthese%00", "/sites/papiers/%00", "/%00",
    "/sites/banque/" + "a" * 8000, "/sites/banque/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
])
def test_path_tricks_get_a_kiosk_page_and_nothing_of_the_server(banker, path):
    response = banker.get(path)
    body = response.get_data(as_text=True)
    assert response.status_code in (400, 404, 308), response.status_code
    assert "Traceback" not in body and "<script>alert" not in body
    assert "SQLite format" not in body and "import" not in body[:200]


def test_host_and_forwarded_headers_do_not_steer_the_kiosk(learner):
    """No trusted proxy is configured by default: X-Forwarded-* are ignored, and redirects are
    relative, so a forged Host never ends up in a link or a Location."""
    forged = {"Host": "evil.example", "X-Forwarded-Host": "evil.example",
              "X-Forwarded-Proto": "http", "X-Forwarded-For": "6.6.6.6",
              "X-Forwarded-Prefix": "/evil"}
    home = learner.get("/", headers=forged)
    assert home.status_code == 200
    assert "evil" not in home.get_data(as_text=True)
    started = learner.post("/seance/commencer", {"site": "banque"}, headers=forged)
    assert started.status_code == 303
    assert "evil" not in started.headers["Location"]
    assert started.headers["Location"].startswith("/")
