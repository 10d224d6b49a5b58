"""« Envoyer un document »: the kind of document, the work period it belongs to, then the file
taken from the persona's papers (« Mes documents »); the real constraints and their messages;
the document then listed « En cours de traitement »."""

from __future__ import annotations

from flask import render_template, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.francetravail import bp, store
from simulator.sites.francetravail.routes.guard import connected
from simulator.sites.francetravail.rules import documents as rules
from simulator.sites.papiers.store import paper_by_token
from simulator.world import current_world

SECTION = {"ft_section": "documents"}


@bp.get("/documents")
@connected
def documents():
    db = current_world().db
    waiting = [w for w in store.documents.work_periods(db)
               if not store.documents.period_has(db, w["id"], "attestation_employeur")]
    return render_template("francetravail/pages/documents.html",
                           documents=store.documents.documents(db), waiting=waiting,
                           types=rules.DOCUMENT_TYPES, sent=request.args.get("envoye") == "1",
                           **SECTION)


def _form(values: dict, errors: dict, chosen=None):
    db = current_world().db
    periods = [(w["token"], rules.period_label(w["employer"], w["start"], w["end"]))
               for w in store.documents.work_periods(db)]
    return render_template("francetravail/pages/document_form.html", values=values,
                           errors=errors, chosen=chosen, types=rules.DOCUMENT_TYPES,
                           periods=periods, with_period=rules.WITH_PERIOD,
                           max_size=rules.MAX_SIZE_KO, **SECTION)


@bp.get("/documents/envoi")
@connected
def document_form():
    emit("francetravail.document.form_viewed")
    return _form({"type": request.args.get("type", "")[:40], "periode": ""}, {})


@bp.post("/documents/envoi")
@connected
def document_send():
    db = current_world().db
    values = {"type": (request.form.get("type") or "")[:40],
              "periode": (request.form.get("periode") or "")[:40],
              "document": (request.form.get("document") or "")[:64]}
    paper = paper_by_token(db, values["document"])
    work = store.documents.work_period_by_token(db, values["periode"])
    problem = rules.document_problem(
        document_type=values["type"], period_token=values["periode"], period_known=bool(work),
        paper_token=values["document"], paper=paper,
        sent_on_by_paper=store.documents.sent_on_by_paper(db),
        period_taken=bool(work and values["type"] in rules.WITH_PERIOD
                          and store.documents.period_has(db, work["id"], values["type"])))
    if problem:
        reason, message = problem
        emit("francetravail.document.rejected", reason=reason, document_type=values["type"],
             paper_kind=paper.kind if paper else "")
        field = {"type_missing": "type", "unknown_type": "type", "period_missing": "periode",
                 "unknown_period": "periode", "period_taken": "periode"}.get(reason, "document")
        # The file stays chosen when the problem is elsewhere: nothing typed is lost.
        return _form(values, {field: message}, chosen=paper if field != "document" else None)
    uses_period = values["type"] in rules.WITH_PERIOD
    with write_transaction(db):
        store.documents.record(db, type=values["type"],
                               work_period_id=work["id"] if work and uses_period else None,
                               paper_token=paper.token, file_name=paper.file_name,
                               sent_on=clock.today().isoformat())
    emit("francetravail.document.sent", document_type=values["type"], paper_kind=paper.kind,
         format=paper.format,
         period_matches=bool(work and uses_period
                             and rules.covers(paper, work["start"], work["end"])),
         employer=work["employer"] if work and uses_period else "")
    return htmx.redirect(url_for("francetravail.documents", envoye=1))
