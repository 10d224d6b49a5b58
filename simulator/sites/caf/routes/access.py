"""Login (numéro de sécurité sociale and password, then the verification code by SMS or
e-mail), FranceConnect, logout, « Mot de passe oublié ». Nothing typed in a password or a code
field is kept: it is compared and dropped."""

from __future__ import annotations

import time

from flask import abort, render_template, request, url_for

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites import franceconnect as fc
from simulator.sites.caf import bp, mails, rules, store
from simulator.sites.caf.routes.guard import allocataire_or_none
from simulator.world import current_world

RESET_SECONDS = 24 * 3600


def _allocataire() -> dict:
    allocataire = allocataire_or_none()
    if allocataire is None:
        abort(404)
    return allocataire


@bp.get("/")
def home():
    allocataire = _allocataire()
    if allocataire["connected"] and not allocataire["code_pending"]:
        return htmx.redirect(url_for("caf.account"))
    return htmx.redirect(url_for("caf.login"))


def _login_page(*, error: str | None = None, typed: str = "", status: int = 200):
    return htmx.render("caf/pages/login.html", error=error, typed=typed, status=status,
                       fc_start=url_for("caf.franceconnect_start"))


@bp.get("/connexion")
def login():
    _allocataire()
    emit("caf.login.viewed")
    return _login_page()


def _left(allocataire: dict, column: str = "failed_passwords") -> int:
    return max(rules.MAX_PASSWORD_FAILURES - allocataire[column], 0)


@bp.post("/connexion")
def login_submit():
    db = current_world().db
    allocataire = _allocataire()
    typed = (request.form.get("nir") or "")[:30]
    reason = rules.check_login_nir(typed, allocataire["nir"])
    if reason is None and allocataire["blocked"]:
        reason = "blocked"
    if reason is None and not request.form.get("password"):
        reason = "password_empty"
    if reason:
        emit("caf.login.failed", reason=reason, attempts_left=_left(allocataire))
        return _login_page(error=rules.MESSAGES[reason],
                           typed="" if reason == "real_number" else typed)
    if request.form.get("password") != allocataire["password"]:
        with write_transaction(db):
            failures = store.record_failure(db, "failed_passwords", rules.MAX_PASSWORD_FAILURES)
        left = max(rules.MAX_PASSWORD_FAILURES - failures, 0)
        emit("caf.login.failed", reason="wrong_password", attempts_left=left)
        if left == 0:
            emit("caf.login.blocked", after="password")
            return _login_page(error=rules.MESSAGES["blocked"], typed=typed)
        return _login_page(error=f"{rules.MESSAGES['wrong_password']} Il vous reste {left} "
                                 f"essai{'s' if left > 1 else ''}.", typed=typed)
    with write_transaction(db):
        store.update_allocataire(db, code_pending=1, code_channel=None, failed_passwords=0)
        store.use_codes(db)
    emit("caf.login.identified")
    return htmx.redirect(url_for("caf.verification"))


def _verification_page(allocataire: dict, *, error: str | None = None):
    db = current_world().db
    return htmx.render("caf/pages/login_code.html", allocataire=allocataire, error=error,
                       sent=store.issued_code(db) is not None and allocataire["code_channel"],
                       phone=rules.masked_phone(allocataire["phone"]),
                       email=rules.masked_email(allocataire["email"]))


@bp.get("/connexion/verification")
def verification():
    allocataire = _allocataire()
    if not allocataire["code_pending"]:
        return htmx.redirect(url_for("caf.login"))
    return _verification_page(allocataire)


@bp.post("/connexion/verification/envoi")
def verification_send():
    db = current_world().db
    allocataire = _allocataire()
    if not allocataire["code_pending"] or allocataire["blocked"]:
        return htmx.redirect(url_for("caf.login"))
    channel = request.form.get("canal")
    if channel not in ("sms", "email"):
        emit("caf.login.code_failed", reason="channel_missing",
             attempts_left=_left(allocataire, "failed_codes"))
        return _verification_page(allocataire, error=rules.MESSAGES["channel_missing"])
    again = bool(allocataire["code_channel"])
    with write_transaction(db):
        store.update_allocataire(db, code_channel=channel)
        mails.send_code(db, channel)
    emit("caf.login.code_sent", channel=channel, again=again)
    return htmx.redirect(url_for("caf.verification"))


