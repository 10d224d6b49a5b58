"""Midnight and the clock changes (docs/reliability.md, drill « minuit »): a session that crosses
midnight goes on, on the next day, and the world's clock never runs backwards; an exercise's
duration is counted in seconds that no clock change touches."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from kiosk.app import create_app
from simulator import clock
from tests.support import attempts
from tests.support.kiosk_client import KioskClient

PARIS = clock.PARIS


def shift_to(app, when: dt.datetime) -> None:
    """Move the kiosk's clock so that it reads ``when`` now (and runs on from there)."""
    app.config["SIMULATOR_CLOCK_SHIFT_SECONDS"] = when.timestamp() - time.time()


@pytest.fixture()
def live_clock_app(tmp_path, golden_dir):
    """The kiosk with its real clock (no pinned day), which the tests move."""
    return create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"),
                       "GOLDEN_DIR": str(golden_dir), "SECRET_KEY": "t",
                       "SIMULATOR_SEED": 1234})


@pytest.mark.parametrize("before, after", [
    # midnight
    (dt.datetime(2026, 11, 26, 23, 59, 59, 500_000, tzinfo=PARIS),
     dt.datetime(2026, 11, 27, 0, 0, 0, 500_000, tzinfo=PARIS)),
    # spring forward: 01:59:59 CET, then 03:00:00 CEST one second later
    (dt.datetime(2026, 3, 29, 0, 59, 59, tzinfo=dt.UTC).astimezone(PARIS),
     dt.datetime(2026, 3, 29, 1, 0, 0, tzinfo=dt.UTC).astimezone(PARIS)),
    # fall back: 02:59:59 CEST, then 02:00:00 CET one second later
    (dt.datetime(2026, 10, 25, 0, 59, 59, tzinfo=dt.UTC).astimezone(PARIS),
     dt.datetime(2026, 10, 25, 1, 0, 0, tzinfo=dt.UTC).astimezone(PARIS)),
], ids=["midnight", "spring-forward", "fall-back"])
def test_the_world_clock_never_runs_backwards(live_clock_app, before, after):
    app = live_clock_app
    # The world is made a few minutes before (making it may take longer than the half second
    # left before midnight on a busy machine), then the clock is put just before the change.
    shift_to(app, before - dt.timedelta(minutes=5))
    learner = KioskClient(app.test_client(), app)
    learner.start("banque")
    world = learner.world()
    with app.test_request_context():
        from flask import g

        g.world = world
        shift_to(app, before)
        first, first_day = clock.now(), clock.today()
        shift_to(app, after)
        world._today = None  # a new request reads the world's date again
        second, second_day = clock.now(), clock.today()
    world.close()
    # Instants, not wall times (Python compares two Paris times by their wall clock, and at
    # the fall-back 02:00 comes after 02:59): the bank stores and compares timestamps.
    assert 0 < second.timestamp() - first.timestamp() < 5
    assert second_day == after.date() and first_day == before.date()


def test_a_session_that_crosses_midnight_goes_on_on_the_next_day(live_clock_app):
    app = live_clock_app
    shift_to(app, dt.datetime(2026, 11, 26, 23, 59, 50, tzinfo=PARIS))
    learner = KioskClient(app.test_client(), app)
    attempts.start(learner, "guide", "banque-livret-a-vers-compte-courant")
    assert learner.login().status_code == 200

    shift_to(app, dt.datetime(2026, 11, 27, 0, 0, 10, tzinfo=PARIS))
    synthesis = learner.get("/sites/banque/synthese")
    assert synthesis.status_code == 200
    form = learner.soup(learner.get("/sites/banque/virements"))
    assert form.select_one("#date")["value"] == "27/11/2026"  # the next day, as on the real site
    accounts = {o.get_text(strip=True).split(" ")[0]: o["value"]
                for o in form.select("#de option[value]") if o["value"]}
    targets = {o.get_text(strip=True).split(" ")[0]: o["value"]
               for o in form.select("#vers option[value]") if o["value"]}
    drafted = learner.post("/sites/banque/virements", {
        "de": accounts["LIVRET"], "vers": targets["CCP"], "montant": "50",
        "date": "27/11/2026", "motif": ""})
    assert drafted.status_code == 303, learner.soup(drafted).get_text()[:300]
    review = drafted.headers["Location"]
    learner.get(review)
    done = learner.post(review)
    assert re.search(r"/recapitulatif$", done.headers["Location"])
    attempt = attempts.latest_attempt(learner)
    assert attempt["status"] == "passed"
    assert 0 <= attempt["ended_at"] - attempt["started_at"] < 600  # seconds, not a day
