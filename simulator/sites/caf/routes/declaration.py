"""« Déclarer mes ressources trimestrielles » (prime d'activité): the quarter asked this month,
the salaries pre-filled in « montant net social » to check, the other resources to add (never
pre-filled), their amounts. The summary and sending are in ``sending``."""

from __future__ import annotations

from flask import request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.formats import AmountError
from simulator.sites.caf import bp, declaring, rules, store
from simulator.sites.caf.routes.guard import online
from simulator.world import current_world

STEPS = [("salaires", "Mes salaires"), ("autres", "Mes autres ressources"),
         ("montants", "Montants"), ("recapitulatif", "Récapitulatif")]


def quarter_now() -> rules.Quarter:
    return rules.quarter_due(clock.today())


def refusal(reason: str, quarter: rules.Quarter, declaration: dict | None) -> str:
    """The site's words when a declaration cannot be sent (or begun)."""
    if reason == "already_sent":
        sent = (declaration or {}).get("sent_at") or ""
        day = f"{sent[8:10]}/{sent[5:7]}/{sent[:4]}" if sent else ""
        return ("Vous avez déjà déclaré vos ressources pour ce trimestre. Votre déclaration a "
                f"été enregistrée le {day}.")
    if reason == "wrong_quarter":
        return ("Cette déclaration ne correspond pas à la période à déclarer. Vous devez "
                f"déclarer vos ressources de {quarter.label}.")
    return "Votre déclaration est incomplète. Complétez chaque étape avant de la valider."


def home_page(*, error: str | None = None, status: int = 200):
    db = current_world().db
    quarter = quarter_now()
    declaration = store.declaration(db, quarter.key)
    sent = bool(declaration and declaration["status"] == "sent")
    history = [d for d in store.declarations(db) if d["status"] == "sent"]
    return htmx.render("caf/pages/declaration_home.html", quarter=quarter, error=error,
                       declaration=declaration, sent=sent, status=status,
                       history=[(rules.quarter_from_key(d["quarter"]), d) for d in history])


@bp.get("/declaration-trimestrielle")
@online
def declaration_home():
    quarter = quarter_now()
    declaration = store.declaration(current_world().db, quarter.key)
    emit("caf.declaration.viewed", quarter=quarter.key,
         sent=bool(declaration and declaration["status"] == "sent"))
    return home_page()


def quarter_problem(quarter: rules.Quarter, declaration: dict | None) -> str | None:
    if request.form.get("trimestre") != quarter.key:
        return "wrong_quarter"
    if declaration and declaration["status"] == "sent":
        return "already_sent"
    return None


@bp.post("/declaration-trimestrielle/commencer")
@online
def declaration_start():
    db = current_world().db
    quarter = quarter_now()
    declaration = store.declaration(db, quarter.key)
    reason = quarter_problem(quarter, declaration)
    if reason:
        emit("caf.declaration.send_refused", reason=reason)
        return home_page(error=refusal(reason, quarter, declaration))
    if declaration is None:
        with write_transaction(db):
            store.start_declaration(db, quarter.key)
        emit("caf.declaration.started", quarter=quarter.key)
    return htmx.redirect(url_for("caf.declaration_salaries"))


def _draft():
    """The draft of this quarter, or a redirect to the declaration's home."""
    quarter = quarter_now()
    declaration = store.declaration(current_world().db, quarter.key)
    if declaration is None or declaration["status"] == "sent":
        return quarter, None
    return quarter, declaration


def _step_page(template: str, step: str, quarter, declaration, **context):
    return htmx.render(f"caf/pages/{template}", quarter=quarter, declaration=declaration,
                       steps=STEPS, step=step, **context)


def _amounts(prefix: str) -> tuple[list[int], dict[str, str], list[str]]:
    """Three monthly amounts of a form (``{prefix}_1`` …), the errors, what was typed."""
    typed = [(request.form.get(f"{prefix}_{i}") or "")[:30] for i in (1, 2, 3)]
    cents, errors = [], {}
    for index, text in enumerate(typed, start=1):
        try:
            cents.append(rules.parse_resource(text))
        except AmountError as error:
            errors[f"{prefix}_{index}"] = error.reason
    return cents, errors, typed


