"""« Mes bénéficiaires »: the list, and adding one with the IBAN in seven boxes and an SMS code.

Reference: real-sites-and-anchors §1.1.5. The addition follows the real forms: the country of
the account and « à la Banque Citoyenne ? » (SaisiePaysBeneficiaireVirement), then the name,
the IBAN in seven boxes and a label (CaracteristiquesBeneficiaireVirement), a summary with
« Confirmer la création », and the code received by SMS.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, current_app, g, render_template, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.banque import bp, rules, store
from simulator.sites.banque.routes.beneficiary_form import (
    COUNTRIES,
    DetailsForm,
    bank_answer_for,
    read_details,
)
from simulator.sites.banque.routes.guard import online
from simulator.sites.banque.sms import send_security_code
from simulator.world import current_world

CODE_MESSAGES = {
    "wrong": "Le code de sécurité que vous avez saisi est erroné.",
    "empty": "Veuillez saisir le code de sécurité à 6 chiffres reçu par SMS.",
    "expired": "Ce code de sécurité n'est plus valable. Demandez un nouveau code.",
}


def _usable(beneficiary: dict) -> bool:
    return (beneficiary["active_from"] or 0) <= clock.now().timestamp()


def _usable_from(beneficiary: dict) -> dt.datetime:
    return dt.datetime.fromtimestamp(beneficiary["active_from"] or 0, clock.PARIS)


@bp.app_template_filter("masked_iban")
def _masked_iban(iban: str) -> str:
    return rules.masked_iban(iban)


@bp.app_template_filter("iban_spaced")
def _iban_spaced(iban: str) -> str:
    return " ".join(rules.iban_groups(iban))


# --- the list -----------------------------------------------------------------------------


@bp.get("/beneficiaires")
@online
def beneficiaries():
    db = current_world().db
    rows = [{**b, "usable": _usable(b), "usable_from": _usable_from(b)}
            for b in store.active_beneficiaries(db)]
    return render_template("banque/pages/beneficiaries.html", beneficiaries=rows)


# --- step 1: the country of the account ---------------------------------------------------


@bp.get("/beneficiaires/ajout")
@online
def beneficiary_country():
    emit("banque.beneficiary.form_viewed")
    return _country_page(country=request.args.get("paysDestination", "FR"),
                         bank_answer=request.args.get("compteLBP", ""))


@bp.post("/beneficiaires/ajout")
@online
def beneficiary_country_submit():
    country = request.form.get("paysDestination", "")
    bank_answer = request.form.get("compteLBP", "")
    errors = {}
    if country not in dict(COUNTRIES):
        errors["paysDestination"] = ("country_missing", "Veuillez choisir le pays du compte.")
    elif country != "FR":
        errors["paysDestination"] = (
            "country_unsupported",
            "Dans cet exercice, seuls les comptes ouverts en France peuvent être ajoutés. "
            "Choisissez « France ».")
    if bank_answer not in ("oui", "non"):
        errors["compteLBP"] = ("bank_unanswered",
                               "Veuillez indiquer si ce compte est à la Banque Citoyenne.")
    if errors:
        emit("banque.beneficiary.rejected", reason=next(iter(errors.values()))[0], box=0)
        return _country_page(country=country, bank_answer=bank_answer,
                             errors={field: message for field, (_, message) in errors.items()})
    return htmx.redirect(url_for("banque.beneficiary_details", paysDestination=country,
                                 compteLBP=bank_answer))


def _country_page(*, country: str, bank_answer: str, errors: dict | None = None):
    return render_template("banque/pages/beneficiary_country.html", countries=COUNTRIES,
                           country=country, bank_answer=bank_answer, errors=errors or {})


# --- step 2: name, IBAN, label ------------------------------------------------------------


@bp.get("/beneficiaires/ajout/coordonnees")
@online
def beneficiary_details():
    bank_answer = request.args.get("compteLBP", "")
    if request.args.get("paysDestination") != "FR" or bank_answer not in ("oui", "non"):
        return htmx.redirect(url_for("banque.beneficiary_country"))
    form = DetailsForm(bank_answer=bank_answer)
    draft = store.beneficiary_by_token(current_world().db, request.args.get("brouillon"))
    if draft and draft["status"] == "draft":  # « Modifier » from the summary: fill it again
        form = DetailsForm.from_beneficiary(draft, bank_answer)
    return render_template("banque/pages/beneficiary_details.html", form=form)


@bp.post("/beneficiaires/ajout/coordonnees")
@online
def beneficiary_details_submit():
    db = current_world().db
    bank_answer = request.form.get("compteLBP", "")
    if request.form.get("paysDestination") != "FR" or bank_answer not in ("oui", "non"):
        return htmx.redirect(url_for("banque.beneficiary_country"))
    form = read_details(request.form, bank_answer)
    if not form.errors:
        form.check_against(customer=g.bank_customer,
                           own_ibans={a.iban for a in store.accounts(db)},
                           already=store.is_beneficiary(db, form.iban))
    if form.errors:
        emit("banque.beneficiary.rejected", reason=form.first_reason, box=form.first_box)
        return render_template("banque/pages/beneficiary_details.html", form=form)
    with write_transaction(db):
        draft = store.start_beneficiary(db, name=form.name, label=form.label, iban=form.iban,
                                        country="FR", now=clock.now().timestamp())
    return htmx.redirect(url_for("banque.beneficiary_review", token=draft["token"]))


# --- step 3: the summary and « Confirmer la création » ------------------------------------


def _in_progress(token: str) -> dict:
    beneficiary = store.beneficiary_by_token(current_world().db, token)
    if beneficiary is None:
        abort(404)
    return beneficiary


def _next_page(beneficiary: dict):
    """Where an addition stands: a replayed or old page never does a step twice."""
    endpoint = {"draft": "banque.beneficiary_review", "awaiting_code": "banque.beneficiary_code",
                "active": "banque.beneficiary_added"}[beneficiary["status"]]
    return htmx.redirect(url_for(endpoint, token=beneficiary["token"]))


@bp.get("/beneficiaires/ajout/<token>")
@online
def beneficiary_review(token: str):
    beneficiary = _in_progress(token)
    if beneficiary["status"] != "draft":
        return _next_page(beneficiary)
    emit("banque.beneficiary.reviewed", name=beneficiary["name"],
         iban_suffix=beneficiary["iban"][-4:])
    return _review_page(beneficiary)


def _review_page(beneficiary: dict, error: str | None = None):
    bank_answer = bank_answer_for(beneficiary["iban"], g.bank_customer["bank_code"])
    return render_template("banque/pages/beneficiary_review.html", beneficiary=beneficiary,
                           bank_answer=bank_answer, error=error)


@bp.post("/beneficiaires/ajout/<token>")
@online
def beneficiary_confirm(token: str):
    db = current_world().db
    with write_transaction(db):
        beneficiary = _in_progress(token)
        duplicate = store.is_beneficiary(db, beneficiary["iban"])
        sent = beneficiary["status"] == "draft" and not duplicate
        if sent:
            store.await_beneficiary_code(db, beneficiary["id"])
            send_security_code(db, "beneficiary", beneficiary["id"])
    if beneficiary["status"] == "draft" and duplicate:
        emit("banque.beneficiary.rejected", reason="duplicate", box=0)
        return _review_page(beneficiary, error=DetailsForm.MESSAGES["duplicate"])
    if sent:
        emit("banque.beneficiary.code_sent")
        return htmx.redirect(url_for("banque.beneficiary_code", token=token))
    return _next_page(beneficiary)


# --- step 4: the code received by SMS -----------------------------------------------------


@bp.get("/beneficiaires/ajout/<token>/code")
@online
def beneficiary_code(token: str):
    beneficiary = _in_progress(token)
    if beneficiary["status"] != "awaiting_code":
        return _next_page(beneficiary)
    return _code_page(beneficiary)


def _code_page(beneficiary: dict, error: str | None = None):
    return render_template("banque/pages/beneficiary_code.html", beneficiary=beneficiary,
                           error=error)


@bp.post("/beneficiaires/ajout/<token>/code/renvoi")
@online
def beneficiary_code_resend(token: str):
    db = current_world().db
    with write_transaction(db):
        beneficiary = _in_progress(token)
        if beneficiary["status"] == "awaiting_code":
            send_security_code(db, "beneficiary", beneficiary["id"])
    if beneficiary["status"] == "awaiting_code":
        emit("banque.beneficiary.code_sent")
    return _next_page(beneficiary)


@bp.post("/beneficiaires/ajout/<token>/code")
@online
def beneficiary_code_submit(token: str):
    db = current_world().db
    typed = "".join((request.form.get("code") or "").split())
    limit = current_app.config["BANQUE_MAX_CODE_FAILURES"]
    delay = current_app.config["BANQUE_BENEFICIARY_ACTIVATION_MINUTES"] * 60
    with write_transaction(db):
        beneficiary = _in_progress(token)
        pending = store.pending_security_code(db, "beneficiary")
        if pending and pending["subject_id"] != beneficiary["id"]:
            pending = None
        outcome = _code_outcome(beneficiary, pending, typed)
        if outcome == "right":
            store.use_security_code(db, pending["id"])
            store.activate_beneficiary(db, beneficiary["id"], clock.now().timestamp() + delay)
        elif outcome == "wrong":
            failures = store.record_security_code_failure(db, pending["id"])
            if failures >= limit:
                store.drop_beneficiary(db, beneficiary["id"])
    if outcome == "elsewhere":
        return _next_page(beneficiary)
    if outcome in ("empty", "expired"):
        return _code_page(beneficiary, error=CODE_MESSAGES[outcome])
    if outcome == "wrong":
        attempts_left = max(limit - failures, 0)
        emit("banque.beneficiary.code_failed", attempts_left=attempts_left)
        if attempts_left == 0:
            return htmx.redirect(url_for("banque.beneficiary_cancelled"))
        plural = "essais" if attempts_left > 1 else "essai"
        return _code_page(beneficiary, error=f"{CODE_MESSAGES['wrong']} Attention, il vous "
                                             f"reste {attempts_left} {plural}.")
    emit("banque.beneficiary.added", name=beneficiary["name"],
         iban_suffix=beneficiary["iban"][-4:], active=delay == 0)
    return htmx.redirect(url_for("banque.beneficiary_added", token=token))


def _code_outcome(beneficiary: dict, pending: dict | None, typed: str) -> str:
    if beneficiary["status"] != "awaiting_code":
        return "elsewhere"
    if not typed:
        return "empty"
    if pending is None:
        return "expired"
    return "right" if typed == pending["code"] else "wrong"


# --- the outcome --------------------------------------------------------------------------


@bp.get("/beneficiaires/<token>/enregistre")
@online
def beneficiary_added(token: str):
    beneficiary = _in_progress(token)
    if beneficiary["status"] != "active":
        return _next_page(beneficiary)
    return render_template("banque/pages/beneficiary_added.html", beneficiary=beneficiary,
                           usable=_usable(beneficiary), usable_from=_usable_from(beneficiary))


@bp.get("/beneficiaires/ajout-annule")
@online
def beneficiary_cancelled():
    return render_template("banque/pages/beneficiary_cancelled.html")
