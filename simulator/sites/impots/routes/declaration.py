"""« Déclarer mes revenus »: the steps (« Précédent / Suivant », saved as they go), the
récapitulatif with the simulated tax, the signature, the accusé de réception, the correction."""

from __future__ import annotations

from flask import g, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.impots import bp, declaring, rules, store
from simulator.sites.impots.routes.guard import online
from simulator.world import current_world

SITUATIONS = {"C": "Célibataire", "M": "Marié(e)", "O": "Pacsé(e)",
              "D": "Divorcé(e) ou séparé(e)", "V": "Veuf ou veuve"}


def _year() -> int:
    return declaring.income_year()


def _draft():
    """The declaration being filled in (None: not started, or signed and not reopened)."""
    found = store.declaration(current_world().db, _year())
    return None if found is None or found.signed else found


def _page(template: str, step: str, declaration, **context):
    home = store.household(current_world().db)
    return htmx.render(f"impots/pages/{template}", declaration=declaration, step=step,
                       steps=declaring.STEPS, year=_year(), household=home,
                       reached=declaring.reached_index(declaration), situations=SITUATIONS,
                       **context)


def _next(step: str, direction: str) -> str:
    index = declaring.STEP_KEYS.index(step)
    index = max(index - 1, 0) if direction == "precedent" else index + 1
    return url_for("impots.declaration_step", step=declaring.STEP_KEYS[index])


def _save(declaration, step: str, **changes) -> None:
    db = current_world().db
    if declaring.reached_index(declaration) < declaring.STEP_KEYS.index(step):
        changes["reached"] = step
    with write_transaction(db):
        store.save_declaration(db, declaration.id, **changes)
    emit("impots.declaration.step_saved", step=step, year=declaration.income_year)


@bp.get("/declaration")
@online
def declaration_home():
    db = current_world().db
    found = store.declaration(db, _year())
    return htmx.render("impots/pages/declaration_home.html", declaration=found, year=_year(),
                       signed=store.signed_versions(db, _year()))


@bp.post("/declaration")
@online
def declaration_start():
    db = current_world().db
    found = store.declaration(db, _year())
    if found is not None and found.signed:
        return htmx.redirect(url_for("impots.declaration_home"))
    with write_transaction(db):
        draft = declaring.current(db, _year())
    emit("impots.declaration.started", year=draft.income_year, correction=draft.version > 0)
    step = declaring.missing_step(draft) or "recapitulatif"
    return htmx.redirect(url_for("impots.declaration_step", step=step))


TEMPLATES = {"etat-civil": "declaration_identity.html", "situation": "declaration_situation.html",
             "personnes-a-charge": "declaration_dependants.html",
             "revenus": "declaration_income.html", "charges": "declaration_charges.html"}


@bp.get("/declaration/<step>")
@online
def declaration_step(step: str):
    draft = _draft()
    if draft is None:
        return htmx.redirect(url_for("impots.declaration_home"))
    if step == "recapitulatif":
        return _summary(draft)
    if step == "montants":
        return _amounts_page(draft)
    if step not in TEMPLATES:
        return htmx.redirect(url_for("impots.declaration_home"))
    return _page(TEMPLATES[step], step, draft, person=g.taxpayer["person"],
                 fiscal=rules.spaced_fiscal(g.taxpayer["numero_fiscal"]), errors={}, typed={},
                 charges=declaring.CHARGES)


@bp.post("/declaration/<step>")
@online
def declaration_save(step: str):
    draft = _draft()
    if draft is None:
        return htmx.redirect(url_for("impots.declaration_home"))
    direction = request.form.get("direction", "suivant")
    if step == "etat-civil":
        _save(draft, step, identity_checked=True)
    elif step == "situation":
        situation = request.form.get("situation", "")
        if situation not in SITUATIONS:
            emit("impots.declaration.rejected", step=step, reason="situation_missing")
            return _page("declaration_situation.html", step, draft, errors={
                "situation": "Veuillez indiquer votre situation de famille."})
        single_parent = request.form.get("case_t") == "1" and situation in ("C", "D", "V")
        _save(draft, step, situation=situation, single_parent=single_parent)
        emit("impots.declaration.situation_saved", situation=situation,
             single_parent=single_parent)
    elif step == "personnes-a-charge":
        _save(draft, step, dependants_checked=True)
    elif step == "revenus":
        return _save_income(draft, direction)
    elif step == "charges":
        return _save_charges(draft, direction)
    elif step == "montants":
        return _save_amounts(draft, direction)
    else:
        return htmx.redirect(url_for("impots.declaration_home"))
    return htmx.redirect(_next(step, direction))


def _save_income(draft, direction: str):
    home = store.household(current_world().db)
    typed = (request.form.get("salaires_1aj") or "")[:30]
    amount, reason = rules.amount_problem(typed, required=True)
    if reason:
        emit("impots.declaration.rejected", step="revenus", reason=reason)
        return _page("declaration_income.html", "revenus", draft,
                     errors={"salaires_1aj": rules.MESSAGES[reason]}, typed={"salaires_1aj": typed})
    _save(draft, "revenus", salaries=amount)
    emit("impots.declaration.income_saved", salaries=amount,
         prefilled=home["salaries_prefilled"], changed=amount != home["salaries_prefilled"])
    return htmx.redirect(_next("revenus", direction))


