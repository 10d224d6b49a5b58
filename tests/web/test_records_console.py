"""« Registres » in the adviser console: counts, the relay's state, re-queue, JSON lines export,
behind the console's login."""

from __future__ import annotations

import json

import pytest

from kiosk.database import get_db
from kiosk.records import store
from tests.support.attempts import outbox, play_connexion
from tests.support.console import ConsoleClient, create_adviser
from tests.support.kiosk_client import KioskClient


@pytest.fixture()
def console(app) -> ConsoleClient:
    create_adviser(app)
    adviser = ConsoleClient(app)
    adviser.log_in()
    return adviser


@pytest.fixture()
def records(app, learner) -> list[dict]:
    """One finished attempt (6 statements): 2 failed, 1 sent, 3 pending."""
    play_connexion(learner)
    rows = outbox(app)
    with app.test_request_context():
        db = get_db()
        store.mark_failed(db, [rows[0]["id"], rows[1]["id"]], 400, "Invalid statement: actor")
        store.mark_sent(db, [rows[2]["id"]], 200)
        store.set_relay_status(db, "offline", "the LRS does not answer: refused")
    return rows


def test_the_page_needs_an_adviser(app, learner):
    adviser = ConsoleClient(app)
    response = adviser.get("/agent/registres/")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/agent/connexion?suite=/agent/registres/")
    assert adviser.get("/agent/registres/export").status_code == 303
    assert adviser.post("/agent/registres/remettre-en-file").status_code == 303
    # A learner's kiosk cookie opens nothing here either.
    learner.get("/")
    assert KioskClient(learner.client, app).get("/agent/registres/").status_code == 303


def test_counts_relay_state_and_failures(console, records, app):
    app.config["XAPI_LRS_URL"] = "https://kiosk:secret@lrs.example.org:8443/xAPI/"
    page = console.get("/agent/registres/")
    assert page.status_code == 200
    soup = console.soup(page)
    assert soup.select_one("h1").get_text(strip=True) == "Registres d'apprentissage"
    figures = [" ".join(li.get_text(" ").split()) for li in soup.select(".figures li")]
    assert figures[0].startswith("3 en attente") and "la plus ancienne depuis" in figures[0]
    assert figures[1] == "2 en échec" and figures[2].startswith("1 envoyées")
    text = console.text(page)
    assert "Registre : https://lrs.example.org:8443" in text and "secret" not in text
    assert "Le registre ne répond pas" in text
    rows = soup.select("table.data tbody tr")
    assert len(rows) == 2 and "Invalid statement: actor" in rows[0].get_text()
    menu = [a.get_text(strip=True) for a in soup.select(".console-nav a")]
    assert "Registres" in menu
    assert soup.select_one('.console-nav a[aria-current="page"]').get_text(strip=True) == (
        "Registres")


def test_without_an_lrs_the_page_says_they_stay_here(console, app, learner):
    play_connexion(learner)
    text = console.text(console.get("/agent/registres/"))
    assert "Aucun registre (LRS) n'est configuré" in text
    assert "Déclarations en échec" not in text


def test_requeue_puts_the_failed_ones_back(console, records, app):
    console.get("/agent/registres/")  # the form (and its token) the adviser taps
    response = console.post("/agent/registres/remettre-en-file")
    assert response.status_code == 303 and response.headers["Location"] == "/agent/registres/"
    page = console.get("/agent/registres/")
    assert "2 déclaration(s) remise(s) en file" in console.text(page)
    with app.test_request_context():
        assert store.counts(get_db()) == {"pending": 5, "sent": 1, "failed": 0}
    console.post("/agent/registres/remettre-en-file")
    assert "Aucune déclaration en échec." in console.text(console.get("/agent/registres/"))


def test_requeue_without_the_form_token_is_refused_kindly(console, records):
    response = console.post("/agent/registres/remettre-en-file", csrf=False)
    assert response.status_code == 400
    assert "Ce formulaire a expiré." in console.text(response)


def test_export_pending_and_failed_as_json_lines(console, records):
    response = console.get("/agent/registres/export")
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="pasapas-registres-en-attente-')
    lines = response.get_data(as_text=True).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r["id"] for r in records[3:]]
    failed = console.get("/agent/registres/export?statut=failed").get_data(as_text=True)
    assert [json.loads(line)["id"] for line in failed.splitlines()] == [
        r["id"] for r in records[:2]]


@pytest.mark.parametrize("status", ["sent", "tout", "", "<script>"])
def test_an_unknown_export_is_a_console_400(console, records, status):
    response = console.get(f"/agent/registres/export?statut={status}")
    assert response.status_code == 400
    assert "Cette demande n'a pas pu être traitée." in console.text(response)
    assert console.soup(response).select_one(".console-nav")  # the console's page, its menu


def test_an_unknown_page_under_registres_is_a_console_404(console):
    response = console.get("/agent/registres/nulle-part")
    assert response.status_code == 404
    assert "Cette page n'existe pas." in console.text(response)
