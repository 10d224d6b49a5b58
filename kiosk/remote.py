"""What the adviser can do to a learner's screen from the console.

Each action leaves a notice that the screen picks up with its next heartbeat (a few seconds);
ending a session wipes it at once, and the screen goes home at its next heartbeat.
"""

from __future__ import annotations

import time

from kiosk import sessions, store
from kiosk.coach import store as coach_store
from kiosk.database import get_db
from simulator.db import write_transaction

MESSAGE_MAX_LENGTH = 280


def send_message(session_id: str, text: str) -> None:
    store.add_notice(get_db(), session_id, "message", text=text.strip()[:MESSAGE_MAX_LENGTH])


def acknowledge_help(session_id: str) -> None:
    """« J'arrive »: the open help request is answered and the learner's screen says so."""
    db = get_db()
    with write_transaction(db):
        db.execute("UPDATE help_requests SET acknowledged_at = ? WHERE session_id = ? AND "
                   "acknowledged_at IS NULL", [time.time(), session_id])
    store.add_notice(db, session_id, "help_ack")


def extend(session_id: str, seconds: int) -> None:
    """More time before the inactivity wipe (the screen restarts its countdown)."""
    store.add_notice(get_db(), session_id, "extend", seconds=max(0, int(seconds)))


def end(session_id: str) -> None:
    """End the session like « Terminer »: the running exercise is abandoned, all is wiped."""
    sessions.end_session(session_id, "adviser")


def open_help_requests() -> list[dict]:
    return list(get_db()["help_requests"].rows_where("acknowledged_at IS NULL",
                                                     order_by="created_at"))


__all__ = ["send_message", "acknowledge_help", "extend", "end", "open_help_requests",
           "coach_store"]