@bp.post("/connexion/verification")
def verification_submit():
    db = current_world().db
    allocataire = _allocataire()
    if not allocataire["code_pending"] or allocataire["blocked"]:
        return htmx.redirect(url_for("caf.login"))
    typed = "".join((request.form.get("code") or "").split())[:12]
    reason = rules.code_problem(typed, issued=store.issued_code(db),
                                used_hashes=store.used_code_hashes(db),
                                typed_hash=store.code_hash(typed), now=time.time())
    if reason is None:
        with write_transaction(db):
            store.use_codes(db)
            store.open_session(db, "password")
        emit("caf.login.succeeded", via="password")
        return htmx.redirect(url_for("caf.account"))
    if reason in ("code_wrong", "code_used"):
        with write_transaction(db):
            failures = store.record_failure(db, "failed_codes", rules.MAX_CODE_FAILURES)
        if failures >= rules.MAX_CODE_FAILURES:
            with write_transaction(db):
                store.update_allocataire(db, code_pending=0)
            emit("caf.login.code_failed", reason=reason, attempts_left=0)
            emit("caf.login.blocked", after="code")
            return _login_page(error=rules.MESSAGES["code_blocked"])
    allocataire = store.allocataire(db)
    emit("caf.login.code_failed", reason=reason, attempts_left=_left(allocataire, "failed_codes"))
    return _verification_page(allocataire, error=rules.MESSAGES[reason])


@bp.post("/deconnexion")
def logout():
    db = current_world().db
    allocataire = _allocataire()
    through_fc = bool(allocataire["connected"] and allocataire["connected_via"] == "franceconnect")
    with write_transaction(db):
        store.close_session(db)
    emit("caf.logout", franceconnect=through_fc)
    return htmx.redirect(fc.logout_url("caf") if through_fc else url_for("caf.logged_out"))


@bp.get("/deconnexion")
def logged_out():
    return render_template("caf/pages/logged_out.html")


@bp.get("/franceconnect")
def franceconnect_start():
    db = current_world().db
    _allocataire()
    with write_transaction(db):
        target = fc.start(db, "caf")
    return htmx.redirect(target)


@bp.get("/franceconnect/retour")
def franceconnect_return():
    db = current_world().db
    allocataire = _allocataire()
    with write_transaction(db):
        identity = fc.finish(db, "caf", request.args.get("state"), request.args.get("code"))
    if isinstance(identity, fc.Refused):
        return htmx.redirect(identity.url)
    person = allocataire["person"]
    if (identity.family_name.upper(), identity.birthdate) != (person["nom"].upper(),
                                                              person["naissance"]):
        abort(400)  # cannot happen in one world: FranceConnect knows only its persona
    with write_transaction(db):
        store.open_session(db, "franceconnect")
    emit("caf.login.succeeded", via="franceconnect")
    return htmx.redirect(url_for("caf.account"))


# --- « Mot de passe oublié » ------------------------------------------------------------


@bp.get("/mot-de-passe-oublie")
def forgotten():
    _allocataire()
    return htmx.render("caf/pages/forgotten.html", error=None, typed="", sent=None)


@bp.post("/mot-de-passe-oublie")
def forgotten_submit():
    db = current_world().db
    allocataire = _allocataire()
    typed = (request.form.get("nir") or "")[:30]
    reason = rules.check_login_nir(typed, allocataire["nir"])
    if reason:
        emit("caf.password.reset_refused", reason=reason)
        return htmx.render("caf/pages/forgotten.html", error=rules.MESSAGES[reason],
                           typed="" if reason == "real_number" else typed, sent=None)
    with write_transaction(db):
        mails.send_reset(db)
    emit("caf.password.reset_requested")
    return htmx.render("caf/pages/forgotten.html", error=None, typed="",
                       sent=rules.masked_email(allocataire["email"]))


def _reset_problem(allocataire: dict, token: str) -> str | None:
    if not allocataire["reset_token"] or token != allocataire["reset_token"] \
            or time.time() - (allocataire["reset_sent_at"] or 0) > RESET_SECONDS:
        return "unknown"
    return None


@bp.route("/mot-de-passe/<token>", methods=["GET", "POST"])
def reset(token: str):
    db = current_world().db
    allocataire = _allocataire()
    if _reset_problem(allocataire, token):
        emit("caf.password.reset_refused", reason="unknown")
        return htmx.render("caf/pages/reset.html", token=token, invalid=True, error=None,
                           done=False)
    if request.method == "GET":
        return htmx.render("caf/pages/reset.html", token=token, invalid=False, error=None,
                           done=False)
    reason = rules.check_new_password(request.form.get("nouveau"),
                                      request.form.get("confirmation"), allocataire["password"])
    if reason:
        emit("caf.password.reset_refused", reason=reason)
        return htmx.render("caf/pages/reset.html", token=token, invalid=False,
                           error=rules.MESSAGES[reason], done=False)
    with write_transaction(db):
        store.update_allocataire(db, reset_token=None, failed_passwords=0, failed_codes=0,
                                 blocked=0)
    emit("caf.password.reset_done")
    return htmx.render("caf/pages/reset.html", token=token, invalid=False, error=None, done=True)
