"""Login with the shuffled keypad, strong authentication every 90 days, logout, expiry."""

from __future__ import annotations

import datetime as dt
import re

from flask import current_app, render_template, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.banque import bp, keypad, store
from simulator.sites.banque.routes.guard import online
from simulator.sites.banque.sms import send_security_code
from simulator.world import current_world

STRONG_AUTH_EVERY_DAYS = 90
_IDENTIFIANT = re.compile(r"^\d{10}$")

MESSAGES = {
    "invalid_identifiant": "Votre identifiant doit comporter 10 chiffres.",
    "incomplete_code": "Veuillez saisir votre mot de passe à 6 chiffres à l'aide du clavier.",
    "forged_keypad": "Une erreur est survenue. Veuillez recommencer votre saisie.",
    "wrong_code": "Identifiant ou mot de passe incorrect.",
    "strong_auth_wrong": "Le code de sécurité que vous avez saisi est erroné.",
}


@bp.get("/")
def home():
    db = current_world().db
    if store.customer(db)["connected"]:
        return htmx.redirect(url_for("banque.accounts"))
    return htmx.redirect(url_for("banque.login"))


@bp.get("/connexion")
def login():
    db = current_world().db
    if store.customer(db)["connected"]:
        return htmx.redirect(url_for("banque.accounts"))
    accessible = request.args.get("clavier") == "accessible"
    emit("banque.login.viewed", accessible=accessible)
    return _login_page(db, accessible=accessible)


@bp.post("/connexion")
def login_submit():
    db = current_world().db
    accessible = request.form.get("clavier") == "accessible"
    identifiant = (request.form.get("identifiant") or "").replace(" ", "")
    customer = store.customer(db)
    if customer["blocked"]:
        return _login_page(db, accessible=accessible)
    if not _IDENTIFIANT.match(identifiant):
        return _refuse(db, "invalid_identifiant", identifiant, accessible)
    try:
        code = keypad.digits_from_cells(store.current_keypad(db) or [], request.form.get("cells"))
    except keypad.ForgedCells:
        return _refuse(db, "forged_keypad", identifiant, accessible)
    if len(code) != keypad.CODE_LENGTH:
        return _refuse(db, "incomplete_code", identifiant, accessible)
    if identifiant != customer["identifiant"] or code != customer["secret_code"]:
        return _wrong_code(db, identifiant, accessible)
    strong_auth_needed = _strong_auth_due(customer)
    with write_transaction(db):
        store.open_online_session(db, strong_auth_needed=strong_auth_needed)
        store.update_customer(db, remembered=int(bool(request.form.get("memoriser"))))
    emit("banque.login.succeeded", strong_auth_required=strong_auth_needed)
    target = "banque.strong_auth" if strong_auth_needed else "banque.accounts"
    return htmx.redirect(url_for(target))


def _strong_auth_due(customer: dict) -> bool:
    if current_world().option("banque.strong_auth") == "due":
        return True
    last = dt.date.fromisoformat(customer["strong_auth_on"])
    return (clock.today() - last).days >= STRONG_AUTH_EVERY_DAYS


def _refuse(db, reason: str, identifiant: str, accessible: bool):
    attempts_left = _attempts_left(store.customer(db)["failed_codes"])
    emit("banque.login.failed", reason=reason, attempts_left=attempts_left)
    return _login_page(db, error=MESSAGES[reason], identifiant=identifiant,
                       accessible=accessible, status=200)


def _wrong_code(db, identifiant: str, accessible: bool):
    limit = current_app.config["BANQUE_MAX_CODE_FAILURES"]
    with write_transaction(db):
        failures = store.record_code_failure(db, limit)
    attempts_left = _attempts_left(failures)
    emit("banque.login.failed", reason="wrong_code", attempts_left=attempts_left)
    if attempts_left == 0:
        emit("banque.login.blocked")
        return _login_page(db, identifiant=identifiant, accessible=accessible)
    plural = "essais" if attempts_left > 1 else "essai"
    error = f"{MESSAGES['wrong_code']} Attention, il vous reste {attempts_left} {plural}."
    return _login_page(db, error=error, identifiant=identifiant, accessible=accessible)


def _attempts_left(failures: int) -> int:
    return max(current_app.config["BANQUE_MAX_CODE_FAILURES"] - failures, 0)


def _login_page(db, *, accessible: bool, error: str | None = None, identifiant: str = "",
                status: int = 200):
    customer = store.customer(db)
    seed = None
    if current_app.config["KEYPAD_SEED_FROM_URL"] and request.args.get("seed", "").isdigit():
        seed = int(request.args["seed"])
    with write_transaction(db):
        layout = store.new_keypad(db, seed=seed, accessible=accessible)
    if not identifiant and customer["remembered"]:
        identifiant = customer["identifiant"]
    return htmx.render(
        "banque/pages/login.html",
        status=status,
        layout=layout,
        accessible=accessible,
        error=error,
        identifiant=identifiant,
        remembered=bool(customer["remembered"]),
        blocked=bool(customer["blocked"]),
    )


# --- strong authentication (DSP2), every 90 days ------------------------------------------


@bp.get("/authentification-forte")
@online
def strong_auth():
    return render_template("banque/pages/strong_auth.html", code_sent=False)


@bp.post("/authentification-forte/envoi")
@online
def strong_auth_send():
    db = current_world().db
    with write_transaction(db):
        send_security_code(db, "strong_auth")
    emit("banque.strong_auth.code_sent")
    return render_template("banque/pages/strong_auth.html", code_sent=True)


@bp.post("/authentification-forte")
@online
def strong_auth_submit():
    db = current_world().db
    typed = (request.form.get("code") or "").strip()
    pending = store.pending_security_code(db, "strong_auth")
    if pending is None:
        return htmx.redirect(url_for("banque.strong_auth"))
    if typed != pending["code"]:
        limit = current_app.config["BANQUE_MAX_CODE_FAILURES"]
        with write_transaction(db):
            failures = store.record_security_code_failure(db, pending["id"])
            if failures >= limit:
                store.update_customer(db, blocked=1)
                store.close_online_session(db)
        emit("banque.strong_auth.failed", attempts_left=max(limit - failures, 0))
        if failures >= limit:
            emit("banque.login.blocked")
            return htmx.redirect(url_for("banque.login"))
        return render_template("banque/pages/strong_auth.html", code_sent=True,
                               error=MESSAGES["strong_auth_wrong"])
    with write_transaction(db):
        store.use_security_code(db, pending["id"])
        store.update_customer(db, strong_auth_on=clock.today().isoformat(),
                              strong_auth_pending=0)
    emit("banque.strong_auth.succeeded")
    return htmx.redirect(url_for("banque.accounts"))


# --- leaving --------------------------------------------------------------------------------


@bp.post("/deconnexion")
def logout():
    db = current_world().db
    with write_transaction(db):
        store.close_online_session(db)
    emit("banque.logout")
    return htmx.redirect(url_for("banque.logged_out"))


@bp.get("/deconnexion")
def logged_out():
    return render_template("banque/pages/logged_out.html", expired=False)


@bp.get("/session-expiree")
def session_expired():
    return render_template("banque/pages/logged_out.html", expired=True)
