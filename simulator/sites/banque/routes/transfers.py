"""Virements, step 1 « Saisie »: the form, checked like the real bank, then a draft.

Reference: real-sites-and-anchors §1.1.4 (fields, the Livret A rules, the « loi 6902 » pop-in,
the week-end rule). The confirmation, the SMS code and the récapitulatif are in
``transfer_steps``.
"""

from __future__ import annotations

from flask import g, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.formats import date_fr, euros
from simulator.sites.banque import bp, rules, store
from simulator.sites.banque.routes.guard import online
from simulator.world import current_world

FIELDS = ("de", "vers", "montant", "date", "motif")

# The bank's words; {title} is the savings account concerned, {ceiling} its deposit ceiling.
MESSAGES = {
    "account_missing_de": "Veuillez sélectionner le compte à débiter.",
    "account_missing_vers": "Veuillez sélectionner le compte à créditer.",
    "unknown_account": "Une erreur est survenue. Veuillez recommencer votre saisie.",
    "beneficiary_not_active": "Ce bénéficiaire est en cours d'activation : vous pourrez lui "
                              "faire un virement dès qu'il sera activé.",
    "same_account": "Le compte à créditer doit être différent du compte à débiter.",
    "savings_to_beneficiary": "Les virements depuis un compte d'épargne sont uniquement "
                              "possibles vers vos comptes personnels.",
    "amount_format": "Le montant saisi est incorrect.",
    "amount_negative": "Le montant du virement ne peut pas être négatif.",
    "amount_zero": "Le montant du virement doit être supérieur à 0,00 €.",
    "over_transfer_ceiling": "Le montant d'un virement en ligne ne peut pas dépasser "
                             f"{euros(rules.TRANSFER_CEILING_CENTS)}.",
    "under_savings_minimum": "Le montant minimum d'une opération sur un {title} est de "
                             f"{euros(rules.LIVRET_A_MINIMUM_CENTS)}.",
    "savings_would_be_negative": "Aucune opération ne doit avoir pour effet de rendre le solde "
                                 "du {title} débiteur.",
    "insufficient_balance": "Le solde de votre compte est insuffisant pour effectuer ce virement.",
    "over_savings_ceiling": "Ce virement ferait dépasser le plafond de votre {title}, qui est "
                            "de {ceiling}.",
    "date_invalid": "La date saisie est incorrecte. Saisissez-la sous la forme jj/mm/aaaa, "
                    "par exemple 05/12/2026.",
    "date_past": "La date d'exécution ne peut pas être antérieure à la date du jour.",
    "date_too_far": "La date d'exécution ne peut pas être située plus d'un an après la date "
                    "du jour.",
    "reason_too_long": f"Le motif ne doit pas dépasser {rules.REASON_MAX_LENGTH} caractères.",
}


def message_for(problem: rules.TransferProblem, source: store.Account | None,
                target: store.Account | None) -> str:
    """The sentence the learner reads, naming the savings account when a rule is about it."""
    if problem.reason == "account_missing":
        return MESSAGES[f"account_missing_{problem.field}"]
    savings = next((a for a in (source, target) if a is not None and a.is_savings), None)
    if problem.reason == "over_savings_ceiling":
        savings = target
    return MESSAGES[problem.reason].format(
        title=savings.title if savings else "Livret A",
        ceiling=euros(savings.ceiling_cents or 0) if savings else "",
    )


def check_money(amount_cents: int, source: store.Account,
                target: store.Account | None) -> rules.TransferProblem | None:
    """Every rule of the bank about this amount between these two sides (target None: payee)."""
    return rules.check_transfer(
        amount_cents=amount_cents, from_kind=source.kind,
        from_balance_cents=source.balance_cents, from_overdraft_cents=source.overdraft_cents,
        to_kind=target.kind if target else None,
        to_balance_cents=target.balance_cents if target else None,
        to_ceiling_cents=target.ceiling_cents if target else None,
        same_account=target is not None and target.id == source.id)


def account_key(source: store.Account | None) -> str:
    return source.key if source else ""


def target_key(target: store.Account | None, payee: store.Payee | None) -> str:
    """What events call the credited side: an account key, or « beneficiaire »."""
    if target is not None:
        return target.key
    return "beneficiaire" if payee is not None else ""


