"""The registration being filled in: kept in the world, so it can be left and resumed."""

from __future__ import annotations

import json

import sqlite_utils

from simulator import clock


def current(db: sqlite_utils.Database) -> dict | None:
    row = next(db["ft_registration"].rows_where(order_by="id DESC", limit=1), None)
    if row is None:
        return None
    row["data"] = json.loads(row["data"] or "{}")
    row["typed"] = json.loads(row["typed"] or "{}")
    return row


def start(db: sqlite_utils.Database, *, data: dict | None = None, step_reached: int = 1,
          started_at: str | None = None) -> None:
    db.execute("DELETE FROM ft_registration")
    db["ft_registration"].insert({
        "id": 1, "status": "draft", "step_reached": step_reached, "revision": 1,
        "data": json.dumps(data or {}, ensure_ascii=False), "typed": "{}",
        "started_at": started_at or clock.now().isoformat(timespec="minutes")})


def keep_typed(db: sqlite_utils.Database, step: int, values: dict) -> None:
    """What was typed on a step but not yet validated (the draft keeps everything)."""
    draft = current(db)
    typed = {**draft["typed"], str(step): values}
    db["ft_registration"].update(1, {"typed": json.dumps(typed, ensure_ascii=False)})


def save_step(db: sqlite_utils.Database, step: int, clean: dict, *, last_step: int) -> None:
    """A validated step: its answers kept, the next step opened, older forms made stale."""
    draft = current(db)
    data = {**draft["data"], str(step): clean}
    typed = {k: v for k, v in draft["typed"].items() if k != str(step)}
    db["ft_registration"].update(1, {
        "data": json.dumps(data, ensure_ascii=False), "typed": json.dumps(typed),
        "step_reached": min(max(draft["step_reached"], step + 1), last_step),
        "revision": draft["revision"] + 1})


def complete(db: sqlite_utils.Database, appointment: str) -> None:
    draft = current(db)
    db["ft_registration"].update(1, {
        "status": "done", "appointment": appointment, "revision": draft["revision"] + 1,
        "completed_at": clock.now().isoformat(timespec="minutes")})
