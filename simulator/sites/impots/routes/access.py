"""Login in two steps (numéro fiscal, then password), the optional temporary code, logout,
« Mot de passe oublié »."""

from __future__ import annotations

import time

from flask import render_template, request, url_for

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites import franceconnect as fc
from simulator.sites.impots import bp, mails, rules, store
from simulator.sites.impots.routes.guard import taxpayer_or_none
from simulator.world import current_world

RESET_HOURS = 24


@bp.get("/")
def home():
    taxpayer = taxpayer_or_none()
    if taxpayer and taxpayer["connected"] and not taxpayer["code_pending"]:
        return htmx.redirect(url_for("impots.dashboard"))
    return htmx.redirect(url_for("impots.login"))


@bp.get("/sans-dossier")
def no_file():
    return render_template("impots/pages/no_file.html")


def _login_page(*, error: str | None = None, typed: str = "", status: int = 200):
    return htmx.render("impots/pages/login.html", error=error, typed=typed, status=status,
                       blocked=bool((taxpayer_or_none() or {}).get("blocked")),
                       fc_start=url_for("impots.franceconnect_start"))


@bp.get("/connexion")
def login():
    if taxpayer_or_none() is None:
        return htmx.redirect(url_for("impots.no_file"))
    emit("impots.login.viewed")
    return _login_page()


@bp.post("/connexion")
def login_submit():
    """Step 1: the numéro fiscal. An unknown space leads to its creation."""
    db = current_world().db
    taxpayer = taxpayer_or_none()
    if taxpayer is None:
        return htmx.redirect(url_for("impots.no_file"))
    typed = (request.form.get("spi") or "")[:40]
    reason = rules.check_fiscal(typed, taxpayer["numero_fiscal"])
    if reason:
        emit("impots.login.failed", reason=reason, attempts_left=_attempts_left(taxpayer))
        return _login_page(error=rules.MESSAGES[reason],
                           typed="" if reason == "real_number" else typed)
    if taxpayer["blocked"]:
        emit("impots.login.failed", reason="blocked", attempts_left=0)
        return _login_page(error=rules.MESSAGES["blocked"], typed=typed)
    if taxpayer["status"] == "absent":
        with write_transaction(db):
            store.update_taxpayer(db, creation_step="fiscal")
        emit("impots.creation.started")
        return htmx.redirect(url_for("impots.creation"))
    if taxpayer["status"] == "a_activer":
        emit("impots.login.failed", reason="not_activated", attempts_left=_attempts_left(taxpayer))
        return htmx.render("impots/pages/creation_sent.html", taxpayer=taxpayer,
                           error=rules.MESSAGES["not_activated"])
    emit("impots.login.identified")
    return _password_page(taxpayer)


def _password_page(taxpayer: dict, *, error: str | None = None):
    return htmx.render("impots/pages/login_password.html", error=error,
                       fiscal=taxpayer["numero_fiscal"],
                       spaced=rules.spaced_fiscal(taxpayer["numero_fiscal"]))


def _attempts_left(taxpayer: dict) -> int:
    return max(rules.MAX_PASSWORD_FAILURES - taxpayer["failed_passwords"], 0)


@bp.post("/connexion/mot-de-passe")
def password_submit():
    """Step 2: the password (compared with the persona's, never kept)."""
    db = current_world().db
    taxpayer = taxpayer_or_none()
    if taxpayer is None or rules.check_fiscal(request.form.get("spi"), taxpayer["numero_fiscal"]) \
            or taxpayer["status"] != "actif":
        return htmx.redirect(url_for("impots.login"))
    if taxpayer["blocked"]:
        return _login_page(error=rules.MESSAGES["blocked"])
    password = request.form.get("pwd") or ""
    if not password:
        emit("impots.login.failed", reason="password_empty", attempts_left=_attempts_left(taxpayer))
        return _password_page(taxpayer, error=rules.MESSAGES["password_empty"])
    if password != taxpayer["password"]:
        with write_transaction(db):
            failures = store.record_password_failure(db, rules.MAX_PASSWORD_FAILURES)
        left = max(rules.MAX_PASSWORD_FAILURES - failures, 0)
        emit("impots.login.failed", reason="wrong_password", attempts_left=left)
        if left == 0:
            emit("impots.login.blocked")
            return _login_page(error=rules.MESSAGES["blocked"])
        return _password_page(taxpayer, error=rules.wrong_password_message(left))
    if current_world().option("impots.code") == "oui":
        with write_transaction(db):
            store.update_taxpayer(db, code_pending=1, failed_passwords=0)
            mails.send_code(db)
        emit("impots.login.code_sent")
        return htmx.redirect(url_for("impots.code"))
    with write_transaction(db):
        store.open_session(db, "password")
    emit("impots.login.succeeded", via="password")
    return htmx.redirect(url_for("impots.dashboard"))


@bp.get("/connexion/code")
def code():
    taxpayer = taxpayer_or_none()
    if not taxpayer or not taxpayer["code_pending"]:
        return htmx.redirect(url_for("impots.login"))
    return htmx.render("impots/pages/login_code.html", taxpayer=taxpayer, error=None)


