"""« Accueil » and « Mes paiements »: the monthly statements and each reimbursement's detail."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from flask import abort, g, make_response

from simulator import clock, htmx
from simulator.events import emit
from simulator.formats import MONTHS_FR_TITLE
from simulator.sites.ameli import bp, pdf, rules, store
from simulator.sites.ameli.routes.guard import online
from simulator.world import current_world


@bp.get("/accueil")
@online
def dashboard():
    db = current_world().db
    latest = next(iter(store.payments(db)), None)
    return htmx.render("ameli/pages/dashboard.html", account=g.ameli, latest=latest,
                       unread=store.unread_count(db))


def _months_ago(day: str) -> int:
    care = dt.date.fromisoformat(day)
    today = clock.today()
    return (today.year - care.year) * 12 + today.month - care.month


def _month_label(day: str) -> str:
    paid = dt.date.fromisoformat(day)
    return f"{MONTHS_FR_TITLE[paid.month - 1]} {paid.year}"


def statements(payments: list[dict]) -> list[tuple[str, int, list[dict]]]:
    """The payments grouped by the month they were paid: (« mars 2026 », months ago, lines)."""
    return [(label, _months_ago(rows[0]["paid_on"]), rows) for label, rows in
            ((label, list(group)) for label, group in
             groupby(payments, key=lambda p: _month_label(p["paid_on"])))]


@bp.get("/paiements")
@online
def payments():
    db = current_world().db
    lines = store.payments(db)
    for line in lines:
        line["money"] = _money(line)
    emit("ameli.payments.viewed")
    return htmx.render("ameli/pages/payments.html", statements=statements(lines))


def _money(line: dict) -> rules.Reimbursement:
    return rules.reimbursement(line["spent"], line["base"], line["rate"],
                               line["participation"] + line["franchise"])


@bp.get("/paiements/<token>")
@online
def payment(token: str):
    line = store.payment_by_token(current_world().db, token) or abort(404)
    money = _money(line)
    emit("ameli.payment.opened", act=rules.act_kind(line["act"]),
         beneficiary=line["beneficiary"], months_ago=_months_ago(line["care_on"]),
         reimbursed=money.reimbursed / 100, participation=money.deducted / 100)
    return htmx.render("ameli/pages/payment.html", line=line, money=money)


@bp.get("/paiements/releve/<int:months_ago>.pdf")
@online
def statement_pdf(months_ago: int):
    lines = [dict(line, money=_money(line)) for line in store.payments(current_world().db)]
    found = next((s for s in statements(lines) if s[1] == months_ago), None) or abort(404)
    emit("ameli.statement.downloaded", months_ago=months_ago)
    body = pdf.statement(g.ameli, found[0], found[2])
    response = make_response(body)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = (
        f'inline; filename="releve_mensuel_{found[0].replace(" ", "_")}.pdf"')
    return response


@bp.app_template_filter("ameli_euros")
def ameli_euros(amount_cents: int | None) -> str:
    """``1900`` → « 19,00 € »."""
    euros, cents = divmod(amount_cents or 0, 100)
    return f"{euros:,}".replace(",", "\u00a0") + f",{cents:02d}\u00a0€"
