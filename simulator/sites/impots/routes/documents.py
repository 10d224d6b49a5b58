"""« Documents »: year tabs, the avis d'impôt and the accusés de réception as PDFs."""

from __future__ import annotations

from flask import abort, make_response, request

from simulator import clock, htmx
from simulator.events import emit
from simulator.sites.impots import bp, pdf, store
from simulator.sites.impots.routes.guard import online
from simulator.world import current_world


@bp.get("/documents")
@online
def documents():
    db = current_world().db
    this_year = clock.today().year
    years = sorted(set(store.document_years(db)) | {this_year}, reverse=True)[:4]
    try:
        year = int(request.args.get("annee", this_year))
    except ValueError:
        year = this_year
    if year not in years:
        year = this_year
    emit("impots.documents.viewed", year=year, years_ago=this_year - year)
    return htmx.render("impots/pages/documents.html", years=years, year=year,
                       documents=store.documents(db, year))


@bp.get("/documents/<token>.pdf")
@online
def document_pdf(token: str):
    db = current_world().db
    document = store.document_by_token(db, token) or abort(404)
    taxpayer = store.taxpayer(db)
    body, file_name = pdf.render(document, taxpayer)
    response = make_response(body)
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response.headers["Cache-Control"] = "no-store"
    emit("impots.document.opened", kind=document.kind, year=document.year,
         years_ago=clock.today().year - document.year,
         income_year=int(document.content.get("income_year", document.year - 1)))
    return response