@bp.route("/declaration-trimestrielle/salaires", methods=["GET", "POST"])
@online
def declaration_salaries():
    db = current_world().db
    quarter, declaration = _draft()
    if declaration is None:
        return htmx.redirect(url_for("caf.declaration_home"))
    prefilled = declaring.prefilled(db, quarter)
    if request.method == "GET":
        shown = declaration["salaries"] or prefilled
        return _step_page("declaration_salaries.html", "salaires", quarter, declaration,
                          typed=[rules.typed_cents(c) for c in shown], errors={})
    cents, errors, typed = _amounts("salaire")
    if errors:
        emit("caf.declaration.rejected", step="salaires", reason=next(iter(errors.values())))
        return _step_page("declaration_salaries.html", "salaires", quarter, declaration,
                          typed=typed, errors=errors)
    with write_transaction(db):
        store.save_declaration(db, quarter.key, salaries=cents, reached="autres")
    emit("caf.declaration.salaries_saved", quarter=quarter.key, changed=cents != prefilled,
         match_payslips=cents == declaring.payslips(db, quarter))
    return htmx.redirect(url_for("caf.declaration_others"))


@bp.route("/declaration-trimestrielle/autres-ressources", methods=["GET", "POST"])
@online
def declaration_others():
    db = current_world().db
    quarter, declaration = _draft()
    if declaration is None or declaration["salaries"] is None:
        return htmx.redirect(url_for("caf.declaration_home"))
    if request.method == "GET":
        answer = ("oui" if declaration["others"] else "non") if declaration["reached"] in (
            "montants", "recapitulatif") else ""
        return _step_page("declaration_others.html", "autres", quarter, declaration,
                          answer=answer, chosen=declaration["others"], error=None,
                          others=declaring.OTHERS)
    answer = request.form.get("autres_ressources")
    chosen = [key for key in declaring.OTHERS if key in request.form.getlist("ressource")]
    error = None
    if answer not in ("oui", "non"):
        error = "Veuillez indiquer si vous avez perçu d'autres ressources."
    elif answer == "oui" and not chosen:
        error = "Veuillez choisir au moins une ressource."
    if error:
        return _step_page("declaration_others.html", "autres", quarter, declaration,
                          answer=answer or "", chosen=chosen, error=error,
                          others=declaring.OTHERS)
    chosen = chosen if answer == "oui" else []
    amounts = {key: value for key, value in declaration["amounts"].items() if key in chosen}
    with write_transaction(db):
        store.save_declaration(db, quarter.key, others=chosen, amounts=amounts,
                               reached="montants" if chosen else "recapitulatif")
    emit("caf.declaration.others_chosen", pension="pension" in chosen, foyer="foyer" in chosen,
         count=len(chosen))
    target = "caf.declaration_amounts" if chosen else "caf.declaration_summary"
    return htmx.redirect(url_for(target))


@bp.route("/declaration-trimestrielle/montants", methods=["GET", "POST"])
@online
def declaration_amounts():
    db = current_world().db
    quarter, declaration = _draft()
    if declaration is None or not declaration["others"]:
        return htmx.redirect(url_for("caf.declaration_home"))
    if request.method == "GET":
        typed = {key: [rules.typed_cents(c) for c in declaration["amounts"][key]]
                 if key in declaration["amounts"] else ["", "", ""]
                 for key in declaration["others"]}
        return _step_page("declaration_amounts.html", "montants", quarter, declaration,
                          typed=typed, errors={}, others=declaring.OTHERS)
    amounts, errors, typed = {}, {}, {}
    for key in declaration["others"]:
        amounts[key], found, typed[key] = _amounts(key)
        errors.update(found)
    if errors:
        emit("caf.declaration.rejected", step="montants", reason=next(iter(errors.values())))
        return _step_page("declaration_amounts.html", "montants", quarter, declaration,
                          typed=typed, errors=errors, others=declaring.OTHERS)
    with write_transaction(db):
        store.save_declaration(db, quarter.key, amounts=amounts, reached="recapitulatif")
    pension = amounts.get("pension", [0, 0, 0])
    emit("caf.declaration.amounts_saved", pension_total=sum(pension),
         pension_months=sum(1 for c in pension if c))
    return htmx.redirect(url_for("caf.declaration_summary"))


@bp.app_template_global("caf_amount_message")
def amount_message(reason: str) -> str:
    return rules.AMOUNT_MESSAGES[reason]


