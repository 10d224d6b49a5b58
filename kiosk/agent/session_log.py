"""One row per learner session for the reports per period and per kiosk: which terminal, which
code (or none), when it started and ended. Filled when the session ends, from what the session
itself remembers."""

from __future__ import annotations

import time

from flask import has_app_context, request, session

from kiosk import sessions
from kiosk import store as kiosk_store
from kiosk.agent import bp, store
from kiosk.database import get_db

# The moments a learner starts practising: a site from the home page, or an exercise.
_START_ENDPOINTS = {"shell.start", "coach.start"}


@bp.after_app_request
def remember_the_start(response):
    if (request.endpoint in _START_ENDPOINTS and response.status_code in (302, 303)
            and "log_started_at" not in session):
        session["log_started_at"] = time.time()
    return response


def log_ended_session(sid: str, reason: str = "finished") -> None:
    """Subscribed to kiosk.sessions.learner_session_ended (the row is still there)."""
    if not has_app_context():
        return
    db = get_db()
    row = kiosk_store.load_session(db, sid)
    if row is None or "log_started_at" not in row["data"]:
        return  # a terminal's session that nobody used
    # An expired session ended at its last request, not when the janitor noticed.
    ended = row["last_seen"] if reason == "expired" else time.time()
    store.log_session(db, kiosk_id=row["data"].get("kiosk"),
                      learner_code=row["data"].get("learner"),
                      started_at=row["data"]["log_started_at"],
                      ended_at=max(ended, row["data"]["log_started_at"]), end_reason=reason)


sessions.learner_session_ended.connect(log_ended_session)
