"""Each world has its own date: the day its golden database was built for."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask, g

from kiosk.coach.model import Setup
from simulator import clock
from simulator.sandbox import Worlds
from simulator.world import bound_to


@pytest.mark.parametrize("base, day, expected", [
    ("2026-11-26", 2, "2026-12-02"),   # the window of the actualisation, from a 26th
    ("2026-12-10", 2, "2026-12-02"),
    ("2026-12-20", 2, "2027-01-02"),
    ("2026-12-17", 2, "2026-12-02"),
    ("2026-12-18", 2, "2027-01-02"),
    ("2027-02-10", 30, "2027-01-30"),  # no 30 February: the end of the month counts
    ("2027-02-20", 30, "2027-02-28"),
    ("2026-11-26", 26, "2026-11-26"),
])
def test_the_nearest_day_of_a_month(base, day, expected):
    assert clock.nearest_day_of_month(dt.date.fromisoformat(base), day) == dt.date.fromisoformat(
        expected)


def test_a_setup_date_is_a_day_of_the_month_or_a_number_of_days():
    base = dt.date(2026, 11, 26)
    assert Setup.model_validate({"date": {"day": 2}}).world_date(base) == dt.date(2026, 12, 2)
    assert Setup.model_validate({"date": {"in_days": -3}}).world_date(base) == dt.date(2026, 11,
                                                                                        23)
    assert Setup.model_validate({}).world_date(base) == base
    with pytest.raises(ValueError, match="exactly one"):
        Setup.model_validate({"date": {"day": 2, "in_days": 1}})


def test_a_world_keeps_its_date_and_the_clock_follows_it(tmp_path):
    app = Flask(__name__)
    app.config["SIMULATOR_TODAY"] = "2026-11-26"
    worlds = Worlds(tmp_path)
    world = worlds.create("martine", day=dt.date(2026, 12, 2), seed=1)
    reopened = worlds.open(world.id)
    try:
        assert reopened.today == dt.date(2026, 12, 2)
        with app.app_context():
            assert clock.today() == dt.date(2026, 11, 26)
            with bound_to(reopened):
                assert clock.today() == dt.date(2026, 12, 2)
                assert clock.now().date() == dt.date(2026, 12, 2)
            assert clock.today() == dt.date(2026, 11, 26) and g.get("world") is None
    finally:
        world.close()
        reopened.close()


def test_goldens_of_several_days_live_side_by_side(tmp_path):
    worlds = Worlds(tmp_path)
    first = worlds.golden("martine", dt.date(2026, 11, 26))
    second = worlds.golden("martine", dt.date(2026, 12, 2))
    assert first.exists() and second.exists() and first != second
