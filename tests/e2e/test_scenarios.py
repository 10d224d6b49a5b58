"""Every shipped scenario is a regression test of the replicas.

For each scenario file: its solution, played in Chromium in Autonomie mode, passes with the
score 1.0; each of its mistake paths, played in Entraînement mode, shows the feedback of the
mistakes it expects and ends with a lower score. Adding a YAML file adds its tests.
"""

from __future__ import annotations

import sqlite3

import pytest
from playwright.sync_api import Page

from kiosk.coach.loader import load_catalog
from kiosk.coach.model import lines_in
from kiosk.coach.replay import play, start

CATALOG = load_catalog()
MISTAKE_PATHS = [(sid, path.id) for sid, s in sorted(CATALOG.scenarios.items())
                 for path in s.mistake_paths]


def latest_attempt(live_server, scenario_id: str) -> dict:
    with sqlite3.connect(live_server.instance / "kiosk.db") as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM attempts WHERE scenario_id = ? ORDER BY id DESC LIMIT 1",
                         [scenario_id]).fetchone()
    return dict(row)


def test_every_scenario_file_loads():
    assert CATALOG.errors == [], "\n".join(map(str, CATALOG.errors))


@pytest.mark.parametrize("scenario_id", sorted(CATALOG.scenarios))
def test_the_solution_passes_in_autonomie_with_full_marks(page: Page, live_server, scenario_id):
    scenario = CATALOG.scenarios[scenario_id]
    page.goto("/")
    start(page, scenario, "autonomie")
    replay = play(page, scenario, scenario.solution)
    assert replay.steps_done == [step.id for step in scenario.steps]
    attempt = latest_attempt(live_server, scenario_id)
    assert (attempt["status"], attempt["score"], attempt["mode"]) == ("passed", 1.0, "autonomie")


@pytest.mark.parametrize("scenario_id, path_id", MISTAKE_PATHS)
def test_each_mistake_path_gets_its_feedback_and_a_lower_score(page: Page, live_server,
                                                               scenario_id, path_id):
    scenario = CATALOG.scenarios[scenario_id]
    path = next(p for p in scenario.mistake_paths if p.id == path_id)
    page.goto("/")
    start(page, scenario, "entrainement")
    replay = play(page, scenario, path.actions)
    mistakes = {m.id: m for m in scenario.mistakes + [m for step in scenario.steps
                                                      for m in step.mistakes]}
    for mistake_id in path.expects:
        expected = " ".join(lines_in(mistakes[mistake_id].feedback, "fr"))
        assert any(expected in seen for seen in replay.feedback_seen), (
            f"feedback of {mistake_id!r} was not shown; seen: {replay.feedback_seen}")
    attempt = latest_attempt(live_server, scenario_id)
    assert attempt["status"] in ("passed", "failed")
    assert attempt["score"] < 1.0
