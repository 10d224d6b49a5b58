"""Login: the numéro de sécurité sociale and the code personnel, then the security code received
by e-mail in six boxes; three wrong codes lock the account; FranceConnect; logout."""

from __future__ import annotations

import time

from flask import render_template, request, url_for

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites import franceconnect as fc
from simulator.sites.ameli import bp, mails, rules, store
from simulator.sites.ameli.routes.guard import account_or_none
from simulator.world import current_world

CODE_BOXES = [f"numOTP{n}" for n in range(1, rules.CODE_LENGTH + 1)]


@bp.get("/")
def home():
    account = account_or_none()
    if account and account["connected"]:
        return htmx.redirect(url_for("ameli.dashboard"))
    return htmx.redirect(url_for("ameli.login"))


@bp.get("/sans-compte")
def no_account():
    return render_template("ameli/pages/no_account.html")


def _login_page(account: dict, *, error: str | None = None, typed: str = "",
                field: str | None = None):
    return htmx.render("ameli/pages/login.html", error=error, typed=typed, field_in_error=field,
                       locked=bool(account["locked"]),
                       fc_start=url_for("ameli.franceconnect_start"))


@bp.get("/connexion")
def login():
    account = account_or_none()
    if account is None:
        return htmx.redirect(url_for("ameli.no_account"))
    emit("ameli.login.viewed")
    return _login_page(account, error=rules.MESSAGES["locked"] if account["locked"] else None)


def _left(account: dict, column: str, limit: int) -> int:
    return max(limit - account[column], 0)


@bp.post("/connexion")
def login_submit():
    db = current_world().db
    account = account_or_none()
    if account is None:
        return htmx.redirect(url_for("ameli.no_account"))
    typed = (request.form.get("nir") or "")[:40]
    if account["locked"]:
        emit("ameli.login.failed", reason="locked", attempts_left=0)
        return _login_page(account, error=rules.MESSAGES["locked"])
    reason = rules.check_nir(typed, account["nir"])
    secret = request.form.get("code_personnel") or ""  # compared, never stored nor shown again
    if reason is None and not secret:
        reason = "code_empty"
    if reason:
        emit("ameli.login.failed", reason=reason,
             attempts_left=_left(account, "password_failures", rules.MAX_PASSWORD_FAILURES))
        return _login_page(account, error=rules.MESSAGES[reason],
                           typed="" if reason == "real_number" else typed,
                           field="code_personnel" if reason == "code_empty" else "nir")
    if secret != account["code_personnel"]:
        with write_transaction(db):
            failures = store.record_failure(db, "password_failures", rules.MAX_PASSWORD_FAILURES)
        left = max(rules.MAX_PASSWORD_FAILURES - failures, 0)
        emit("ameli.login.failed", reason="wrong_code_personnel", attempts_left=left)
        if left == 0:
            emit("ameli.login.locked", step="code_personnel")
            return _login_page(store.account(db), error=rules.MESSAGES["locked"])
        return _login_page(account, error=rules.MESSAGES["wrong_code_personnel"], typed=typed,
                           field="code_personnel")
    with write_transaction(db):
        store.update_account(db, password_failures=0, code_requests=0)
        mails.send_code(db)
    emit("ameli.login.code_sent", again=False)
    return htmx.redirect(url_for("ameli.code"))


def _code_page(account: dict, *, error: str | None = None, resent: bool = False,
               status: int = 200):
    return htmx.render("ameli/pages/login_code.html", error=error, resent=resent,
                       email=rules.masked_email(account["email"]), boxes=CODE_BOXES,
                       status=status)


@bp.get("/connexion/code")
def code():
    account = account_or_none()
    if not account or not account["code_pending"] or account["locked"]:
        return htmx.redirect(url_for("ameli.login"))
    return _code_page(account)


