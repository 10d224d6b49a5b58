"""run_kiosk.py records status | export | requeue | relay, on a kiosk with queued statements."""

from __future__ import annotations

import json

import pytest

import run_kiosk
from kiosk.database import get_db
from kiosk.records import store
from tests.support.attempts import outbox, play_connexion
from tests.support.fake_lrs import FakeLRS


@pytest.fixture()
def kiosk_with_records(app, learner, monkeypatch):
    """A kiosk whose outbox holds one finished attempt (6 statements), and the commands
    pointed at its instance folder as an operator's environment would."""
    play_connexion(learner)
    monkeypatch.setenv("PASAPAS_INSTANCE_PATH", app.instance_path)
    for name in ("XAPI_LRS_URL", "XAPI_LRS_USERNAME", "XAPI_LRS_PASSWORD"):
        monkeypatch.delenv(f"PASAPAS_{name}", raising=False)
    return app


def test_status_counts_and_says_no_lrs_is_configured(kiosk_with_records, capsys):
    assert run_kiosk.main(["records", "status"]) == 0
    out = capsys.readouterr().out
    assert "pending: 6  failed: 0  sent: 0" in out
    assert "oldest pending:" in out and "none configured" in out


def test_export_prints_the_pending_statements_as_json_lines(kiosk_with_records, capsys):
    assert run_kiosk.main(["records", "export"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [
        r["id"] for r in outbox(kiosk_with_records)]
    assert json.loads(lines[0])["verb"]["id"] == "http://adlnet.gov/expapi/verbs/initialized"
    assert run_kiosk.main(["records", "export", "--status", "failed"]) == 0
    assert capsys.readouterr().out == ""


def test_requeue_puts_failed_statements_back_in_the_queue(kiosk_with_records, capsys):
    app = kiosk_with_records
    with app.test_request_context():
        store.mark_failed(get_db(), [r["id"] for r in outbox(app)][:2], 400, "refused")
    assert run_kiosk.main(["records", "status"]) == 0
    out = capsys.readouterr().out
    assert "pending: 4  failed: 2" in out and "HTTP 400): refused" in out
    assert run_kiosk.main(["records", "requeue"]) == 0
    assert "2 statement(s) re-queued." in capsys.readouterr().out
    with app.test_request_context():
        assert store.counts(get_db())["pending"] == 6


def test_relay_needs_an_lrs(kiosk_with_records, capsys):
    assert run_kiosk.main(["records", "relay", "--once"]) == 1
    assert "No LRS configured" in capsys.readouterr().err


def test_relay_once_sends_what_is_due(kiosk_with_records, monkeypatch, capsys):
    lrs = FakeLRS().start()
    try:
        monkeypatch.setenv("PASAPAS_XAPI_LRS_URL", lrs.endpoint)
        assert run_kiosk.main(["records", "relay", "--once"]) == 0
        assert "0 statement(s) pending" in capsys.readouterr().out
        assert lrs.posted_ids() == [[r["id"] for r in outbox(kiosk_with_records)]]
        lrs.answer(503)
        kiosk = kiosk_with_records
        with kiosk.test_request_context():
            get_db().execute("UPDATE xapi_outbox SET status = 'pending'")
        assert run_kiosk.main(["records", "relay", "--once"]) == 1  # still waiting: exit 1
        assert "6 statement(s) pending" in capsys.readouterr().out
    finally:
        lrs.stop()
