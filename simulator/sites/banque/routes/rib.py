"""RIB: choose the account, see the Relevé d'Identité Bancaire, print it or download the PDF.

Reference: real-sites-and-anchors §1.1.7 (select the account → print/download; a « RIB » link
on each account's page). The RIB key is computed by ``rules.rib_key``.
"""

from __future__ import annotations

from flask import abort, g, make_response, request

from simulator import htmx
from simulator.events import emit
from simulator.sites.banque import bp, documents, store
from simulator.sites.banque.routes.guard import online
from simulator.world import current_world

ACCOUNT_MISSING = "Veuillez sélectionner un compte dans la liste."


@bp.get("/rib")
@online
def rib_choice():
    db = current_world().db
    token = request.args.get("compte")
    account = store.account_by_token(db, token) if token else None
    if account:
        emit("banque.rib.viewed", account=account.key)
    return htmx.render(
        "banque/pages/rib.html",
        accounts=store.accounts(db),
        account=account,
        error=ACCOUNT_MISSING if token is not None and account is None else None,
        rib=documents.rib_of(g.bank_customer, account) if account else None,
        **documents.page_context(),
    )


@bp.get("/rib/<token>/pdf")
@online
def rib_pdf(token: str):
    db = current_world().db
    account = store.account_by_token(db, token)
    if account is None:
        abort(404)
    rib = documents.rib_of(g.bank_customer, account)
    response = make_response(documents.rib_pdf(rib))
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{rib.file_name}"'
    response.headers["Cache-Control"] = "no-store"
    emit("banque.rib.downloaded", account=account.key)
    return response
