"""All SQL of « Par où commencer ? » (kiosk.db, table diagnostics)."""

from __future__ import annotations

import json
import time

import sqlite_utils

from simulator.db import first_row

_JSON = ("results", "answers", "questions", "proposal")


def _row(row: dict | None) -> dict | None:
    if row is None:
        return None
    found = dict(row)
    for key in _JSON:
        default = [] if key in ("questions", "proposal") else {}
        found[key] = json.loads(found[key]) if found.get(key) else default
    return found


def create(db: sqlite_utils.Database, *, session_id: str, learner_code: str | None,
           world_id: str, lang: str) -> int:
    now = time.time()
    return db["diagnostics"].insert({
        "session_id": session_id, "learner_code": learner_code, "world_id": world_id,
        "lang": lang, "status": "running", "phase": "tasks", "task_index": 0,
        "task_started_at": now, "task_done": 0, "task_wrong": 0, "results": "{}",
        "answers": "{}", "questions": "[]", "proposal": "[]", "started_at": now,
    }).last_pk


def get(db: sqlite_utils.Database, diagnostic_id: int) -> dict | None:
    rows = list(db["diagnostics"].rows_where("id = ?", [diagnostic_id]))
    return _row(rows[0] if rows else None)


def latest_for_session(db: sqlite_utils.Database, session_id: str | None) -> dict | None:
    if not session_id:
        return None
    # This one and the next are read on every page (the kiosk's panels): plain SQL.
    return _row(first_row(db, "SELECT * FROM diagnostics WHERE session_id = ? "
                              "ORDER BY id DESC LIMIT 1", [session_id]))


def running_for_world(db: sqlite_utils.Database, world_id: str | None) -> dict | None:
    if not world_id:
        return None
    return _row(first_row(db, "SELECT * FROM diagnostics WHERE world_id = ? AND status = "
                              "'running' ORDER BY id DESC LIMIT 1", [world_id]))


def of_learner(db: sqlite_utils.Database, code: str | None, limit: int = 5) -> list[dict]:
    """The learner's diagnostics, the newest first."""
    if not code:
        return []
    return [_row(r) for r in db["diagnostics"].rows_where(
        "learner_code = ?", [code], order_by="id DESC", limit=limit)]


def latest_proposal(db: sqlite_utils.Database, *, learner_code: str | None,
                    session_id: str | None) -> list[dict]:
    """What the newest finished diagnostic proposed: of the code, or of this guest session."""
    if learner_code:
        where, params = "learner_code = ?", [learner_code]
    elif session_id:
        where, params = "session_id = ? AND learner_code IS NULL", [session_id]
    else:
        return []
    rows = list(db["diagnostics"].rows_where(f"{where} AND proposal != '[]'", params,
                                             order_by="id DESC", limit=1))
    return _row(rows[0])["proposal"] if rows else []


def update(db: sqlite_utils.Database, diagnostic_id: int, **changes) -> None:
    for key in _JSON:
        if key in changes:
            changes[key] = json.dumps(changes[key], ensure_ascii=False)
    db["diagnostics"].update(diagnostic_id, changes)


def forget_learner(db: sqlite_utils.Database, code: str) -> None:
    """Runs in the caller's transaction."""
    db.execute("DELETE FROM diagnostics WHERE learner_code = ?", [code])
