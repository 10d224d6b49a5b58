"""The legacy login in three pages (identifiant, password, postal code), or the e-mail style
(world option ``francetravail.connexion: email``); the lock-out; leaving."""

from __future__ import annotations

from flask import current_app, render_template, request, url_for

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.francetravail import bp, store
from simulator.sites.francetravail.rules import access as rules
from simulator.world import current_world

STEPS = ("identifiant", "password", "postal_code")


def login_mode() -> str:
    return "email" if current_world().option("francetravail.connexion") == "email" else \
        "identifiant"


def max_failures() -> int:
    return int(current_app.config.get("FRANCETRAVAIL_MAX_PASSWORD_FAILURES", 3))


@bp.get("/")
def home():
    if store.account(current_world().db)["connected"]:
        return htmx.redirect(url_for("francetravail.dashboard"))
    return htmx.redirect(url_for("francetravail.login"))


@bp.get("/connexion")
def login():
    account = store.account(current_world().db)
    if account["connected"]:
        return htmx.redirect(url_for("francetravail.dashboard"))
    emit("francetravail.login.viewed", step="identifiant", mode=login_mode())
    return _page("identifiant", account)


@bp.post("/connexion")
def login_identifiant():
    db = current_world().db
    account = store.account(db)
    mode = login_mode()
    if mode == "email":
        typed = rules.clean_email(request.form.get("email"))
        problem = rules.email_problem(typed) or (
            None if typed == account["email"] else "email_unknown")
    else:
        typed = rules.clean_identifiant(request.form.get("identifiant"))
        problem = rules.identifiant_problem(typed) or (
            None if typed == account["identifiant"] else "identifiant_unknown")
    if account["blocked"]:
        problem = "blocked"
    if problem:
        return _refuse("identifiant", problem, account, typed=typed)
    with write_transaction(db):
        store.update_account(db, login_step="password", login_mode=mode)
    return htmx.redirect(url_for("francetravail.login_password"))


@bp.get("/connexion/mot-de-passe")
def login_password():
    account = store.account(current_world().db)
    if account["login_step"] != "password":
        return htmx.redirect(url_for("francetravail.login"))
    emit("francetravail.login.viewed", step="password", mode=login_mode())
    return _page("password", account)


@bp.post("/connexion/mot-de-passe")
def login_password_submit():
    db = current_world().db
    account = store.account(db)
    if account["login_step"] != "password":
        return _refuse("identifiant", "blocked" if account["blocked"] else "step_missing",
                       account)
    typed = request.form.get("password") or ""
    if not typed.strip():
        return _refuse("password", "password_empty", account)
    if not rules.password_matches(typed.strip()[:rules.MAX_LENGTH], plain=account["password"],
                                  hashed=account["password_hash"]):
        with write_transaction(db):
            failures = store.access.record_password_failure(db, max_failures())
        left = max(max_failures() - failures, 0)
        emit("francetravail.login.failed", step="password", reason="wrong_password",
             attempts_left=left)
        if left == 0:
            emit("francetravail.login.blocked")
            return _page("identifiant", store.account(db), error=rules.MESSAGES["blocked"])
        return _page("password", account, error=rules.attempts_message(left))
    with write_transaction(db):
        store.update_account(db, login_step="postal_code", failed_passwords=0)
    return htmx.redirect(url_for("francetravail.login_postal_code"))


@bp.get("/connexion/code-postal")
def login_postal_code():
    account = store.account(current_world().db)
    if account["login_step"] != "postal_code":
        return htmx.redirect(url_for("francetravail.login"))
    emit("francetravail.login.viewed", step="postal_code", mode=login_mode())
    return _page("postal_code", account)


@bp.post("/connexion/code-postal")
def login_postal_code_submit():
    db = current_world().db
    account = store.account(db)
    if account["login_step"] != "postal_code":
        return _refuse("identifiant", "step_missing", account)
    typed = rules.clean_postal_code(request.form.get("codepostal"))
    problem = rules.postal_code_problem(typed) or (
        None if typed == account["postal_code"] else "wrong_postal_code")
    if problem:
        return _refuse("postal_code", problem, account, typed=typed)
    with write_transaction(db):
        store.open_online_session(db)
    emit("francetravail.login.succeeded", mode=login_mode())
    return htmx.redirect(url_for("francetravail.dashboard"))


def _refuse(step: str, reason: str, account: dict, typed: str = ""):
    left = max(max_failures() - account["failed_passwords"], 0)
    emit("francetravail.login.failed", step=step, reason=reason, attempts_left=left)
    return _page(step, account, error=rules.MESSAGES[reason], typed=typed)


def _page(step: str, account: dict, *, error: str | None = None, typed: str = ""):
    return render_template("francetravail/pages/login.html", step=step, mode=login_mode(),
                           error=error, typed=typed, account=account,
                           blocked=bool(account["blocked"]), number=STEPS.index(step) + 1)


@bp.post("/deconnexion")
def logout():
    db = current_world().db
    with write_transaction(db):
        store.close_online_session(db)
    emit("francetravail.logout")
    return htmx.redirect(url_for("francetravail.logged_out"))


@bp.get("/deconnexion")
def logged_out():
    return render_template("francetravail/pages/logged_out.html")
