"""The SQL behind the reports: attempts, step outcomes, where attempts stopped, sessions."""

from __future__ import annotations

# Ended attempts only: a running one is not a result yet.
_ENDED = "a.status != 'running' AND a.started_at >= :since AND a.started_at < :until"


def attempts(db, since: float, until: float, scenario_id: str | None = None) -> list[dict]:
    """Every ended attempt of the period (oldest first), with the totals of its steps."""
    where = _ENDED + (" AND a.scenario_id = :scenario" if scenario_id else "")
    rows = db.execute(
        "SELECT a.id, a.learner_code, a.scenario_id, a.site, a.mode, a.lang, a.status, a.score, "
        "a.stars, a.started_at, a.ended_at, COUNT(r.id), COALESCE(SUM(r.hint_level), 0), "
        "COALESCE(SUM(r.mistakes), 0), COALESCE(SUM(r.highlight), 0) "
        f"FROM attempts a LEFT JOIN step_results r ON r.attempt_id = a.id WHERE {where} "
        "GROUP BY a.id ORDER BY a.started_at, a.id",
        {"since": since, "until": until, "scenario": scenario_id})
    names = ("id", "learner_code", "scenario_id", "site", "mode", "lang", "status", "score",
             "stars", "started_at", "ended_at", "steps_done", "hints", "mistakes", "highlights")
    return [dict(zip(names, row, strict=True)) for row in rows]


def step_outcomes(db, scenario_id: str, since: float, until: float) -> dict[int, dict[str, int]]:
    """For each step index: how many step results of each outcome (alone, hints, …)."""
    found: dict[int, dict[str, int]] = {}
    for index, outcome, count in db.execute(
            "SELECT r.step_index, r.outcome, COUNT(*) FROM step_results r "
            f"JOIN attempts a ON a.id = r.attempt_id WHERE a.scenario_id = :scenario AND {_ENDED} "
            "GROUP BY r.step_index, r.outcome",
            {"scenario": scenario_id, "since": since, "until": until}):
        found.setdefault(index, {})[outcome] = count
    return found


def stopped_at(db, scenario_id: str, since: float, until: float) -> dict[int, int]:
    """For each step index: the attempts that ended there, the step not done (stopped by the
    learner, the end of the session, or a mistake that cannot be undone)."""
    return dict(db.execute(
        "SELECT a.current_step, COUNT(*) FROM attempts a WHERE a.scenario_id = :scenario "
        f"AND {_ENDED} AND a.status IN ('failed', 'abandoned') AND NOT EXISTS (SELECT 1 FROM "
        "step_results r WHERE r.attempt_id = a.id AND r.step_index = a.current_step) "
        "GROUP BY a.current_step", {"scenario": scenario_id, "since": since, "until": until}
    ).fetchall())


def sessions(db, since: float, until: float) -> list[dict]:
    """The learner sessions that ended in the period."""
    return [{"kiosk_id": r[0], "learner_code": r[1], "started_at": r[2], "ended_at": r[3]}
            for r in db.execute(
                "SELECT kiosk_id, learner_code, started_at, ended_at FROM session_log "
                "WHERE ended_at >= ? AND ended_at < ? ORDER BY started_at", [since, until])]
