"""The console's own server-side sessions: another cookie, another table, other timeouts.

A learner's session and an adviser's never meet: under ``/agent`` the session comes from the
``pasapas_agent`` cookie (SameSite=Strict, sent only to ``/agent``) and the ``adviser_sessions``
table; everywhere else from the learner's. Flask-WTF keeps its CSRF token in ``flask.session``,
so the console's tokens live in the console's session and a learner's token is worth nothing
here. Idle timeout 30 minutes, absolute lifetime 8 hours, a new id at login (reference:
kiosk-security-reliability §3.1, ASVS 7.2.4 and 7.3.x).
"""

from __future__ import annotations

import secrets
import time

from flask import Flask, Request, Response, g
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from kiosk.agent import store
from kiosk.database import get_db

CONSOLE_PREFIX = "/agent"
COOKIE_PATH = "/agent"  # the browser sends it to /agent and /agent/…, never to a learner's page
TOUCH_EVERY_SECONDS = 10


def is_console_path(path: str) -> bool:
    return path == CONSOLE_PREFIX or path.startswith(CONSOLE_PREFIX + "/")


class ConsoleSession(CallbackDict, SessionMixin):
    # The learner's frame asks these of any session; a console session has no world.
    world_id = None

    def __init__(self, data=None, sid: str | None = None, adviser_id: int | None = None,
                 created_at: float = 0.0, last_seen: float = 0.0, expired: bool = False):
        def on_update(_self):
            self.modified = True

        super().__init__(data or {}, on_update)
        self.sid = sid
        self.adviser_id = adviser_id
        self.created_at = created_at
        self.last_seen = last_seen
        self.expired = expired  # the cookie named a session that timed out
        self.modified = False
        self.ended = False
        self.rotate = False

    @property
    def new(self) -> bool:  # Flask's SessionMixin API
        return self.sid is None

    def log_in(self, adviser_id: int) -> None:
        """A new id for the logged-in session: an id seen before the login is worth nothing."""
        self.clear()
        self.adviser_id = adviser_id
        self.rotate = True
        self.modified = True

    def end(self) -> None:
        self.ended = True


class ConsoleSessionInterface(SessionInterface):
    def get_cookie_name(self, app: Flask) -> str:
        return app.config["AGENT_SESSION_COOKIE_NAME"]

    def open_session(self, app: Flask, request: Request) -> ConsoleSession:
        sid = request.cookies.get(self.get_cookie_name(app))
        if not sid or len(sid) > 64:
            return ConsoleSession()
        db = get_db()
        row = store.load_console_session(db, sid)
        if row is None:
            return ConsoleSession(expired=True)
        now = time.time()
        if (now - row["last_seen"] > app.config["AGENT_SESSION_IDLE_SECONDS"]
                or now - row["created_at"] > app.config["AGENT_SESSION_MAX_SECONDS"]):
            store.delete_console_session(db, sid)
            return ConsoleSession(expired=row["adviser_id"] is not None)
        return ConsoleSession(row["data"], sid=sid, adviser_id=row["adviser_id"],
                              created_at=row["created_at"], last_seen=row["last_seen"])

    def save_session(self, app: Flask, session: ConsoleSession, response: Response) -> None:
        name = self.get_cookie_name(app)
        db = get_db()
        if session.ended:
            if session.sid:
                store.delete_console_session(db, session.sid)
            response.delete_cookie(name, path=COOKIE_PATH)
            return
        now = time.time()
        if session.rotate:
            if session.sid:
                store.delete_console_session(db, session.sid)
            session.sid = secrets.token_urlsafe(32)
            store.create_console_session(db, session.sid, session.adviser_id, now, dict(session))
        elif session.sid is None:
            if not session.modified or not session:
                if session.expired:  # forget the dead cookie
                    response.delete_cookie(name, path=COOKIE_PATH)
                return
            session.sid = secrets.token_urlsafe(32)
            store.create_console_session(db, session.sid, None, now, dict(session))
        elif g.get("quiet_request"):
            # The board polls every few seconds: that is not the adviser doing something.
            if session.modified:
                store.save_console_session_data(db, session.sid, dict(session))
            return
        elif session.modified:
            store.save_console_session(db, session.sid, now, dict(session))
        elif now - session.last_seen > TOUCH_EVERY_SECONDS:
            store.touch_console_session(db, session.sid, now)
        else:
            return
        response.set_cookie(name, session.sid, httponly=True, secure=self.get_cookie_secure(app),
                            samesite="Strict", path=COOKIE_PATH)
        response.vary.add("Cookie")


class SessionsByPath(SessionInterface):
    """The learner's sessions everywhere, the console's under /agent."""

    def __init__(self, learner: SessionInterface, console: SessionInterface | None = None):
        self.learner = learner
        self.console = console or ConsoleSessionInterface()

    def _for(self, request: Request) -> SessionInterface:
        return self.console if is_console_path(request.path) else self.learner

    def open_session(self, app: Flask, request: Request):
        return self._for(request).open_session(app, request)

    def save_session(self, app: Flask, session, response: Response) -> None:
        from flask import request

        return self._for(request).save_session(app, session, response)

    def get_cookie_name(self, app: Flask) -> str:  # what the learner's code and tests read
        return self.learner.get_cookie_name(app)
