"""« Mon Compte »: the home, « Mes paiements », « Mes attestations » (PDF), « Estimer mes
droits » (the prime d'activité, an estimate)."""

from __future__ import annotations

import datetime as dt

from flask import Response, g, request, url_for

from simulator import clock, htmx
from simulator.events import emit
from simulator.formats import AmountError
from simulator.sites.caf import bp, estimate, pdf, rules, store
from simulator.sites.caf.routes.declaration import quarter_now
from simulator.sites.caf.routes.guard import online
from simulator.world import current_world

PERIODS = (3, 6, 12)
ATTESTATIONS = {"paiement": "Attestation de paiement",
                "quotient": "Attestation de quotient familial"}


@bp.get("/mon-compte")
@online
def account():
    db = current_world().db
    quarter = quarter_now()
    declaration = store.declaration(db, quarter.key)
    due = not (declaration and declaration["status"] == "sent")
    emit("caf.account.viewed", declaration_due=due)
    last = store.payments(db)[:3]
    return htmx.render("caf/pages/account.html", quarter=quarter, due=due, last=last)


@bp.get("/mes-paiements")
@online
def payments():
    rows = store.payments(current_world().db)
    emit("caf.payments.viewed", count=len(rows))
    return htmx.render("caf/pages/payments.html", payments=rows)


def _since(months: int) -> str:
    return rules.shift_month(clock.today().replace(day=1), -months).isoformat()


@bp.get("/mes-attestations")
@online
def attestations():
    emit("caf.attestations.viewed")
    kind = request.args.get("type")
    months = request.args.get("periode", type=int)
    ready = kind in ATTESTATIONS and (kind == "quotient" or months in PERIODS)
    error = None
    if request.args.get("demande") and not ready:
        error = "Veuillez choisir une attestation et une période."
    return htmx.render("caf/pages/attestations.html", kinds=ATTESTATIONS, periods=PERIODS,
                       kind=kind, months=months, ready=ready, error=error)


@bp.get("/mes-attestations/<kind>.pdf")
@online
def attestation_pdf(kind: str):
    months = request.args.get("periode", type=int) or 3
    if kind not in ATTESTATIONS or months not in PERIODS:
        return htmx.redirect(url_for("caf.attestations"))
    today = clock.today()
    if kind == "paiement":
        rows = store.payments(current_world().db, since=_since(months))
        content, name = pdf.payment_attestation(g.allocataire, rows, months, today)
    else:
        content, name = pdf.quotient_attestation(g.allocataire, 612, today)
    emit("caf.attestation.opened", kind=kind, months=months)
    return Response(content, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})


def _estimate_form() -> tuple[dict, dict[str, str]]:
    form = {key: (request.form.get(key) or "")[:30]
            for key in ("couple", "enfants", "revenus", "autres", "logement")}
    errors = {}
    if form["couple"] not in ("oui", "non"):
        errors["couple"] = "Veuillez indiquer si vous vivez en couple."
    if form["enfants"] not in [str(n) for n in range(7)]:
        errors["enfants"] = "Veuillez indiquer le nombre d'enfants à charge."
    if form["logement"] not in ("oui", "non"):
        errors["logement"] = "Veuillez indiquer si vous recevez une aide au logement."
    for key in ("revenus", "autres"):
        try:
            form[f"{key}_cents"] = rules.parse_resource(form[key] or "0")
        except AmountError as error:
            errors[key] = rules.AMOUNT_MESSAGES[error.reason]
    return form, errors


@bp.route("/simulation/prime-activite", methods=["GET", "POST"])
@online
def estimate_rights():
    if request.method == "GET":
        return htmx.render("caf/pages/estimate.html", form={}, errors={}, result=None)
    form, errors = _estimate_form()
    if errors:
        return htmx.render("caf/pages/estimate.html", form=form, errors=errors, result=None)
    result = estimate.estimate(couple=form["couple"] == "oui", children=int(form["enfants"]),
                               work_cents=form["revenus_cents"], other_cents=form["autres_cents"],
                               housing_aid=form["logement"] == "oui")
    emit("caf.estimate.computed", monthly=result.monthly_cents)
    return htmx.render("caf/pages/estimate.html", form=form, errors={}, result=result)


@bp.app_template_filter("caf_month")
def month_filter(day: str | dt.date) -> str:
    return rules.month_name(dt.date.fromisoformat(day) if isinstance(day, str) else day)
