"""What a terminal's launcher asks the server: has a session of my kiosk ended (then Chromium
restarts with a fresh profile), and is my page still sending its heartbeat (if not, the page or
the renderer died: restart too)?

    GET /borne/<id>/etat  →  {"kiosk": "borne-1", "sessions_ended": 12, "seconds_since_beat": 3.1}

Every way a session ends (« Terminer », the inactivity countdown, the server's idle expiry, the
adviser) goes through kiosk.sessions.end_session, which sends learner_session_ended while the
session's row still exists: the row says which kiosk it belonged to, and the kiosk's last
heartbeat says whether it is the session on its screen (only those count). Polling a counter
over HTTP works whether the terminal is the server's own screen (run_kiosk.py --kiosk) or
another box on the branch's network; nothing in it identifies a learner.
"""

from __future__ import annotations

import time

from flask import Blueprint, abort, g, has_app_context, jsonify

from kiosk import sessions
from kiosk import store as kiosk_store
from kiosk.database import get_db
from kiosk.terminal import store

bp = Blueprint("terminal", __name__)

KIOSK_ID = sessions.KIOSK_ID


@bp.get("/borne/<kiosk_id>/etat")
def kiosk_status(kiosk_id: str):
    if not KIOSK_ID.match(kiosk_id):
        abort(404)
    g.quiet_request = True  # the launcher is not a learner doing something
    ended, last_beat = store.status(get_db(), kiosk_id)
    response = jsonify(kiosk=kiosk_id, sessions_ended=ended,
                       seconds_since_beat=round(time.time() - last_beat, 1) if last_beat else None)
    response.headers["Cache-Control"] = "no-store"
    return response


# What a session holds that says nothing of a learner.
UNTOUCHED_KEYS = sessions.BOOKKEEPING_KEYS


def count_the_end(sid: str, reason: str = "finished") -> None:
    """Subscribed to kiosk.sessions.learner_session_ended (the session's row is still there)."""
    if not has_app_context():
        return
    db = get_db()
    row = kiosk_store.load_session(db, sid)
    kiosk_id = row["data"].get("kiosk") if row else None
    if not (kiosk_id and KIOSK_ID.match(kiosk_id)):
        return
    if reason == "expired" and untouched(row):
        return  # the home page left alone has nothing to forget: no new browser every 6 min
    store.count_session_end(db, kiosk_id, sid)


def untouched(row: dict) -> bool:
    """Nobody used this session: no world, no language or display chosen, no code, nothing."""
    return row["world_id"] is None and set(row["data"]) <= UNTOUCHED_KEYS


sessions.learner_session_ended.connect(count_the_end)
