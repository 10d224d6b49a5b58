"""Server-side sessions: an opaque id in the cookie, the data in a row of kiosk.db.

Flask's default session is a signed cookie that nobody can revoke; a kiosk must be able to end a
learner's session for good (« Terminer », inactivity, the adviser), so that a copy of the old
cookie leads back to the home page and nothing else.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import time

from blinker import Namespace
from flask import Flask, Request, Response, current_app, g, has_request_context, request
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from kiosk import store
from kiosk.database import get_db

#: Sent with ``sender=<session id>`` and ``reason`` (finished, expired, adviser) just before a
#: learner's session and world are deleted: the learning records listen to it.
learner_session_ended = Namespace().signal("learner-session-ended")

# Writing last_seen on every request would make every page a write; a few seconds of slack
# is nothing next to a timeout counted in minutes.
TOUCH_EVERY_SECONDS = 10

# Keys that say nothing of a learner: the terminal's name, the CSRF secrets. A session holding
# only these is not worth a row (a page that only shows something writes nothing).
BOOKKEEPING_KEYS = frozenset({"kiosk", "csrf_token", "csrf_visit"})

# Terminals are named by the launcher (/borne/<id>); the name is a slug.
KIOSK_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


class KioskSession(CallbackDict, SessionMixin):
    def __init__(self, data=None, sid: str | None = None, world_id: str | None = None,
                 last_seen: float = 0.0):
        def on_update(_self):
            self.modified = True

        super().__init__(data or {}, on_update)
        self.sid = sid
        self.world_id = world_id
        self.last_seen = last_seen
        self.modified = False
        self.ended = False
        self.ended_reason = "finished"
        self.born = False  # its row was created during this request

    @property
    def new(self) -> bool:  # Flask's SessionMixin API
        return self.sid is None

    def bind_world(self, world_id: str | None) -> None:
        self.world_id = world_id
        self.modified = True

    def end(self, reason: str = "finished") -> None:
        """Forget this session: the row goes, and the response deletes the cookie."""
        self.ended = True
        self.ended_reason = reason


class KioskSessionInterface(SessionInterface):
    def open_session(self, app: Flask, request: Request) -> KioskSession:
        sid = request.cookies.get(self.get_cookie_name(app))
        if not sid or len(sid) > 64:
            return KioskSession()
        row = store.load_session(get_db(), sid)
        if row is None:
            return KioskSession()
        if time.time() - row["last_seen"] > idle_limit(app, row["data"]):
            end_session(sid, "expired")
            return KioskSession()
        return KioskSession(row["data"], sid=sid, world_id=row["world_id"],
                            last_seen=row["last_seen"])

    def save_session(self, app: Flask, session: KioskSession, response: Response) -> None:
        name = self.get_cookie_name(app)
        if session.ended:
            if session.sid:
                end_session(session.sid, session.ended_reason)
            response.delete_cookie(name, path=self.get_cookie_path(app))
            return
        now = time.time()
        if session.sid is None:
            if not session.modified or not worth_keeping(session):
                return  # a visit that does nothing opens no database
            create_row(session)
        elif session.modified:
            store.save_session(get_db(), session.sid, now, session.world_id, dict(session))
        elif session.born:
            pass  # its row was written during the request (create_row): the cookie is owed
        elif g.get("quiet_request"):
            return  # a heartbeat is not the learner doing something
        elif now - session.last_seen > TOUCH_EVERY_SECONDS:
            try:
                store.touch_session(get_db(), session.sid, now)
            except sqlite3.DatabaseError:
                return  # a full disk: the page was shown; the next request touches it again
        else:
            return
        response.set_cookie(
            name,
            session.sid,
            httponly=True,
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
            path=self.get_cookie_path(app),
        )
        response.vary.add("Cookie")


def create_row(session: KioskSession) -> str:
    """Give the session its id and its row now (the learner acted, and what follows in the same
    request needs the id, e.g. an attempt); the response sets the cookie."""
    if session.sid is None:
        kiosk_id = kiosk_of_request()
        if kiosk_id and "kiosk" not in session:
            session["kiosk"] = kiosk_id
        session.sid = secrets.token_urlsafe(32)
        session.last_seen = time.time()
        store.create_session(get_db(), session.sid, session.last_seen, session.world_id,
                             dict(session))
        session.modified = False
        session.born = True
    return session.sid


def worth_keeping(session: KioskSession) -> bool:
    """The learner did something: a world, a language, a display option, a code…"""
    return bool(session.world_id) or any(key not in BOOKKEEPING_KEYS for key in session)


def kiosk_of_request() -> str | None:
    """The terminal this request comes from: the session knows it once there is one; before,
    the page tells (kiosk.js sends the name the launcher opened, /borne/<id>, as a header, and
    adds it to the forms it posts)."""
    if not has_request_context():
        return None
    from flask import session

    try:
        posted = request.form.get("borne") if request.method == "POST" else None
    except Exception:  # noqa: BLE001 - a body too large or malformed names no terminal
        posted = None
    candidates = (session.get("kiosk"), request.headers.get("X-Kiosk-Id"), posted,
                  request.args.get("borne"))
    return next((c for c in candidates if c and KIOSK_ID.match(c)), None)


def idle_limit(app: Flask, data: dict) -> float:
    """How long a session lives without a request: the kiosk's own inactivity warning and its
    countdown, a margin, and what the adviser added."""
    configured = app.config.get("KIOSK_SESSION_IDLE_SECONDS")
    base = configured if configured else (app.config["KIOSK_IDLE_SECONDS"]
                                          + app.config["KIOSK_IDLE_COUNTDOWN_SECONDS"] + 120)
    return base + float(data.get("extra_seconds", 0))


def end_session(sid: str, reason: str = "finished") -> None:
    """End a learner's session for good: its running exercise is abandoned, the session and
    its world are deleted. « Terminer », the inactivity expiry and the adviser all come here."""
    from kiosk.coach import store as coach_store

    db = get_db()
    coach_store.abandon_running(db, sid, reason)
    learner_session_ended.send(sid, reason=reason)
    world_id = store.delete_session(db, sid)
    current_app.extensions["pasapas.worlds"].destroy(world_id)


def sweep(app: Flask, *, at_start_up: bool = False) -> int:
    """Expire idle sessions and delete every world no session owns; returns worlds deleted."""
    worlds = app.extensions["pasapas.worlds"]
    db = get_db()
    now = time.time()
    for sid, last_seen, data in store.sessions_idle_since(db, now - idle_limit(app, {})):
        if now - last_seen > idle_limit(app, data):  # the adviser may have added time
            end_session(sid, "expired")
    if at_start_up:  # no request is creating a world yet: every orphan can go
        return worlds.sweep(store.owned_worlds(db), grace=0)
    return worlds.sweep(store.owned_worlds(db))


_last_sweep = 0.0
SWEEP_EVERY_SECONDS = 60


def sweep_now_and_then(app: Flask) -> None:
    """The janitor: run :func:`sweep` at most once a minute, from ordinary requests."""
    global _last_sweep
    if time.time() - _last_sweep > SWEEP_EVERY_SECONDS:
        _last_sweep = time.time()
        sweep(app)


def world_of_request():
    """Open the world of the current session, or None."""
    from flask import session

    worlds = current_app.extensions["pasapas.worlds"]
    world = worlds.open(getattr(session, "world_id", None))
    g.world = world
    if world is not None:
        world.hold_writes()  # committed once the request is done (kiosk.app.commit_world)
        try:
            size = world.path.stat().st_size
        except FileNotFoundError:
            # The session ended in another request meanwhile (« Terminer » beside a heartbeat):
            # no world, as for a session that has none.
            g.world = None
            return None
        if size == 0:
            # SQLite would take an emptied file for a new database: say it is damaged
            # (kiosk.storage puts it aside) rather than let a page fail on a missing table.
            raise sqlite3.DatabaseError(f"the world file {world.path.name} is empty")
    return world
