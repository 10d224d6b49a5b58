"""Virements, steps 2 and 3: « Confirmation » (+ the SMS code towards a beneficiary), then the
« Récapitulatif » with its reference number.

A draft is consumed once: the status is read and changed inside one BEGIN IMMEDIATE
transaction, so a double tap or a replayed POST never moves the money twice.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, current_app, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.formats import euros
from simulator.personas import load_persona
from simulator.sites.banque import bp, rules, store
from simulator.sites.banque.routes.guard import online
from simulator.sites.banque.routes.transfers import (
    account_key,
    check_money,
    message_for,
    target_key,
)
from simulator.sites.banque.sms import send_security_code
from simulator.world import current_world

NOT_RECORDED = "Votre virement n'a pas pu être enregistré."
WRONG_CODE = "Le code de sécurité que vous avez saisi est erroné."
CODE_FORMAT = "Veuillez saisir le code à 6 chiffres reçu par SMS."

# Where a transfer in each status is shown: a replayed request lands there, nothing else.
_PAGE_OF_STATUS = {
    "draft": "banque.transfer_review",
    "awaiting_code": "banque.transfer_code",
    "done": "banque.transfer_receipt",
    "scheduled": "banque.transfer_receipt",
    "cancelled": "banque.transfer_receipt",
}


def _transfer(db, reference: str) -> store.Transfer:
    """The transfer of this world with this reference; a forged one is the kiosk's 404."""
    return store.transfer_by_reference(db, reference) or abort(404)


def _go_to(transfer: store.Transfer):
    return htmx.redirect(url_for(_PAGE_OF_STATUS[transfer.status], reference=transfer.reference))


def _holder_for_statements() -> str:
    """``MME DURAND MARTINE``: how transfers between one's own accounts are labelled."""
    identity = load_persona(current_world().persona_id).identite
    return f"{identity.civilite} {identity.nom} {identity.prenom}".upper()


def _recheck(transfer: store.Transfer) -> rules.TransferProblem | None:
    """The rules again, at the moment of moving the money (balances may have changed)."""
    if transfer.requested_day < clock.today():
        return rules.TransferProblem("date_past", "date")
    if transfer.payee is not None and not transfer.payee.is_active(clock.now().timestamp()):
        return rules.TransferProblem("beneficiary_not_active", "vers")
    return check_money(transfer.amount_cents, transfer.from_account, transfer.to_account)


def _emit_confirmed(transfer: store.Transfer) -> None:
    emit("banque.transfer.confirmed", from_account=transfer.from_account.key,
         to_account=target_key(transfer.to_account, transfer.payee),
         amount=transfer.amount_cents / 100,
         beneficiary=transfer.payee.name if transfer.payee else "",
         execution_date=transfer.execution_day.isoformat(),
         deferred=transfer.execution_day > clock.today(), has_reason=bool(transfer.reason))


def _emit_rejected(transfer: store.Transfer, problem: rules.TransferProblem) -> None:
    emit("banque.transfer.rejected", reason=problem.reason,
         from_account=account_key(transfer.from_account),
         to_account=target_key(transfer.to_account, transfer.payee))


def _execute(db, transfer: store.Transfer) -> None:
    store.execute_transfer(db, transfer, holder_name=_holder_for_statements(),
                           today=clock.today(), confirmed_at=clock.now().timestamp())


def _render(page: str, transfer: store.Transfer, **context):
    return htmx.render(f"banque/pages/{page}.html", transfer=transfer, today=clock.today(),
                       **context)


# --- « Confirmation » -----------------------------------------------------------------------


@bp.get("/virements/<reference>/confirmation")
@online
def transfer_review(reference: str):
    db = current_world().db
    transfer = _transfer(db, reference)
    if transfer.status != "draft":
        return _go_to(transfer)
    emit("banque.transfer.reviewed", from_account=transfer.from_account.key,
         to_account=target_key(transfer.to_account, transfer.payee),
         amount=transfer.amount_cents / 100,
         beneficiary=transfer.payee.name if transfer.payee else "")
    return _render("transfer_confirm", transfer)


