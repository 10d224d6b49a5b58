"""All SQL of the coach: attempts, step results, help requests, learner codes (kiosk.db)."""

from __future__ import annotations

import json
import time

import sqlite_utils

from kiosk.coach.scoring import StepRecord
from kiosk.records import outbox as xapi_outbox
from simulator.db import write_transaction

_ATTEMPT_COLUMNS = ("id, session_id, learner_code, world_id, scenario_id, site, mode, lang, "
                    "status, current_step, hint_level, step_mistakes, step_critical, feedback, "
                    "score, stars, started_at, step_started_at, ended_at")


def _attempt(row) -> dict | None:
    if row is None:
        return None
    attempt = dict(zip([c.strip() for c in _ATTEMPT_COLUMNS.split(",")], row, strict=True))
    attempt["feedback"] = json.loads(attempt["feedback"]) if attempt["feedback"] else None
    return attempt


def create_attempt(db: sqlite_utils.Database, *, session_id: str, learner_code: str | None,
                   world_id: str, scenario_id: str, site: str, mode: str, lang: str) -> int:
    now = time.time()
    with write_transaction(db):
        # One running attempt per session: starting another one abandons the previous one.
        _abandon_running(db, session_id, now, "restarted")
        attempt_id = db["attempts"].insert({
            "session_id": session_id, "learner_code": learner_code, "world_id": world_id,
            "scenario_id": scenario_id, "site": site, "mode": mode, "lang": lang,
            "status": "running", "current_step": 0, "hint_level": 0, "step_mistakes": 0,
            "feedback": None, "started_at": now, "step_started_at": now,
        }).last_pk
        xapi_outbox.attempt_started(db, attempt(db, attempt_id))
        return attempt_id


def attempt(db: sqlite_utils.Database, attempt_id: int) -> dict | None:
    return _attempt(db.execute(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE id = ?",
                               [attempt_id]).fetchone())


def running_attempt_for_world(db: sqlite_utils.Database, world_id: str | None) -> dict | None:
    if not world_id:
        return None
    return _attempt(db.execute(
        f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE world_id = ? AND status = 'running' "
        "ORDER BY id DESC LIMIT 1", [world_id]).fetchone())


def latest_attempt_for_session(db: sqlite_utils.Database, session_id: str | None) -> dict | None:
    if not session_id:
        return None
    return _attempt(db.execute(
        f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE session_id = ? ORDER BY id DESC LIMIT 1",
        [session_id]).fetchone())


def update_attempt(db: sqlite_utils.Database, attempt_id: int, **changes) -> None:
    if "feedback" in changes and changes["feedback"] is not None:
        changes["feedback"] = json.dumps(changes["feedback"])
    db["attempts"].update(attempt_id, changes)


def record_step(db: sqlite_utils.Database, attempt: dict, step_id: str, record: StepRecord) -> None:
    row = {
        "attempt_id": attempt["id"], "step_index": attempt["current_step"], "step_id": step_id,
        "hint_level": record.hint_level, "highlight": int(record.highlight),
        "mistakes": record.mistakes, "critical": int(record.critical), "outcome": record.outcome,
        "score": record.score,
        "started_at": attempt["step_started_at"], "done_at": time.time(),
    }
    db["step_results"].insert(row)
    xapi_outbox.step_done(db, attempt, row)


def step_results(db: sqlite_utils.Database, attempt_id: int) -> list[dict]:
    return list(db["step_results"].rows_where("attempt_id = ?", [attempt_id],
                                              order_by="step_index"))


def abandon_running(db: sqlite_utils.Database, session_id: str, reason: str = "finished") -> None:
    """reason: why the session ends (finished, expired, adviser), for the learning records."""
    with write_transaction(db):
        _abandon_running(db, session_id, time.time(), reason)


def _abandon_running(db: sqlite_utils.Database, session_id: str, now: float, reason: str) -> None:
    running = [_attempt(row) for row in db.execute(
        f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE session_id = ? AND status = 'running'",
        [session_id])]
    for stopped in running:
        db.execute("UPDATE attempts SET status = 'abandoned', ended_at = ? WHERE id = ?",
                   [now, stopped["id"]])
        xapi_outbox.attempt_ended(db, {**stopped, "status": "abandoned", "ended_at": now}, reason)


def passed_scenarios(db: sqlite_utils.Database, *, learner_code: str | None,
                     session_id: str | None) -> dict[str, int]:
    """Best stars of each passed scenario: of the learner's code, or of this guest session."""
    if learner_code:
        rows = db.execute("SELECT scenario_id, MAX(stars) FROM attempts WHERE learner_code = ? "
                          "AND status = 'passed' GROUP BY scenario_id", [learner_code])
    else:
        rows = db.execute("SELECT scenario_id, MAX(stars) FROM attempts WHERE session_id = ? "
                          "AND learner_code IS NULL AND status = 'passed' GROUP BY scenario_id",
                          [session_id or ""])
    return {sid: stars for sid, stars in rows}


def record_help_request(db: sqlite_utils.Database, session_id: str, attempt_id: int | None) -> None:
    with write_transaction(db):
        db["help_requests"].insert({"session_id": session_id, "attempt_id": attempt_id,
                                    "created_at": time.time(), "acknowledged_at": None})


def open_help_request(db: sqlite_utils.Database, session_id: str | None) -> dict | None:
    rows = list(db["help_requests"].rows_where(
        "session_id = ? AND acknowledged_at IS NULL", [session_id or ""], order_by="id DESC",
        limit=1))
    return rows[0] if rows else None


# --- learner codes --------------------------------------------------------------------------

def create_learner(db: sqlite_utils.Database, code: str) -> bool:
    """Record a new code; False if it already exists (the caller draws another)."""
    with write_transaction(db):
        if db.execute("SELECT 1 FROM learners WHERE code = ?", [code]).fetchone():
            return False
        now = time.time()
        db["learners"].insert({"code": code, "created_at": now, "last_seen": now})
        return True


def learner_exists(db: sqlite_utils.Database, code: str) -> bool:
    return db.execute("SELECT 1 FROM learners WHERE code = ?", [code]).fetchone() is not None


def assigned_parcours(db: sqlite_utils.Database, code: str | None) -> str | None:
    """The parcours an adviser gave to this code (the console's Apprenants page), if any."""
    if not code:
        return None
    row = db.execute("SELECT parcours_id FROM learners WHERE code = ?", [code]).fetchone()
    return row[0] if row else None


def touch_learner(db: sqlite_utils.Database, code: str) -> None:
    with write_transaction(db):
        db.execute("UPDATE learners SET last_seen = ? WHERE code = ?", [time.time(), code])
