"""All SQL of the adviser console: accounts, console sessions, failed logins, learner codes.

The figures of the reports are read in :mod:`kiosk.agent.report_store`.
"""

from __future__ import annotations

import json
import time

import sqlite_utils

from simulator.db import write_transaction

Database = sqlite_utils.Database


# --- advisers ---------------------------------------------------------------------------------

def name_key(name: str) -> str:
    return name.strip().casefold()


def create_adviser(db: Database, name: str, password_hash: str) -> bool:
    """False when an adviser of that name (whatever its case) already exists."""
    now = time.time()
    with write_transaction(db):
        if db.execute("SELECT 1 FROM advisers WHERE name_key = ?", [name_key(name)]).fetchone():
            return False
        db["advisers"].insert({"name": name.strip(), "name_key": name_key(name),
                               "password_hash": password_hash, "created_at": now,
                               "password_changed_at": now, "last_login_at": None})
    return True


def adviser_by_name(db: Database, name: str) -> dict | None:
    rows = list(db["advisers"].rows_where("name_key = ?", [name_key(name)], limit=1))
    return rows[0] if rows else None


def adviser_by_id(db: Database, adviser_id: int) -> dict | None:
    rows = list(db["advisers"].rows_where("id = ?", [adviser_id], limit=1))
    return rows[0] if rows else None


def advisers(db: Database) -> list[dict]:
    return list(db["advisers"].rows_where(order_by="name_key"))


