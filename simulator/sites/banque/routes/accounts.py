"""« Mes comptes »: the synthesis of the accounts."""

from __future__ import annotations

from flask import g, render_template

from simulator.events import emit
from simulator.sites.banque import bp, store
from simulator.sites.banque.routes.guard import online
from simulator.world import current_world


@bp.get("/synthese")
@online
def accounts():
    db = current_world().db
    all_accounts = store.accounts(db)
    emit("banque.accounts.viewed")
    return render_template(
        "banque/pages/accounts.html",
        current_accounts=[a for a in all_accounts if not a.is_savings],
        savings_accounts=[a for a in all_accounts if a.is_savings],
        holder=g.bank_customer["holder"],
    )