def _save_charges(draft, direction: str):
    chosen = [key for key in request.form.getlist("rubriques") if key in declaring.CHARGES]
    _save(draft, "charges", charges=chosen)
    emit("impots.declaration.charges_chosen", childcare="garde" in chosen, count=len(chosen))
    if direction == "precedent":
        return htmx.redirect(_next("charges", direction))
    home = store.household(current_world().db)
    if "garde" in chosen and declaring.young_children(home, draft.income_year):
        return htmx.redirect(url_for("impots.declaration_step", step="montants"))
    return htmx.redirect(url_for("impots.declaration_step", step="recapitulatif"))


def _amounts_page(draft, *, errors: dict | None = None, typed: dict | None = None):
    home = store.household(current_world().db)
    young = declaring.young_children(home, draft.income_year)
    if "garde" not in draft.charges or not young:
        return htmx.redirect(url_for("impots.declaration_step", step="charges"))
    boxes = [{"box": box, "child": child, "value": (typed or {}).get(box, (
        draft.childcare[i] if i < len(draft.childcare) and draft.childcare[i] else ""))}
        for i, (box, child) in enumerate(zip(declaring.BOXES, young, strict=False))]
    return _page("declaration_amounts.html", "charges", draft, boxes=boxes, errors=errors or {})


def _save_amounts(draft, direction: str):
    home = store.household(current_world().db)
    young = declaring.young_children(home, draft.income_year)
    values, errors, typed = [], {}, {}
    for box, _child in zip(declaring.BOXES, young, strict=False):
        typed[box] = (request.form.get(f"case_{box.lower()}") or "")[:30]
        amount, reason = rules.amount_problem(typed[box])
        if reason:
            errors[box] = rules.MESSAGES[reason]
            emit("impots.declaration.rejected", step="montants", reason=reason)
        values.append(amount or 0)
    if errors:
        return _amounts_page(draft, errors=errors, typed=typed)
    _save(draft, "charges", childcare=values)
    paid = home["childcare_paid"]
    emit("impots.declaration.childcare_saved", amount=values[0] if values else 0, paid=paid,
         net=max(paid - home["childcare_aid"], 0))
    if direction == "precedent":
        return htmx.redirect(url_for("impots.declaration_step", step="charges"))
    return htmx.redirect(url_for("impots.declaration_step", step="recapitulatif"))


def _summary(draft):
    missing = declaring.missing_step(draft)
    if missing:
        return htmx.redirect(url_for("impots.declaration_step", step=missing))
    db = current_world().db
    result = declaring.tax(db, draft)
    childcare = draft.childcare[0] if "garde" in draft.charges and draft.childcare else 0
    emit("impots.declaration.summary_viewed", balance=result.balance, childcare=childcare,
         salaries=draft.salaries or 0)
    home = store.household(db)
    return _page("declaration_summary.html", "recapitulatif", draft, result=result,
                 person=g.taxpayer["person"], fiscal=rules.spaced_fiscal(
                     g.taxpayer["numero_fiscal"]),
                 dependants=declaring.children(home, draft.income_year),
                 young=declaring.young_children(home, draft.income_year))


@bp.post("/declaration/signature")
@online
def declaration_sign():
    db = current_world().db
    found = store.declaration(db, _year())
    if found is None or found.signed:
        emit("impots.declaration.sign_refused", reason="already_signed" if found else "incomplete")
        return htmx.redirect(url_for("impots.declaration_accuse") if found else
                             url_for("impots.declaration_home"))
    missing = declaring.missing_step(found)
    if missing:
        emit("impots.declaration.sign_refused", reason="incomplete")
        return htmx.redirect(url_for("impots.declaration_step", step=missing))
    with write_transaction(db):
        signed = declaring.sign(db, _year(), clock.today())
    emit("impots.declaration.signed", year=signed.income_year, correction=signed.version > 0,
         balance=signed.balance, salaries=signed.salaries or 0,
         childcare=signed.childcare[0] if "garde" in signed.charges and signed.childcare else 0)
    return htmx.redirect(url_for("impots.declaration_accuse"))


@bp.get("/declaration/accuse-de-reception")
@online
def declaration_accuse():
    db = current_world().db
    found = store.declaration(db, _year())
    if found is None or not found.signed:
        return htmx.redirect(url_for("impots.declaration_home"))
    accuse = next((d for d in store.documents(db, _year() + 1) if d.kind == "accuse"
                   and d.content.get("reference") == found.reference), None)
    emit("impots.accuse.viewed", year=found.income_year)
    return htmx.render("impots/pages/declaration_accuse.html", declaration=found, accuse=accuse,
                       email=g.taxpayer["email"], year=found.income_year)


@bp.post("/declaration/corriger")
@online
def declaration_correct():
    db = current_world().db
    found = store.declaration(db, _year())
    if found is None or not found.signed:
        return htmx.redirect(url_for("impots.declaration_home"))
    with write_transaction(db):
        declaring.correct(db, _year())
    emit("impots.declaration.correction_started", year=_year())
    return htmx.redirect(url_for("impots.declaration_step", step="etat-civil"))
