"""Creating the space: the three numbers of the papers (or FranceConnect), then the e-mail and
the password, then the activation link of the e-mail, valid 8 hours."""

from __future__ import annotations

import time

from flask import render_template, request, url_for

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.impots import bp, mails, rules, store
from simulator.sites.impots.routes.guard import taxpayer_or_none
from simulator.world import current_world


def _creation_page(taxpayer: dict, *, errors: dict | None = None, typed: dict | None = None):
    return htmx.render("impots/pages/creation_numbers.html", errors=errors or {},
                       typed=typed or {}, fiscal_known=taxpayer["creation_step"] == "fiscal",
                       spaced=rules.spaced_fiscal(taxpayer["numero_fiscal"]))


@bp.get("/creation")
def creation():
    taxpayer = taxpayer_or_none()
    if taxpayer is None:
        return htmx.redirect(url_for("impots.no_file"))
    if taxpayer["status"] != "absent":
        return htmx.redirect(url_for("impots.login"))
    if taxpayer["creation_step"] == "identified":
        return htmx.redirect(url_for("impots.creation_account"))
    return _creation_page(taxpayer)


@bp.post("/creation")
def creation_submit():
    db = current_world().db
    taxpayer = taxpayer_or_none()
    if taxpayer is None or taxpayer["status"] != "absent":
        emit("impots.creation.rejected", reason="already_created")
        return htmx.redirect(url_for("impots.login"))
    form = {name: (request.form.get(name) or "")[:40] for name in ("spi", "acces", "rfr")}
    errors = {}
    if taxpayer["creation_step"] != "fiscal":
        reason = rules.check_fiscal(form["spi"], taxpayer["numero_fiscal"])
        if reason:
            errors["spi"] = reason
    reason = rules.check_access_number(form["acces"], taxpayer["numero_acces"])
    if reason:
        errors["acces"] = reason
    reason = rules.check_rfr(form["rfr"], taxpayer["rfr"])
    if reason:
        errors["rfr"] = reason
    if errors:
        emit("impots.creation.rejected", reason=next(iter(errors.values())))
        if errors.get("spi") == "real_number":
            form["spi"] = ""  # a real-looking number is never shown back nor kept
        return _creation_page(taxpayer, errors={k: rules.MESSAGES[v] for k, v in errors.items()},
                              typed=form)
    with write_transaction(db):
        store.update_taxpayer(db, creation_step="identified", created_via="numeros")
    emit("impots.creation.identified", via="numeros")
    return htmx.redirect(url_for("impots.creation_account"))


def _account_page(taxpayer: dict, *, errors: dict | None = None, typed: dict | None = None):
    return htmx.render("impots/pages/creation_account.html", errors=errors or {},
                       typed=typed or {}, rules_text=rules.PASSWORD_RULES,
                       via=taxpayer["created_via"])


@bp.get("/creation/compte")
def creation_account():
    taxpayer = taxpayer_or_none()
    if taxpayer is None or taxpayer["status"] != "absent" \
            or taxpayer["creation_step"] != "identified":
        return htmx.redirect(url_for("impots.creation"))
    return _account_page(taxpayer)


@bp.post("/creation/compte")
def creation_account_submit():
    db = current_world().db
    taxpayer = taxpayer_or_none()
    if taxpayer is None or taxpayer["status"] != "absent" \
            or taxpayer["creation_step"] != "identified":
        return htmx.redirect(url_for("impots.creation"))
    email = (request.form.get("email") or "")[:120]
    errors = {}
    reason = rules.check_email(email, request.form.get("email_confirmation"), taxpayer["email"])
    if reason:
        errors["email"] = reason
    reason = rules.check_new_password(request.form.get("pwd"),
                                      request.form.get("pwd_confirmation"), taxpayer["password"])
    if reason:
        errors["pwd"] = reason
    if errors:
        emit("impots.creation.account_rejected", reason=next(iter(errors.values())))
        keep = "" if errors.get("email") == "email_not_persona" else email
        return _account_page(taxpayer, errors={k: rules.MESSAGES[v] for k, v in errors.items()},
                             typed={"email": keep,
                                    "email_confirmation": keep and request.form.get(
                                        "email_confirmation", "")[:120]})
    with write_transaction(db):
        store.update_taxpayer(db, status="a_activer", creation_step="none")
        mails.send_activation(db)
    emit("impots.creation.requested", via=taxpayer["created_via"] or "numeros")
    return htmx.redirect(url_for("impots.creation_sent"))


@bp.get("/creation/courriel-envoye")
def creation_sent():
    taxpayer = taxpayer_or_none()
    if taxpayer is None or taxpayer["status"] != "a_activer":
        return htmx.redirect(url_for("impots.login"))
    return render_template("impots/pages/creation_sent.html", taxpayer=taxpayer, error=None)


@bp.post("/activation/renvoyer")
def activation_resend():
    db = current_world().db
    taxpayer = taxpayer_or_none()
    if taxpayer is None or taxpayer["status"] != "a_activer":
        return htmx.redirect(url_for("impots.login"))
    with write_transaction(db):
        mails.send_activation(db)
    emit("impots.activation.resent")
    return htmx.redirect(url_for("impots.creation_sent"))


@bp.get("/activation/<token>")
def activation(token: str):
    """The link of the activation e-mail: once, within 8 hours, in this learner's world only."""
    db = current_world().db
    taxpayer = taxpayer_or_none()
    problem = _activation_problem(taxpayer, token)
    if problem is None:
        with write_transaction(db):
            store.update_taxpayer(db, status="actif", activation_used=1)
        emit("impots.activation.succeeded")
    else:
        if problem == "expired":
            with write_transaction(db):  # « vous devrez recommencer la création de votre espace »
                store.update_taxpayer(db, status="absent", creation_step="none",
                                      activation_token=None)
        emit("impots.activation.refused", reason=problem)
    return htmx.render("impots/pages/activation.html", problem=problem)


def _activation_problem(taxpayer: dict | None, token: str) -> str | None:
    if taxpayer is None or not taxpayer["activation_token"] or \
            token != taxpayer["activation_token"]:
        return "unknown"
    if taxpayer["activation_used"] or taxpayer["status"] == "actif":
        return "used"
    if time.time() - (taxpayer["activation_sent_at"] or 0) > rules.ACTIVATION_HOURS * 3600:
        return "expired"
    return None