def set_password(db: Database, adviser_id: int, password_hash: str) -> None:
    with write_transaction(db):
        db.execute("UPDATE advisers SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                   [password_hash, time.time(), adviser_id])


def record_login(db: Database, adviser_id: int) -> None:
    with write_transaction(db):
        db.execute("UPDATE advisers SET last_login_at = ? WHERE id = ?", [time.time(), adviser_id])


def delete_adviser(db: Database, adviser_id: int) -> None:
    """The account and every console session it had."""
    with write_transaction(db):
        db.execute("DELETE FROM adviser_sessions WHERE adviser_id = ?", [adviser_id])
        db.execute("DELETE FROM advisers WHERE id = ?", [adviser_id])


# --- console sessions -------------------------------------------------------------------------

def load_console_session(db: Database, sid: str) -> dict | None:
    row = db.execute("SELECT id, adviser_id, created_at, last_seen, data FROM adviser_sessions "
                     "WHERE id = ?", [sid]).fetchone()
    if row is None:
        return None
    return {"id": row[0], "adviser_id": row[1], "created_at": row[2], "last_seen": row[3],
            "data": json.loads(row[4] or "{}")}


def create_console_session(db: Database, sid: str, adviser_id: int | None, now: float,
                           data: dict) -> None:
    with write_transaction(db):
        db["adviser_sessions"].insert({"id": sid, "adviser_id": adviser_id, "created_at": now,
                                       "last_seen": now, "data": json.dumps(data)})


def save_console_session(db: Database, sid: str, now: float, data: dict) -> None:
    db.execute("UPDATE adviser_sessions SET last_seen = ?, data = ? WHERE id = ?",
               [now, json.dumps(data), sid])


def save_console_session_data(db: Database, sid: str, data: dict) -> None:
    """A quiet request (the board's polling) may change the data, never the idle clock."""
    db.execute("UPDATE adviser_sessions SET data = ? WHERE id = ?", [json.dumps(data), sid])


def touch_console_session(db: Database, sid: str, now: float) -> None:
    db.execute("UPDATE adviser_sessions SET last_seen = ? WHERE id = ?", [now, sid])


def delete_console_session(db: Database, sid: str) -> None:
    with write_transaction(db):
        db.execute("DELETE FROM adviser_sessions WHERE id = ?", [sid])


def delete_other_console_sessions(db: Database, adviser_id: int, keep: str | None) -> None:
    """After a password change, every other browser of that adviser is logged out."""
    with write_transaction(db):
        db.execute("DELETE FROM adviser_sessions WHERE adviser_id = ? AND id != ?",
                   [adviser_id, keep or ""])


def delete_stale_console_sessions(db: Database, now: float, idle: float, lifetime: float) -> int:
    with write_transaction(db):
        cursor = db.execute("DELETE FROM adviser_sessions WHERE last_seen < ? OR created_at < ?",
                            [now - idle, now - lifetime])
    return cursor.rowcount


# --- failed logins ----------------------------------------------------------------------------

def recent_failures(db: Database, scope: str, key: str, since: float) -> list[float]:
    """When the failures of this account or address since ``since`` happened, newest first."""
    return [r[0] for r in db.execute(
        "SELECT at FROM login_failures WHERE scope = ? AND key = ? AND at >= ? ORDER BY at DESC",
        [scope, key, since])]


def record_failure(db: Database, keys: dict[str, str], now: float) -> None:
    with write_transaction(db):
        for scope, key in keys.items():
            db["login_failures"].insert({"scope": scope, "key": key, "at": now})


def forget_failures(db: Database, scope: str, key: str) -> None:
    with write_transaction(db):
        db.execute("DELETE FROM login_failures WHERE scope = ? AND key = ?", [scope, key])


# --- learner codes ----------------------------------------------------------------------------

def learners(db: Database) -> list[dict]:
    """Every code, newest first, with how many attempts it made."""
    rows = db.execute(
        "SELECT l.code, l.created_at, l.last_seen, l.parcours_id, COUNT(a.id) "
        "FROM learners l LEFT JOIN attempts a ON a.learner_code = l.code "
        "GROUP BY l.code ORDER BY l.created_at DESC, l.code")
    return [{"code": r[0], "created_at": r[1], "last_seen": r[2], "parcours_id": r[3],
             "attempts": r[4]} for r in rows]


def learner(db: Database, code: str) -> dict | None:
    rows = list(db["learners"].rows_where("code = ?", [code], limit=1))
    return rows[0] if rows else None


def assign_parcours(db: Database, code: str, parcours_id: str | None) -> None:
    with write_transaction(db):
        db.execute("UPDATE learners SET parcours_id = ? WHERE code = ?", [parcours_id, code])


def attempts_of_learner(db: Database, code: str) -> list[dict]:
    return list(db["attempts"].rows_where("learner_code = ? AND status != 'running'", [code],
                                          order_by="started_at"))


def sessions_of_learner(db: Database, code: str) -> list[str]:
    """The live learner sessions that carry this code (to end them when the code is deleted)."""
    return [r[0] for r in db.execute(
        "SELECT id FROM sessions WHERE json_extract(data, '$.learner') = ?", [code])]


def delete_learner(db: Database, code: str) -> None:
    """Everything kept about a code: its attempts, their step results and help requests, its
    sessions in the log, and the code itself."""
    with write_transaction(db):
        ids = "SELECT id FROM attempts WHERE learner_code = ?"
        db.execute(f"DELETE FROM step_results WHERE attempt_id IN ({ids})", [code])
        db.execute(f"DELETE FROM help_requests WHERE attempt_id IN ({ids})", [code])
        db.execute("DELETE FROM attempts WHERE learner_code = ?", [code])
        db.execute("DELETE FROM session_log WHERE learner_code = ?", [code])
        db.execute("DELETE FROM diagnostics WHERE learner_code = ?", [code])
        db.execute("DELETE FROM learners WHERE code = ?", [code])


# --- the session log (reports per period and per kiosk) ---------------------------------------

def log_session(db: Database, *, kiosk_id: str | None, learner_code: str | None,
                started_at: float, ended_at: float, end_reason: str) -> None:
    with write_transaction(db):
        db["session_log"].insert({"kiosk_id": kiosk_id, "learner_code": learner_code,
                                  "started_at": started_at, "ended_at": ended_at,
                                  "end_reason": end_reason})


# --- the live board ---------------------------------------------------------------------------

def attempt_totals(db: Database, attempt_id: int) -> tuple[int, int]:
    """Hints and mistakes of the steps already done (the current step's are on the attempt)."""
    row = db.execute("SELECT COALESCE(SUM(hint_level), 0), COALESCE(SUM(mistakes), 0) "
                     "FROM step_results WHERE attempt_id = ?", [attempt_id]).fetchone()
    return row[0], row[1]


def open_help_requests(db: Database) -> list[dict]:
    return list(db["help_requests"].rows_where("acknowledged_at IS NULL", order_by="created_at"))


def help_request(db: Database, request_id: int) -> dict | None:
    rows = list(db["help_requests"].rows_where("id = ?", [request_id], limit=1))
    return rows[0] if rows else None
