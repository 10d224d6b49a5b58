"""CSRF protection for every form, whether or not the visitor has a session yet.

A page that only shows something must write nothing (docs/architecture.md): the home page, a
parcours, an exercise's presentation are shown to a browser without a cookie, and the session is
created when the learner first acts (a language, « Ma banque », an exercise). Flask-WTF keeps
its secret in the session, so its token would create one on every visit. Before a session
exists, the forms carry a *visit token* instead: signed with the server's secret, dated, and
bound to the visitor's address and browser, so that another site cannot fetch one for itself
and replay it. Once the session exists, Flask-WTF's own token takes over.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, current_app, g, request, session
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

csrf = CSRFProtect()

_SALT = "pasapas-visit-csrf"
# A learner may read the home page for a long time before tapping: half a day is plenty, and a
# stale token only means « la page a peut-être expiré », never a lost exercise.
VISIT_TOKEN_MAX_AGE = 12 * 3600


def _for_the_console() -> bool:
    from kiosk.agent.sessions import is_console_path

    return is_console_path(request.path)


def _serializer() -> URLSafeTimedSerializer:
    # The console's forms and the learners' never accept each other's tokens.
    scope = "console" if _for_the_console() else "kiosk"
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"{_SALT}:{scope}")


def _visitor() -> str:
    """Who asked for the page: their address (the real one behind a trusted proxy) and browser."""
    seen = f"{request.remote_addr}|{request.user_agent.string}"
    return hashlib.sha256(seen.encode()).hexdigest()[:32]


def has_session_secret() -> bool:
    """Flask-WTF's secret lives in a session that exists (or is about to be saved)."""
    return getattr(session, "sid", None) is not None or "csrf_token" in session


def token() -> str:
    """The token for the forms of this page (the ``csrf_token()`` of every template). A page
    has several forms: the visit token is signed once per request (Flask-WTF keeps its own)."""
    if has_session_secret():
        return generate_csrf()
    if "csrf_visit_token" not in g:
        g.csrf_visit_token = _serializer().dumps(_visitor())
    return g.csrf_visit_token


def _sent_token() -> str | None:
    for header in current_app.config["WTF_CSRF_HEADERS"]:
        if request.headers.get(header):
            return request.headers[header]
    return request.form.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))


def _check_visit_token() -> None:
    sent = _sent_token()
    if not sent:
        raise CSRFError("The CSRF token is missing.")
    try:
        visitor = _serializer().loads(sent, max_age=VISIT_TOKEN_MAX_AGE)
    except SignatureExpired as exc:
        raise CSRFError("The CSRF token has expired.") from exc
    except BadData as exc:
        raise CSRFError("The CSRF token is invalid.") from exc
    if not isinstance(visitor, str) or not hmac.compare_digest(visitor, _visitor()):
        raise CSRFError("The CSRF token was given to another visitor.")


# Kept in a session created by a form that carried a visit token: the page that sent it still
# holds that token in its htmx headers (boosted navigation never updates <body>), so the visit
# token stays good for this session, and only for the visitor it was given to.
BORN_OF_VISIT = "csrf_visit"


def protect() -> None:
    """Before every request that changes something: the session's token, or the visit's."""
    if (request.method not in current_app.config["WTF_CSRF_METHODS"]
            or not current_app.config["WTF_CSRF_ENABLED"]):
        return
    if request.endpoint == "shell.end" and getattr(session, "sid", None) is None:
        # « Terminer » tapped again after its answer was lost (a slow network, a restart): the
        # session is already gone, there is nothing to protect, the learner just goes home.
        return
    if not has_session_secret():
        _check_visit_token()
        if not _for_the_console():  # the console's login page reloads fully
            session[BORN_OF_VISIT] = 1
        return
    try:
        csrf.protect()
    except CSRFError:
        if not session.get(BORN_OF_VISIT):
            raise
        _check_visit_token()


def init_app(app: Flask) -> None:
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # protect() decides which token applies
    csrf.init_app(app)
    # Flask-WTF offers its own csrf_token() both ways; ours, registered after, wins.
    app.jinja_env.globals["csrf_token"] = token
    app.context_processor(lambda: {"csrf_token": token})
    app.before_request(protect)