@bp.post("/connexion/code")
def code_submit():
    db = current_world().db
    taxpayer = taxpayer_or_none()
    if not taxpayer or not taxpayer["code_pending"]:
        return htmx.redirect(url_for("impots.login"))
    typed = "".join((request.form.get("code") or "").split())
    pending = store.pending_code(db)
    if not (typed.isdigit() and len(typed) == 6):
        emit("impots.login.code_failed", reason="format")
        return htmx.render("impots/pages/login_code.html", taxpayer=taxpayer,
                           error=rules.MESSAGES["code_format"])
    if pending is None or typed != pending["code"] or time.time() - pending["sent_at"] > 600:
        emit("impots.login.code_failed", reason="wrong")
        return htmx.render("impots/pages/login_code.html", taxpayer=taxpayer,
                           error=rules.MESSAGES["code_wrong"])
    with write_transaction(db):
        store.use_codes(db)
        store.open_session(db, "password")
    emit("impots.login.succeeded", via="password")
    return htmx.redirect(url_for("impots.dashboard"))


@bp.post("/deconnexion")
def logout():
    db = current_world().db
    taxpayer = taxpayer_or_none()
    through_fc = bool(taxpayer and taxpayer["connected_via"] == "franceconnect"
                      and taxpayer["connected"])
    if taxpayer:
        with write_transaction(db):
            store.close_session(db)
    emit("impots.logout", franceconnect=through_fc)
    if through_fc:
        return htmx.redirect(fc.logout_url("impots"))
    return htmx.redirect(url_for("impots.logged_out"))


@bp.get("/deconnexion")
def logged_out():
    return render_template("impots/pages/logged_out.html")


# --- « Mot de passe oublié » ------------------------------------------------------------


@bp.get("/mot-de-passe-oublie")
def forgotten():
    return htmx.render("impots/pages/forgotten.html", error=None, typed="", sent=None)


@bp.post("/mot-de-passe-oublie")
def forgotten_submit():
    db = current_world().db
    taxpayer = taxpayer_or_none()
    if taxpayer is None:
        return htmx.redirect(url_for("impots.no_file"))
    typed = (request.form.get("spi") or "")[:40]
    reason = rules.check_fiscal(typed, taxpayer["numero_fiscal"])
    if reason is None and taxpayer["status"] != "actif":
        reason = "not_activated"
    if reason:
        emit("impots.password.reset_refused", reason=reason)
        return htmx.render("impots/pages/forgotten.html", error=rules.MESSAGES[reason],
                           typed="" if reason == "real_number" else typed, sent=None)
    with write_transaction(db):
        mails.send_reset(db)
    emit("impots.password.reset_requested")
    return htmx.render("impots/pages/forgotten.html", error=None, typed="",
                       sent=_masked(taxpayer["email"]))


def _masked(email: str) -> str:
    """« nadia.ferrand@mel-exemple.fr » → « n***********@mel-exemple.fr », as the site shows it."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'*' * max(len(local) - 1, 3)}@{domain}"


def _reset_problem(taxpayer: dict | None, token: str) -> str | None:
    if not taxpayer or not taxpayer["reset_token"] or token != taxpayer["reset_token"]:
        return "unknown"
    if time.time() - (taxpayer["reset_sent_at"] or 0) > RESET_HOURS * 3600:
        return "unknown"
    return None


@bp.get("/mot-de-passe/<token>")
def reset(token: str):
    taxpayer = taxpayer_or_none()
    problem = _reset_problem(taxpayer, token)
    if problem:
        emit("impots.password.reset_refused", reason=problem)
    return htmx.render("impots/pages/reset.html", token=token, invalid=bool(problem),
                       errors={}, done=False, rules_text=rules.PASSWORD_RULES)


@bp.post("/mot-de-passe/<token>")
def reset_submit(token: str):
    db = current_world().db
    taxpayer = taxpayer_or_none()
    problem = _reset_problem(taxpayer, token)
    if problem:
        emit("impots.password.reset_refused", reason=problem)
        return htmx.render("impots/pages/reset.html", token=token, invalid=True, errors={},
                           done=False, rules_text=rules.PASSWORD_RULES)
    reason = rules.check_new_password(request.form.get("nouveau"),
                                      request.form.get("confirmation"), taxpayer["password"])
    if reason:
        emit("impots.password.reset_refused", reason=reason)
        return htmx.render("impots/pages/reset.html", token=token, invalid=False,
                           errors={"nouveau": rules.MESSAGES[reason]}, done=False,
                           rules_text=rules.PASSWORD_RULES)
    with write_transaction(db):
        store.update_taxpayer(db, reset_token=None, failed_passwords=0, blocked=0)
    emit("impots.password.reset_done")
    return htmx.render("impots/pages/reset.html", token=token, invalid=False, errors={},
                       done=True, rules_text=rules.PASSWORD_RULES)
