"""The SQL of « Mon carnet »: the steps a learner did, and the days they practised."""

from __future__ import annotations

import sqlite_utils


def _whose(learner_code: str | None, session_id: str | None) -> tuple[str, list]:
    if learner_code:
        return "a.learner_code = ?", [learner_code]
    return "a.session_id = ? AND a.learner_code IS NULL", [session_id or ""]


def steps_done(db: sqlite_utils.Database, *, learner_code: str | None,
               session_id: str | None) -> list[dict]:
    """Every step done, with its attempt's scenario and status, the oldest first."""
    where, params = _whose(learner_code, session_id)
    rows = db.execute(
        "SELECT a.scenario_id, a.status, s.step_id, s.outcome, s.done_at FROM step_results s "
        f"JOIN attempts a ON a.id = s.attempt_id WHERE {where} ORDER BY s.done_at", params)
    return [{"scenario_id": r[0], "status": r[1], "step_id": r[2], "outcome": r[3],
             "done_at": r[4]} for r in rows]


def practice_days(db: sqlite_utils.Database, *, learner_code: str | None,
                  session_id: str | None) -> tuple[float | None, float | None]:
    where, params = _whose(learner_code, session_id)
    return tuple(db.execute(f"SELECT MIN(a.started_at), MAX(a.started_at) FROM attempts a "
                            f"WHERE {where}", params).fetchone())
