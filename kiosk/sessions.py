"""Server-side sessions: an opaque id in the cookie, the data in a row of kiosk.db.

Flask's default session is a signed cookie that nobody can revoke; a kiosk must be able to end a
learner's session for good (« Terminer », inactivity, the adviser), so that a copy of the old
cookie leads back to the home page and nothing else.
"""

from __future__ import annotations

import secrets
import time

from flask import Flask, Request, Response, current_app, g
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from kiosk import store
from kiosk.database import get_db

# Writing last_seen on every request would make every page a write; a few seconds of slack
# is nothing next to a timeout counted in minutes.
TOUCH_EVERY_SECONDS = 10


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

    @property
    def new(self) -> bool:  # Flask's SessionMixin API
        return self.sid is None

    def bind_world(self, world_id: str | None) -> None:
        self.world_id = world_id
        self.modified = True

    def end(self) -> None:
        """Forget this session: the row goes, and the response deletes the cookie."""
        self.ended = True


class KioskSessionInterface(SessionInterface):
    def open_session(self, app: Flask, request: Request) -> KioskSession:
        sid = request.cookies.get(self.get_cookie_name(app))
        if not sid or len(sid) > 64:
            return KioskSession()
        row = store.load_session(get_db(), sid)
        if row is None:
            return KioskSession()
        if time.time() - row["last_seen"] > app.config["KIOSK_SESSION_IDLE_SECONDS"]:
            end_session(sid)
            return KioskSession()
        return KioskSession(row["data"], sid=sid, world_id=row["world_id"],
                            last_seen=row["last_seen"])

    def save_session(self, app: Flask, session: KioskSession, response: Response) -> None:
        name = self.get_cookie_name(app)
        if session.ended:
            if session.sid:
                end_session(session.sid)
            response.delete_cookie(name, path=self.get_cookie_path(app))
            return
        now = time.time()
        db = get_db()
        if session.sid is None:
            if not session.modified or (not session and not session.world_id):
                return
            session.sid = secrets.token_urlsafe(32)
            store.create_session(db, session.sid, now, session.world_id, dict(session))
        elif session.modified:
            store.save_session(db, session.sid, now, session.world_id, dict(session))
        elif now - session.last_seen > TOUCH_EVERY_SECONDS:
            store.touch_session(db, session.sid, now)
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


def end_session(sid: str) -> None:
    """Delete a session and wipe its world."""
    world_id = store.delete_session(get_db(), sid)
    current_app.extensions["pasapas.worlds"].destroy(world_id)


def sweep(app: Flask, *, at_start_up: bool = False) -> int:
    """Expire idle sessions and delete every world no session owns; returns worlds deleted."""
    worlds = app.extensions["pasapas.worlds"]
    db = get_db()
    for world_id in store.expire_sessions(db, time.time() - app.config["KIOSK_SESSION_IDLE_SECONDS"]):
        worlds.destroy(world_id)
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
    return world
