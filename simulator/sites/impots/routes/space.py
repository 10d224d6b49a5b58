"""The space's home page (« Accueil »), once logged in."""

from __future__ import annotations

from flask import g

from simulator import htmx
from simulator.sites.impots import bp, declaring, store
from simulator.sites.impots.routes.guard import online
from simulator.world import current_world


@bp.get("/accueil")
@online
def dashboard():
    db = current_world().db
    year = declaring.income_year()
    return htmx.render("impots/pages/dashboard.html", person=g.taxpayer["person"],
                       taxpayer=g.taxpayer, year=year, declaration=store.declaration(db, year))


@bp.app_template_filter("impots_parts")
def impots_parts(shares) -> str:
    from simulator.sites.impots.bareme import parts_label

    return parts_label(shares)


@bp.app_template_filter("impots_euros")
def impots_euros(amount: int | None) -> str:
    """``16284`` → « 16 284 € » (whole euros, a no-break space between thousands)."""
    return f"{amount or 0:,}\u00a0€".replace(",", "\u00a0")