@bp.get("/virements")
@online
def transfer_form():
    db = current_world().db
    typed = {"de": request.args.get("de", ""), "vers": request.args.get("vers", ""),
             "montant": "", "date": date_fr(clock.today()), "motif": ""}
    draft = store.transfer_by_reference(db, request.args.get("modifier"))
    if draft is not None and draft.status == "draft":
        # « Modifier » on the confirmation page: everything comes back as it was typed.
        typed = {"de": draft.from_account.token,
                 "vers": draft.to_account.token if draft.to_account else draft.payee.token,
                 "montant": euros(draft.amount_cents).removesuffix("\u00a0€"),
                 "date": date_fr(draft.requested_day), "motif": draft.reason}
    emit("banque.transfer.form_viewed")
    return _form_page(db, typed, cancelled=request.args.get("annule") == "1")


@bp.post("/virements")
@online
def transfer_submit():
    db = current_world().db
    today = clock.today()
    typed = {name: (request.form.get(name) or "").strip() for name in FIELDS}
    source = store.account_by_token(db, typed["de"])
    target = store.account_by_token(db, typed["vers"])
    payee = None if target else store.payee_by_token(db, typed["vers"])

    problems = _account_problems(typed, source, target, payee)
    amount_cents, amount_problem = rules.read_amount(typed["montant"])
    if amount_problem is None and not problems:
        amount_problem = check_money(amount_cents, source, target)
    requested_day, date_problem = rules.read_execution_date(typed["date"], today)
    problems += [amount_problem, date_problem, rules.check_reason(typed["motif"])]
    problems = [p for p in problems if p is not None]
    if problems:
        problems.sort(key=lambda p: FIELDS.index(p.field))
        emit("banque.transfer.rejected", reason=problems[0].reason,
             from_account=account_key(source), to_account=target_key(target, payee))
        errors = {p.field: message_for(p, source, target) for p in problems}
        return _form_page(db, typed, errors=errors)

    with write_transaction(db):
        reference = store.save_transfer_draft(
            db, from_account_id=source.id, to_account_id=target.id if target else None,
            beneficiary_id=payee.id if payee else None, amount_cents=amount_cents,
            requested_day=requested_day, execution_day=rules.execution_day(requested_day, today),
            reason=typed["motif"])
    return htmx.redirect(url_for("banque.transfer_review", reference=reference))


def _account_problems(typed, source, target, payee) -> list[rules.TransferProblem | None]:
    """Problems of the two selects; an empty list when both sides may be used together."""
    problems: list[rules.TransferProblem | None] = []
    if not typed["de"]:
        problems.append(rules.TransferProblem("account_missing", "de"))
    elif source is None:
        # A token from another world (or an old page): the bank's generic answer.
        problems.append(rules.TransferProblem("unknown_account", "de"))
    if not typed["vers"]:
        problems.append(rules.TransferProblem("account_missing", "vers"))
    elif target is None and payee is None:
        problems.append(rules.TransferProblem("unknown_account", "vers"))
    elif payee is not None and not payee.is_active(clock.now().timestamp()):
        problems.append(rules.TransferProblem("beneficiary_not_active", "vers"))
    elif source is not None:
        problems.append(rules.check_accounts(
            from_kind=source.kind, to_kind=target.kind if target else None,
            same_account=target is not None and target.id == source.id))
    return [p for p in problems if p is not None]


def _form_page(db, typed: dict, *, errors: dict | None = None, cancelled: bool = False):
    now = clock.now().timestamp()
    all_payees = store.payees(db)
    return htmx.render(
        "banque/pages/transfer_form.html",
        accounts=store.accounts(db),
        payees=[p for p in all_payees if p.is_active(now)],
        pending_payees=[p for p in all_payees if not p.is_active(now)],
        holder=g.bank_customer["holder"],
        typed=typed,
        errors=errors or {},
        cancelled=cancelled,
        max_reason=rules.REASON_MAX_LENGTH,
    )


from simulator.sites.banque.routes import transfer_steps  # noqa: E402,F401  (registers routes)
