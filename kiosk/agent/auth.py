"""Who is at the console: log in, log out, change one's password, and ``login_required``.

Any console page is protected with::

    from kiosk.agent.auth import login_required

    @bp.get("/agent/registres")
    @login_required
    def records(): ...

and finds the adviser in ``current_adviser()``.
"""

from __future__ import annotations

import functools

from flask import (
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from kiosk.agent import accounts, bp, store
from kiosk.agent.sessions import ConsoleSession, is_console_path
from kiosk.database import get_db
from simulator import htmx


def current_adviser() -> dict | None:
    """The adviser logged in to this console session, or None (learner cookies give None)."""
    if "adviser" not in g:
        adviser_id = getattr(session, "adviser_id", None)
        if not isinstance(session, ConsoleSession) or adviser_id is None:
            g.adviser = None
        else:
            g.adviser = store.adviser_by_id(get_db(), adviser_id)
    return g.adviser


def login_required(view):
    """Only a logged-in adviser gets the page; anyone else is sent to the login page."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_adviser() is None:
            expired = 1 if getattr(session, "expired", False) else None
            if htmx.wants_fragment():
                # The board's polling after the session ended: the whole page goes to the login.
                response = make_response("", 200)
                response.headers["HX-Redirect"] = url_for("agent.login", expiree=expired)
                return response
            return redirect(url_for("agent.login", suite=_next_of_request(), expiree=expired),
                            303)
        return view(*args, **kwargs)

    return wrapped


@bp.app_context_processor
def adviser_context():
    return {"current_adviser": current_adviser if is_console_path(request.path) else None}


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    db = get_db()
    store.delete_stale_console_sessions(db, *_timeouts())
    following = _local_console_path(request.values.get("suite"))
    if request.method == "GET":
        if current_adviser() is not None:
            return redirect(following or url_for("agent.board"), 303)
        expired = getattr(session, "expired", False) or request.args.get("expiree")
        return render_template("agent/login.html", suite=following, expired=expired, error=None)
    name = (request.form.get("nom") or "").strip()[:80]
    result = accounts.log_in(db, name, request.form.get("mot_de_passe") or "",
                             request.remote_addr)
    if result.adviser is None:
        if result.locked_seconds:
            error = _("Trop d'essais. Attendez %(minutes)s minutes avant de réessayer.",
                      minutes=(result.locked_seconds + 59) // 60)
            status = 429
        else:
            error = _("Ce nom ou ce mot de passe n'est pas le bon.")
            status = 200
        response = make_response(render_template("agent/login.html", suite=following,
                                                 expired=False, error=error, name=name), status)
        if result.locked_seconds:
            response.headers["Retry-After"] = str(result.locked_seconds)
        return response
    session.log_in(result.adviser["id"])
    return redirect(following or url_for("agent.board"), 303)


@bp.post("/deconnexion")
def logout():
    session.end()
    flash_logged_out = url_for("agent.login", fin=1)
    return redirect(flash_logged_out, 303)


@bp.route("/mot-de-passe", methods=["GET", "POST"])
@login_required
def change_password():
    if request.method == "GET":
        return render_template("agent/password.html", error=None)
    adviser = current_adviser()
    db = get_db()
    new, again = request.form.get("nouveau") or "", request.form.get("confirmation") or ""
    checked = accounts.check_current_password(db, adviser, request.form.get("actuel") or "",
                                              request.remote_addr)
    if checked.adviser is None:
        error = (_("Trop d'essais. Attendez %(minutes)s minutes avant de réessayer.",
                   minutes=(checked.locked_seconds + 59) // 60) if checked.locked_seconds
                 else _("Le mot de passe actuel n'est pas le bon."))
        return render_template("agent/password.html", error=error), 200
    problem = accounts.password_problem(new, again)
    if problem:
        return render_template("agent/password.html", error=password_message(problem)), 200
    store.set_password(db, adviser["id"], accounts.hash_password(new))
    session.log_in(adviser["id"])  # a new session id; every other session of the adviser ends
    store.delete_other_console_sessions(db, adviser["id"], keep=None)
    flash(_("Votre mot de passe a été changé."))
    return redirect(url_for("agent.board"), 303)


def password_message(problem: str) -> str:
    return {
        "empty": _("Le nouveau mot de passe est vide."),
        "short": _("Le nouveau mot de passe doit avoir au moins %(n)s caractères.",
                   n=accounts.PASSWORD_MIN_LENGTH),
        "long": _("Le nouveau mot de passe doit avoir au plus %(n)s caractères.",
                  n=accounts.PASSWORD_MAX_LENGTH),
        "mismatch": _("Les deux nouveaux mots de passe ne sont pas les mêmes."),
    }[problem]


def _timeouts() -> tuple[float, float, float]:
    import time

    config = current_app.config
    return (time.time(), config["AGENT_SESSION_IDLE_SECONDS"], config["AGENT_SESSION_MAX_SECONDS"])


def _next_of_request() -> str | None:
    return request.full_path.rstrip("?") if request.method == "GET" else None


def _local_console_path(target: str | None) -> str | None:
    """After the login, only a page of the console is followed."""
    if (target and is_console_path(target) and not target.startswith("//")
            and "\\" not in target and not target.startswith(url_for("agent.login"))):
        return target
    return None
