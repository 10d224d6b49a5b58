"""« Identifiant oublié » (the identifiant by SMS, after the NIR and the birth date) and « Mot de
passe oublié » (a code by SMS, then a new password). What is typed as a code or a password is
compared and dropped; a new password is kept as a hash."""

from __future__ import annotations

from flask import current_app, render_template, request, url_for

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.formats import parse_date_fr
from simulator.identifiers import REAL_NUMBER_MESSAGE, Check, check_nir
from simulator.sites.francetravail import bp, store
from simulator.sites.francetravail.routes.access import login_mode
from simulator.sites.francetravail.routes.guard import send_sms
from simulator.sites.francetravail.rules import access as rules
from simulator.world import current_world

PURPOSE = "password_reset"
_NIR_REASONS = {Check.EMPTY: "nir_empty", Check.LENGTH: "nir_length",
                Check.CHARACTERS: "nir_characters", Check.KEY: "nir_key",
                Check.REAL_LOOKING: "nir_real_looking"}
_NIR_MESSAGES = {
    "nir_empty": "Veuillez saisir votre numéro de sécurité sociale.",
    "nir_length": "Le numéro de sécurité sociale doit comporter 15 chiffres (13 chiffres et "
                  "la clé).",
    "nir_characters": "Le numéro de sécurité sociale ne doit contenir que des chiffres.",
    "nir_key": "La clé du numéro de sécurité sociale est incorrecte. Vérifiez votre saisie.",
    "nir_real_looking": REAL_NUMBER_MESSAGE,
}


def _masked_phone(phone: str) -> str:
    digits = "".join(phone.split())
    return f"{digits[:2]} •• •• •• {digits[-2:]}" if len(digits) == 10 else "votre téléphone"


@bp.get("/identifiant-oublie")
def forgotten_identifiant():
    return render_template("francetravail/pages/recovery_identifiant.html", values={},
                           errors={}, sent_to=None)


@bp.post("/identifiant-oublie")
def forgotten_identifiant_submit():
    db = current_world().db
    account = store.account(db)
    values = {"nir": (request.form.get("nir") or "")[:30],
              "naissance": (request.form.get("naissance") or "")[:20]}
    errors = {}
    verdict = check_nir(values["nir"], account["nir"])
    if verdict is not Check.PERSONA:
        errors["nir"] = _NIR_MESSAGES[_NIR_REASONS[verdict]]
        if verdict is Check.REAL_LOOKING:
            values["nir"] = ""  # a real number is never kept, nor shown again
    birth = parse_date_fr(values["naissance"])
    if birth is None:
        errors["naissance"] = rules.MESSAGES["birth_date_invalid"]
    elif not errors and birth.isoformat() != account["birth_date"]:
        errors["naissance"] = rules.MESSAGES["no_match"]
    if errors:
        reason = (_NIR_REASONS[verdict] if "nir" in errors else
                  "birth_date_invalid" if birth is None else "no_match")
        emit("francetravail.identifiant.recovery_failed", reason=reason)
        return render_template("francetravail/pages/recovery_identifiant.html", values=values,
                               errors=errors, sent_to=None)
    with write_transaction(db):
        send_sms(db, f"France Travail : votre identifiant est {account['identifiant']}. "
                     "Ne le communiquez à personne.")
    emit("francetravail.identifiant.recovered")
    return render_template("francetravail/pages/recovery_identifiant.html", values={},
                           errors={}, sent_to=_masked_phone(account["phone"]))


@bp.get("/mot-de-passe-oublie")
def forgotten_password():
    return render_template("francetravail/pages/recovery_password.html", mode=login_mode(),
                           typed="", error=None)


@bp.post("/mot-de-passe-oublie")
def forgotten_password_submit():
    db = current_world().db
    account = store.account(db)
    mode = login_mode()
    if mode == "email":
        typed = rules.clean_email(request.form.get("email"))
        reason = rules.email_problem(typed) or (
            None if typed == account["email"] else "email_unknown")
    else:
        typed = rules.clean_identifiant(request.form.get("identifiant"))
        reason = rules.identifiant_problem(typed) or (
            None if typed == account["identifiant"] else "identifiant_unknown")
    if reason:
        emit("francetravail.password.reset_failed",
             reason=reason.replace("email_", "identifiant_"))
        return render_template("francetravail/pages/recovery_password.html", mode=mode,
                               typed=typed, error=rules.MESSAGES[reason])
    with write_transaction(db):
        code = store.access.new_code(db, PURPOSE)
        send_sms(db, f"France Travail : votre code de sécurité pour changer votre mot de passe "
                     f"est {code}. Il est valable 15 minutes.", kind="code")
    emit("francetravail.password.code_sent")
    return htmx.redirect(url_for("francetravail.new_password"))


@bp.get("/mot-de-passe-oublie/nouveau")
def new_password():
    db = current_world().db
    if store.access.pending_code(db, PURPOSE) is None:
        return htmx.redirect(url_for("francetravail.forgotten_password"))
    return render_template("francetravail/pages/recovery_new_password.html", errors={},
                           sent_to=_masked_phone(store.account(db)["phone"]), done=False)


@bp.post("/mot-de-passe-oublie/nouveau")
def new_password_submit():
    db = current_world().db
    account = store.account(db)
    pending = store.access.pending_code(db, PURPOSE)
    if pending is None:
        emit("francetravail.password.reset_failed", reason="no_code")
        return render_template("francetravail/pages/recovery_password.html", mode=login_mode(),
                               typed="", error=rules.MESSAGES["no_code"])
    typed_code = "".join((request.form.get("code") or "").split())[:20]
    first = (request.form.get("nouveau") or "").strip()[:rules.MAX_LENGTH]
    second = (request.form.get("confirmation") or "").strip()[:rules.MAX_LENGTH]
    errors, reason = {}, None
    if typed_code != pending["code"]:
        limit = int(current_app.config.get("FRANCETRAVAIL_MAX_PASSWORD_FAILURES", 3))
        with write_transaction(db):
            failures = store.access.record_code_failure(db, pending["id"], limit)
        reason = "no_code" if failures >= limit else "wrong_code"
        errors["code"] = rules.MESSAGES[reason]
    problem = rules.new_password_problem(first, second)
    if problem:
        reason = reason or problem
        errors["confirmation" if problem == "passwords_differ" else "nouveau"] = \
            rules.MESSAGES[problem]
    if errors:
        emit("francetravail.password.reset_failed", reason=reason)
        if reason == "no_code":
            return render_template("francetravail/pages/recovery_password.html",
                                   mode=login_mode(), typed="", error=rules.MESSAGES["no_code"])
        return render_template("francetravail/pages/recovery_new_password.html", errors=errors,
                               sent_to=_masked_phone(account["phone"]), done=False)
    with write_transaction(db):
        store.access.use_code(db, pending["id"])
        store.update_account(db, password_hash=rules.hash_password(first), blocked=0,
                             failed_passwords=0, login_step="")
    emit("francetravail.password.changed")
    return render_template("francetravail/pages/recovery_new_password.html", errors={},
                           sent_to=None, done=True)
