"""« Mes paiements » (each month's allocation, its avis de paiement as a PDF) and « Mes
courriers » (unread marks, the « Non lus » filter and a start date, each letter as a page and a
PDF), as in « Échanges avec France Travail › Courriers reçus » (reference §1.2.4)."""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, g, render_template, request

from simulator import clock
from simulator.db import write_transaction
from simulator.events import emit
from simulator.formats import parse_date_fr
from simulator.pdf import file_words
from simulator.sites.francetravail import bp, pdfs, store
from simulator.sites.francetravail.routes.guard import connected
from simulator.sites.francetravail.rules.calendar import Period, months_between
from simulator.world import current_world


@bp.get("/paiements")
@connected
def payments():
    db = current_world().db
    rows = store.mail.payments(db)
    for row in rows:
        row["period"] = Period.parse(row["month"])
        row["courrier"] = next(iter(db["ft_courriers"].rows_where(
            "payment_id = ?", [row["id"]], limit=1)), None)
    emit("francetravail.payments.viewed")
    return render_template("francetravail/pages/payments.html", payments=rows,
                           daily=g.ft_account["daily_gross_cents"], ft_section="paiements")


@bp.get("/courriers")
@connected
def courriers():
    db = current_world().db
    unread_only = request.args.get("filtre") == "nonlus"
    typed_since = (request.args.get("depuis") or "").strip()[:20]
    since = parse_date_fr(typed_since) if typed_since else None
    error = "La date doit être au format jj/mm/aaaa." if typed_since and since is None else None
    rows = store.mail.courriers(db, unread_only=unread_only,
                                since=since.isoformat() if since else None)
    emit("francetravail.courriers.viewed", unread_only=unread_only)
    return render_template("francetravail/pages/courriers.html", courriers=rows,
                           unread_only=unread_only, since=typed_since, error=error,
                           ft_section="courriers")


def _open(token: str, *, pdf: bool) -> dict:
    db = current_world().db
    found = store.mail.courrier_by_token(db, token) or abort(404)
    if not found["read"]:
        with write_transaction(db):
            store.mail.mark_read(db, found["id"])
    latest = store.mail.latest_of_kind(db, found["kind"])
    emit("francetravail.courrier.opened", kind=found["kind"], pdf=pdf,
         months_ago=months_between(dt.date.fromisoformat(found["day"]), clock.today()),
         latest=bool(latest and latest["id"] == found["id"]))
    found["payment"] = store.mail.payment(db, found["payment_id"]) if found["payment_id"] else None
    if found["payment"]:
        found["payment"]["period"] = Period.parse(found["payment"]["month"])
    return found


@bp.get("/courriers/<token>")
@connected
def courrier(token: str):
    return render_template("francetravail/pages/courrier.html", courrier=_open(token, pdf=False),
                           daily=g.ft_account["daily_gross_cents"], ft_section="courriers")


@bp.get("/courriers/<token>.pdf")
@connected
def courrier_pdf(token: str):
    found = _open(token, pdf=True)
    account = g.ft_account
    if found["payment"]:
        body = pdfs.avis_de_paiement(account, found["payment"])
    elif found["kind"] == "attestation_inscription":
        body = pdfs.attestation_inscription(account, found["day"], None)
    else:
        body = pdfs.courrier(account, found["subject"], found["day"], found["lines"])
    name = file_words(found["subject"].split(" – ")[0]).lower()
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}_{found["day"]}.pdf"'})
