"""The coach: moves a learner's attempt through its steps as the simulated world reports what
the learner did. Everything lives in kiosk.db, so a restart loses nothing."""

from __future__ import annotations

import time

from flask import current_app, g, has_request_context

from kiosk.coach import store
from kiosk.coach.loader import Catalog
from kiosk.coach.matcher import matches
from kiosk.coach.model import Scenario
from kiosk.coach.scoring import StepRecord, passed, scenario_score, stars
from kiosk.database import get_db
from kiosk.records import outbox as xapi_outbox
from simulator.db import write_transaction
from simulator.events import Event

MODES = ("guide", "entrainement", "autonomie")


def catalog() -> Catalog:
    return current_app.extensions["pasapas.catalog"]


def scenario_of(attempt: dict) -> Scenario | None:
    return catalog().scenarios.get(attempt["scenario_id"])


def on_world_event(_sender, event: Event) -> None:
    """Subscribed to the simulator's events (kiosk.app). Most events mean nothing to the
    exercise (a page seen, no exercise running): they are told apart by reading, and only an
    event that moves the attempt takes kiosk.db's write lock (a page that only shows something
    must not queue behind every other kiosk's writes)."""
    if not has_request_context() or event.world_id is None:
        return
    db = get_db()
    if not _concerns_the_attempt(db, event):
        return
    with write_transaction(db):
        attempt = store.running_attempt_for_world(db, event.world_id)  # again, under the lock
        scenario = scenario_of(attempt) if attempt else None
        if scenario is None:
            return
        step = scenario.steps[attempt["current_step"]]
        if any(matches(way, event.name, event.data) for way in step.ways):
            _complete_step(db, attempt, scenario)
        else:
            mistake = _mistake_for(scenario, step, event)
            if mistake is None:
                return
            changes = {"step_mistakes": attempt["step_mistakes"] + 1,
                       "step_critical": int(attempt["step_critical"] or mistake.critical),
                       "feedback": {"mistake": mistake.id, "step": attempt["current_step"]}}
            if attempt["mode"] == "guide":
                # Guidé: each mistake climbs the ladder by itself.
                changes["hint_level"] = min(3, attempt["hint_level"] + 1)
            store.update_attempt(db, attempt["id"], **changes)
            if mistake.ends:
                _end_after_irreversible_mistake(db, attempt, scenario, mistake.id)
    g.coach_changed = True


def _concerns_the_attempt(db, event: Event) -> bool:
    """A running attempt in this world whose current step the event completes or gets wrong."""
    attempt = store.running_attempt_for_world(db, event.world_id)
    scenario = scenario_of(attempt) if attempt else None
    if scenario is None or attempt["current_step"] >= len(scenario.steps):
        return False
    step = scenario.steps[attempt["current_step"]]
    return (any(matches(way, event.name, event.data) for way in step.ways)
            or _mistake_for(scenario, step, event) is not None)


def _mistake_for(scenario: Scenario, step, event: Event):
    return next((m for m in step.mistakes + scenario.mistakes
                 if matches(m.when, event.name, event.data)), None)


def _complete_step(db, attempt: dict, scenario: Scenario) -> None:
    step = scenario.steps[attempt["current_step"]]
    store.record_step(db, attempt, step.id, StepRecord(
        attempt["hint_level"], attempt["step_mistakes"], bool(attempt["step_critical"])))
    next_index = attempt["current_step"] + 1
    now = time.time()
    if next_index < len(scenario.steps):
        store.update_attempt(db, attempt["id"], current_step=next_index, hint_level=0,
                             step_mistakes=0, step_critical=0, feedback=None,
                             step_started_at=now)
        return
    records = [StepRecord(r["hint_level"], r["mistakes"], bool(r["critical"]))
               for r in store.step_results(db, attempt["id"])]
    score = scenario_score(records, len(scenario.steps))
    store.update_attempt(
        db, attempt["id"], current_step=next_index, hint_level=0, step_mistakes=0, feedback=None,
        score=score, stars=stars(score, scenario.mastery),
        status="passed" if passed(score, scenario.mastery) else "failed", ended_at=now)
    xapi_outbox.attempt_ended(db, store.attempt(db, attempt["id"]))


def _end_after_irreversible_mistake(db, attempt: dict, scenario: Scenario, mistake_id: str) -> None:
    """Something that cannot be undone happened (a card opposed for good): the exercise stops,
    failed, and the result screen says why."""
    records = [StepRecord(r["hint_level"], r["mistakes"], bool(r["critical"]))
               for r in store.step_results(db, attempt["id"])]
    score = scenario_score(records, len(scenario.steps))
    store.update_attempt(db, attempt["id"], status="failed", score=score, ended_at=time.time(),
                         stars=stars(score, scenario.mastery),
                         feedback={"mistake": mistake_id, "step": attempt["current_step"],
                                   "ended": True})
    xapi_outbox.attempt_ended(db, store.attempt(db, attempt["id"]))


def ask_hint(attempt: dict) -> None:
    """« Un indice »: one rung up the ladder (never in Autonomie)."""
    if attempt["mode"] == "autonomie" or attempt["status"] != "running":
        return
    db = get_db()
    with write_transaction(db):
        store.update_attempt(db, attempt["id"], hint_level=min(3, attempt["hint_level"] + 1))


def stop(attempt: dict) -> None:
    db = get_db()
    with write_transaction(db):
        store.update_attempt(db, attempt["id"], status="abandoned", ended_at=time.time())
        xapi_outbox.attempt_ended(db, store.attempt(db, attempt["id"]), reason="stopped")
