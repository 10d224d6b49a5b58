"""Figures of the reports, computed from the rows of kiosk.db (pure functions, unit-tested)."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta
from statistics import median

OUTCOMES = ("alone", "hints", "highlight", "mistakes")


def duration(attempt: dict) -> float | None:
    return attempt["ended_at"] - attempt["started_at"] if attempt["ended_at"] else None


def scenario_summary(attempts: list[dict]) -> dict:
    """Attempts, how they ended, pass rate (passed among all ended attempts, the abandoned ones
    included) and the median time of the attempts carried to the end (passed or failed)."""
    counts = {status: sum(1 for a in attempts if a["status"] == status)
              for status in ("passed", "failed", "abandoned")}
    finished = [duration(a) for a in attempts if a["status"] in ("passed", "failed")]
    finished = [d for d in finished if d is not None]
    return {"attempts": len(attempts), **counts,
            "pass_rate": counts["passed"] / len(attempts) if attempts else None,
            "median_seconds": median(finished) if finished else None,
            "learners": len({a["learner_code"] for a in attempts if a["learner_code"]})}


def funnel(steps: list, outcomes: dict[int, dict[str, int]], stopped: dict[int, int]) -> list[dict]:
    """One row per step of the scenario: how it was done, and how many stopped there."""
    rows = []
    for index, step in enumerate(steps):
        done = outcomes.get(index, {})
        row = {"index": index, "id": step.id, "label": step.instruction["fr"].split("\n")[0],
               **{outcome: done.get(outcome, 0) for outcome in OUTCOMES},
               "stopped": stopped.get(index, 0)}
        row["done"] = sum(row[o] for o in OUTCOMES)
        row["reached"] = row["done"] + row["stopped"]
        row["alone_share"] = row["alone"] / row["done"] if row["done"] else None
        rows.append(row)
    return rows


def period_key(timestamp: float, by: str) -> str:
    day = datetime.fromtimestamp(timestamp).date()
    if by == "mois":
        return day.strftime("%m/%Y")
    if by == "semaine":
        monday = day - timedelta(days=day.weekday())
        return "semaine du " + monday.strftime("%d/%m/%Y")
    return day.strftime("%d/%m/%Y")


def usage(sessions: list[dict], key) -> list[dict]:
    """Sessions, distinct learner codes, sessions without a code, and time, grouped by key."""
    groups: OrderedDict[str, list[dict]] = OrderedDict()
    for session in sessions:
        groups.setdefault(key(session), []).append(session)
    rows = []
    for name, members in groups.items():
        seconds = sum(s["ended_at"] - s["started_at"] for s in members)
        rows.append({"name": name, "sessions": len(members),
                     "learners": len({s["learner_code"] for s in members if s["learner_code"]}),
                     "guests": sum(1 for s in members if not s["learner_code"]),
                     "seconds": seconds, "mean_seconds": seconds / len(members)})
    return rows
