"""A GET that changes nothing takes no write lock, in kiosk.db or in the learner's world.

Every kiosk queues its writes behind one lock on kiosk.db: a page that only shows something
must not take it (docs/reliability.md, « Speed »). Each SQL statement sent to SQLite is traced
while a logged-in learner opens every page of the bank again, with and without an exercise
running; the touches that are written at most every few seconds (the session's last request,
the bank's own session clock) are put out of reach of the test's duration.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk import sessions
from simulator import db as dbhelpers
from simulator.sites.banque.routes import guard
from tests.support import attempts
from tests.web.test_bad_input_sweep import crawl

WRITE = re.compile(r"^\s*(BEGIN IMMEDIATE|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)", re.I)
# Pages whose GET changes what the learner sees next, on purpose (none in the bank yet).
CHANGES_ON_PURPOSE: set[str] = set()


@pytest.fixture()
def statements(monkeypatch):
    seen: list[tuple[str, str]] = []
    real = dbhelpers.connect

    def traced(path, **kwargs):
        db = real(path, **kwargs)
        name = "kiosk.db" if Path(path).name == "kiosk.db" else "world"
        db.conn.set_trace_callback(lambda sql: seen.append((name, sql)))
        return db

    monkeypatch.setattr(dbhelpers, "connect", traced)
    monkeypatch.setattr(sessions, "TOUCH_EVERY_SECONDS", 3600)
    monkeypatch.setattr(guard, "TOUCH_EVERY_SECONDS", 3600)
    return seen


def _writes_of_pages(learner, pages: set[str], statements) -> dict[str, list[str]]:
    found = {}
    for path in sorted(pages):
        statements.clear()
        assert learner.get(path).status_code < 400, path
        writes = [f"{db}: {sql[:90]}" for db, sql in statements if WRITE.match(sql)]
        if writes:
            found[path] = writes
    return found


def test_bank_pages_write_nothing_without_an_exercise(banker, statements):
    pages, _, _ = crawl(banker, ["/sites/banque/synthese"], "/sites/banque/")
    assert len(pages) > 10
    pages -= CHANGES_ON_PURPOSE
    assert _writes_of_pages(banker, pages, statements) == {}


def test_bank_pages_write_nothing_while_an_exercise_waits_for_something_else(
        learner, statements):
    """« Télécharger un relevé »: the pages seen on the way do not move the exercise; the coach
    reads the attempt to know it, and takes no lock."""
    attempts.start(learner, "guide", "banque-releve")
    learner.login()
    pages, _, _ = crawl(learner, ["/sites/banque/synthese"], "/sites/banque/")
    pages = {p for p in pages if "releve" not in p} - CHANGES_ON_PURPOSE
    assert _writes_of_pages(learner, pages, statements) == {}


def test_the_kiosk_pages_and_a_repeated_heartbeat_write_nothing(banker, statements):
    beat = "/borne/battement?page=/sites/banque/synthese&seance=1"
    headers = {"X-Kiosk-Id": "borne-3"}
    banker.get(beat, headers=headers)  # the first beat of a kiosk is written
    statements.clear()
    for path in ("/", "/seance/fiche", "/code", "/parcours/premiers-pas-banque"):
        assert banker.get(path).status_code == 200
    assert banker.get(beat, headers=headers).status_code in (200, 204)
    assert [sql for _, sql in statements if WRITE.match(sql)] == []
