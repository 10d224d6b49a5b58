"""The declaration's summary, sending it (« Je certifie sur l'honneur… »), the confirmation
with its receipt on screen, as a PDF and by e-mail."""

from __future__ import annotations

from flask import Response, g, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.caf import bp, declaring, pdf, rules, store
from simulator.sites.caf.routes.declaration import (
    STEPS,
    home_page,
    quarter_now,
    quarter_problem,
    refusal,
)
from simulator.sites.caf.routes.guard import online
from simulator.world import current_world


def _rows(quarter: rules.Quarter, summary: declaring.Summary) -> list[tuple[str, int]]:
    months = [rules.month_name(m) for m in quarter.reference_months]
    rows = [(f"Salaires (montant net social) – {m}", c) for m, c in zip(months, summary.salaries,
                                                                          strict=True)]
    for key, amounts in summary.others.items():
        rows += [(f"{declaring.OTHERS[key]} – {m}", c) for m, c in zip(months, amounts,
                                                                        strict=True)]
    return rows + [("Total des ressources du trimestre", summary.total)]


@bp.get("/declaration-trimestrielle/recapitulatif")
@online
def declaration_summary(error: str | None = None):
    db = current_world().db
    quarter = quarter_now()
    declaration = store.declaration(db, quarter.key)
    if declaring.problem_before_sending(declaration):
        return htmx.redirect(url_for("caf.declaration_home"))
    summary = declaring.summary(declaration)
    emit("caf.declaration.summary_viewed", total=summary.total,
         pension_total=summary.pension_total)
    return htmx.render("caf/pages/declaration_summary.html", quarter=quarter, steps=STEPS,
                       step="recapitulatif", declaration=declaration, summary=summary,
                       others=declaring.OTHERS, error=error)


@bp.post("/declaration-trimestrielle/envoyer")
@online
def declaration_send():
    db = current_world().db
    quarter = quarter_now()
    declaration = store.declaration(db, quarter.key)
    reason = quarter_problem(quarter, declaration) or declaring.problem_before_sending(
        declaration)
    if reason:
        emit("caf.declaration.send_refused", reason=reason)
        return home_page(error=refusal(reason, quarter, declaration))
    if request.form.get("certifie") != "oui":
        emit("caf.declaration.rejected", step="recapitulatif", reason="not_certified")
        return declaration_summary(error="Veuillez cocher la case « Je certifie sur l'honneur "
                                         "l'exactitude des informations déclarées ».")
    summary = declaring.summary(declaration)
    with write_transaction(db):
        declaring.send(db, quarter, clock.today())
    emit("caf.declaration.sent", quarter=quarter.key, total=summary.total,
         pension_total=summary.pension_total,
         match_payslips=summary.salaries == declaring.payslips(db, quarter))
    return htmx.redirect(url_for("caf.declaration_done"))


def _sent(key: str | None):
    quarter = rules.quarter_from_key(key) if key else quarter_now()
    declaration = store.declaration(current_world().db, quarter.key) if quarter else None
    if declaration is None or declaration["status"] != "sent":
        return None, None
    return quarter, declaration


@bp.get("/declaration-trimestrielle/confirmation")
@online
def declaration_done():
    quarter, declaration = _sent(None)
    if declaration is None:
        return htmx.redirect(url_for("caf.declaration_home"))
    summary = declaring.summary(declaration)
    return htmx.render("caf/pages/declaration_done.html", quarter=quarter,
                       declaration=declaration, rows=_rows(quarter, summary),
                       email=rules.masked_email(g.allocataire["email"]))


@bp.get("/declaration-trimestrielle/justificatif.pdf")
@online
def declaration_receipt():
    quarter, declaration = _sent(request.args.get("trimestre"))
    if declaration is None:
        return htmx.redirect(url_for("caf.declaration_home"))
    emit("caf.declaration.receipt_opened", quarter=quarter.key)
    content, name = pdf.declaration_receipt(g.allocataire, declaration, quarter.label,
                                            _rows(quarter, declaring.summary(declaration)),
                                            clock.today())
    return Response(content, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})
