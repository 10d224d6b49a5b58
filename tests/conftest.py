"""Fixtures shared by every layer of tests."""

from __future__ import annotations

import pytest
from flask import Flask
from jinja2 import BytecodeCache

from kiosk.app import create_app
from simulator.events import world_event
from tests.support.kiosk_client import KioskClient

# A Thursday: the working-day rules and the dates of the history are the same on every run.
TEST_TODAY = "2026-11-26"


def shift_to_noon() -> str:
    """SIMULATOR_CLOCK_SHIFT_SECONDS that puts the kiosk's time of day at noon in Paris.

    The pinned day leaves the real time of day: a test that adds an hour to « now » and reads
    the date would see the next day when it runs after 23:00."""
    import datetime as dt
    import time
    from zoneinfo import ZoneInfo

    now = dt.datetime.now(ZoneInfo("Europe/Paris"))
    return str(now.replace(hour=12, minute=0, second=0, microsecond=0).timestamp() - time.time())


class CompiledTemplates(BytecodeCache):
    """Every test makes its own app, and each app its own Jinja environment: without this, each
    test compiled again every template it rendered (half of a route test's time). The compiled
    code is shared by the apps of a worker; Jinja checks each template's source against its
    checksum, so an edited template is compiled again."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


# Every Flask app the tests create in this process (the live servers run in their own).
Flask.jinja_options = {**Flask.jinja_options, "bytecode_cache": CompiledTemplates()}


@pytest.fixture(scope="session")
def golden_dir(tmp_path_factory):
    """Goldens shared by every test of a worker: each test still gets its own worlds."""
    return tmp_path_factory.mktemp("golden")


@pytest.fixture()
def app(tmp_path, golden_dir):
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "GOLDEN_DIR": str(golden_dir),
            "SECRET_KEY": "tests",
            "SIMULATOR_TODAY": TEST_TODAY,
            "SIMULATOR_SEED": 1234,
            "KEYPAD_SEED_FROM_URL": True,
        }
    )
    yield app


@pytest.fixture()
def learner(app) -> KioskClient:
    """A learner at a kiosk, before anything is tapped."""
    return KioskClient(app.test_client(), app)


@pytest.fixture()
def banker(learner) -> KioskClient:
    """A learner who started « Ma banque » and logged in."""
    learner.start("banque")
    learner.login()
    return learner


@pytest.fixture()
def events():
    """Every event the simulated world emits during the test, in order."""
    seen = []

    def record(sender, event):
        seen.append(event)

    world_event.connect(record)
    yield seen
    world_event.disconnect(record)
