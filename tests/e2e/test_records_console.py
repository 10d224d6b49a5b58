"""« Registres » in the console, in Chromium, on a kiosk server whose LRS does not answer:
the relay's warning, failed statements re-queued, the pending ones downloaded; axe on each state."""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kiosk.records import store
from kiosk.server_process import LiveServer, free_port
from simulator.db import connect, write_transaction
from tests.conftest import TEST_TODAY
from tests.support.axe import assert_no_violations
from tests.support.console import PASSWORD, create_adviser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A kiosk whose LRS is configured but away (nothing listens on its port)."""
    live = LiveServer(tmp_path_factory.mktemp("records-console"), {
        "SIMULATOR_TODAY": TEST_TODAY,
        "XAPI_LRS_URL": f"http://127.0.0.1:{free_port()}/xAPI/",
        "XAPI_RETRY_MIN_SECONDS": "0.2", "XAPI_RETRY_MAX_SECONDS": "0.5",
        "XAPI_RELAY_POLL_SECONDS": "0.1"}).start()
    live.app = type("Config", (), {"config": {"KIOSK_DATABASE": str(live.instance / "kiosk.db")}})
    create_adviser(live.app)
    db = connect(live.instance / "kiosk.db")
    ids = [str(uuid.uuid4()) for _ in range(5)]
    with write_transaction(db):
        store.enqueue(db, [{"id": i, "attempt_id": 1, "learner_code": "K7F-3XM",
                            "verb": "interacted", "timestamp": time.time() + n / 1000,
                            "statement": json.dumps({"id": i, "n": n})}
                           for n, i in enumerate(ids)])
    store.mark_failed(db, ids[:2], 400, "Invalid statement: the actor has no account")
    deadline = time.monotonic() + 20
    while (store.relay_status(db) or {}).get("state") != "offline":
        assert time.monotonic() < deadline, "the server's relay never tried the LRS"
        time.sleep(0.05)
    db.conn.close()
    yield live
    live.stop()


def shot(page: Page, name: str) -> None:
    folder = os.environ.get("PASAPAS_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_registres_warn_requeue_and_download(page: Page, server):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(f"{server.url}/agent/registres/")
    expect(page.get_by_role("heading", name="Connexion à la console")).to_be_visible()
    page.get_by_label("Nom").fill("claire")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("heading", name="Registres d'apprentissage")).to_be_visible()
    figures = page.get_by_role("list", name="Déclarations")
    expect(figures).to_contain_text(re.compile(r"3\s+en attente"))
    expect(figures).to_contain_text(re.compile(r"2\s+en échec"))
    expect(page.get_by_text("Le registre ne répond pas")).to_be_visible()
    expect(page.get_by_role("link", name="Registres")).to_have_attribute("aria-current", "page")
    failures = page.get_by_role("table")
    expect(failures.get_by_role("row")).to_have_count(3)  # the header and two failures
    assert_no_violations(page, "registres, LRS away, two failures")
    shot(page, "registres-1366")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Les déclarations en attente").click()
    download = download_info.value
    assert re.fullmatch(r"pasapas-registres-en-attente-\d{4}-\d\d-\d\d\.jsonl",
                        download.suggested_filename)
    lines = Path(download.path()).read_text().splitlines()
    assert len(lines) == 3 and all(json.loads(line)["id"] for line in lines)

    requeue = page.get_by_role("button", name="Remettre en file")
    requeue.focus()
    page.keyboard.press("Enter")  # a physical keyboard works as well as a tap
    expect(page.get_by_role("status")).to_contain_text("2 déclaration(s) remise(s) en file")
    expect(figures).to_contain_text(re.compile(r"0\s+en échec"))
    expect(page.get_by_role("table")).to_have_count(0)
    assert_no_violations(page, "registres after re-queue")
    shot(page, "registres-requeued-1366")

    page.set_viewport_size({"width": 390, "height": 844})
    assert_no_violations(page, "registres on a phone")
    shot(page, "registres-390")
    assert all(url.startswith(server.url) for url in seen), [
        u for u in seen if not u.startswith(server.url)]