@bp.post("/virements/<reference>/confirmation")
@online
def transfer_confirm(reference: str):
    db = current_world().db
    problem = None
    with write_transaction(db):
        transfer = _transfer(db, reference)
        if transfer.status != "draft":
            outcome = "replay"
        elif (problem := _recheck(transfer)) is not None:
            outcome = "refused"
        elif transfer.payee is not None:
            store.set_transfer_status(db, transfer.id, "awaiting_code")
            detail = f"{euros(transfer.amount_cents)} vers {transfer.payee.name}"
            send_security_code(db, "transfer", transfer.id, detail=detail)
            outcome = "code_sent"
        else:
            _execute(db, transfer)
            outcome = "done"
    if outcome == "refused":
        _emit_rejected(transfer, problem)
        return _render("transfer_confirm", transfer, status=200, error=NOT_RECORDED,
                       problem=message_for(problem, transfer.from_account, transfer.to_account))
    if outcome == "code_sent":
        emit("banque.transfer.code_sent", amount=transfer.amount_cents / 100,
             beneficiary=transfer.payee.name)
    if outcome == "done":
        _emit_confirmed(transfer)
    return _go_to(store.transfer_by_reference(db, reference))


@bp.post("/virements/<reference>/annulation")
@online
def transfer_cancel(reference: str):
    db = current_world().db
    with write_transaction(db):
        transfer = _transfer(db, reference)
        unfinished = transfer.status in ("draft", "awaiting_code")
        if unfinished:
            store.set_transfer_status(db, transfer.id, "cancelled")
            db_code = store.pending_security_code(db, "transfer")
            if db_code is not None and db_code["subject_id"] == transfer.id:
                store.use_security_code(db, db_code["id"])
    if not unfinished:
        return _go_to(transfer)
    emit("banque.transfer.cancelled")
    return htmx.redirect(url_for("banque.transfer_form", annule=1))


# --- the SMS code (towards a beneficiary) ---------------------------------------------------


@bp.get("/virements/<reference>/code")
@online
def transfer_code(reference: str):
    db = current_world().db
    transfer = _transfer(db, reference)
    if transfer.status != "awaiting_code":
        return _go_to(transfer)
    return _render("transfer_code", transfer)


@bp.post("/virements/<reference>/code")
@online
def transfer_code_submit(reference: str):
    db = current_world().db
    typed = (request.form.get("code") or "").strip()
    limit = current_app.config["BANQUE_MAX_CODE_FAILURES"]
    problem, attempts_left = None, limit
    with write_transaction(db):
        transfer = _transfer(db, reference)
        pending = store.pending_security_code(db, "transfer")
        if transfer.status != "awaiting_code":
            outcome = "replay"
        elif not (len(typed) == 6 and typed.isdigit()):
            outcome = "format"
        elif pending is None or pending["subject_id"] != transfer.id:
            # No code of this transfer is waiting any more: it cannot be validated.
            store.set_transfer_status(db, transfer.id, "cancelled")
            outcome, attempts_left = "wrong", 0
        elif typed != pending["code"]:
            failures = store.record_security_code_failure(db, pending["id"])
            attempts_left = max(limit - failures, 0)
            outcome = "wrong"
            if attempts_left == 0:
                # Three wrong codes: the bank drops the transfer, nothing is moved.
                store.set_transfer_status(db, transfer.id, "cancelled")
                store.use_security_code(db, pending["id"])
        else:
            store.use_security_code(db, pending["id"])
            problem = _recheck(transfer)
            if problem is not None:
                store.set_transfer_status(db, transfer.id, "cancelled")
                outcome = "refused"
            else:
                _execute(db, transfer)
                outcome = "done"
    if outcome == "replay":
        return _go_to(transfer)
    if outcome == "format":
        return _render("transfer_code", transfer, error=CODE_FORMAT)
    if outcome == "wrong":
        emit("banque.transfer.code_failed", attempts_left=attempts_left)
        if attempts_left == 0:
            return _render("transfer_result", transfer, failed=NOT_RECORDED, too_many_codes=True)
        plural = "essais" if attempts_left > 1 else "essai"
        return _render("transfer_code", transfer,
                       error=f"{WRONG_CODE} Il vous reste {attempts_left} {plural}.")
    if outcome == "refused":
        _emit_rejected(transfer, problem)
        return _render("transfer_result", transfer, failed=NOT_RECORDED,
                       problem=message_for(problem, transfer.from_account, transfer.to_account))
    _emit_confirmed(transfer)
    return _go_to(store.transfer_by_reference(db, reference))


# --- « Récapitulatif » ------------------------------------------------------------------------


@bp.get("/virements/<reference>/recapitulatif")
@online
def transfer_receipt(reference: str):
    db = current_world().db
    transfer = _transfer(db, reference)
    if transfer.status in ("draft", "awaiting_code"):
        return _go_to(transfer)
    recorded_on = (dt.datetime.fromtimestamp(transfer.confirmed_at, clock.PARIS).date()
                   if transfer.confirmed_at else None)
    return _render("transfer_result", transfer, recorded_on=recorded_on,
                   operations=store.transfer_operations(db, transfer.id))