@bp.post("/connexion/code")
def code_submit():
    db = current_world().db
    account = account_or_none()
    if not account or not account["code_pending"]:
        return htmx.redirect(url_for("ameli.login"))
    if account["locked"]:
        emit("ameli.login.code_failed", reason="locked", attempts_left=0)
        return htmx.redirect(url_for("ameli.login"))
    typed = rules.joined_code([request.form.get(name) for name in CODE_BOXES])
    left = _left(account, "code_failures", rules.MAX_CODE_FAILURES)
    if not rules.code_format_ok(typed):
        emit("ameli.login.code_failed", reason="format", attempts_left=left)
        return _code_page(account, error=rules.MESSAGES["code_format"])
    latest = store.latest_code(db)
    if latest and typed == latest["code"] and not latest["used"]:
        if time.time() - latest["sent_at"] > rules.CODE_MINUTES * 60:
            emit("ameli.login.code_failed", reason="expired", attempts_left=left)
            return _code_page(account, error=rules.MESSAGES["code_expired"])
        with write_transaction(db):
            store.open_session(db, "code")
        emit("ameli.login.succeeded", via="code")
        return htmx.redirect(url_for("ameli.dashboard"))
    if store.code_was_sent(db, typed):
        emit("ameli.login.code_failed", reason="used", attempts_left=left)
        return _code_page(account, error=rules.MESSAGES["code_used"])
    with write_transaction(db):
        failures = store.record_failure(db, "code_failures", rules.MAX_CODE_FAILURES)
    left = max(rules.MAX_CODE_FAILURES - failures, 0)
    emit("ameli.login.code_failed", reason="wrong", attempts_left=left)
    if left == 0:
        with write_transaction(db):
            store.update_account(db, code_pending=0)
            store.use_codes(db)
        emit("ameli.login.locked", step="code")
        return htmx.redirect(url_for("ameli.login"))
    return _code_page(account, error=rules.wrong_code_message(left))


@bp.post("/connexion/code/nouveau")
def code_again():
    db = current_world().db
    account = account_or_none()
    if not account or not account["code_pending"] or account["locked"]:
        return htmx.redirect(url_for("ameli.login"))
    if account["code_requests"] >= rules.MAX_CODE_REQUESTS:
        return _code_page(account, error=rules.MESSAGES["code_requests"])
    with write_transaction(db):
        mails.send_code(db)
    emit("ameli.login.code_sent", again=True)
    return _code_page(account, resent=True)


@bp.get("/code-personnel-oublie")
def forgotten():
    return render_template("ameli/pages/forgotten.html")


@bp.post("/deconnexion")
def logout():
    db = current_world().db
    account = account_or_none()
    through_fc = bool(account and account["connected"]
                      and account["connected_via"] == "franceconnect")
    if account:
        with write_transaction(db):
            store.close_session(db)
    emit("ameli.logout", franceconnect=through_fc)
    if through_fc:
        return htmx.redirect(fc.logout_url("ameli"))
    return htmx.redirect(url_for("ameli.logged_out"))


@bp.get("/deconnexion")
def logged_out():
    return render_template("ameli/pages/logged_out.html")


# --- FranceConnect ------------------------------------------------------------------------


@bp.get("/franceconnect")
def franceconnect_start():
    db = current_world().db
    if account_or_none() is None:
        return htmx.redirect(url_for("ameli.no_account"))
    with write_transaction(db):
        target = fc.start(db, "ameli")
    return htmx.redirect(target)


@bp.get("/franceconnect/retour")
def franceconnect_return():
    db = current_world().db
    account = account_or_none()
    if account is None:
        return htmx.redirect(url_for("ameli.no_account"))
    with write_transaction(db):
        identity = fc.finish(db, "ameli", request.args.get("state"), request.args.get("code"))
    if isinstance(identity, fc.Refused):
        return htmx.redirect(identity.url)
    if account["locked"]:
        return htmx.redirect(url_for("ameli.login"))
    with write_transaction(db):
        store.open_session(db, "franceconnect")
    emit("ameli.login.succeeded", via="franceconnect")
    return htmx.redirect(url_for("ameli.dashboard"))
