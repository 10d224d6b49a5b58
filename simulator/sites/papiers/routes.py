"""The drawer « Mes documents »: the list of papers, one paper."""

from __future__ import annotations

from flask import abort, g, request

from simulator import htmx
from simulator.events import emit
from simulator.sites.papiers import bp, store
from simulator.world import current_world


@bp.app_context_processor
def papers_status():
    """The kiosk bar shows « Mes documents » only to a persona who has papers."""
    world = getattr(g, "world", None)
    return {"papers_count": store.count(world.db) if world is not None else None}


@bp.get("/")
def folder():
    db = current_world().db
    choosing = request.args.get("choisir") == "1"
    papers = store.papers(db)
    emit("papiers.opened", count=len(papers), choosing=choosing)
    return htmx.render("papiers/pages/folder.html", "papiers/partials/_papers_screen.html",
                       papers=papers, choosing=choosing)


@bp.get("/<token>")
def paper(token: str):
    db = current_world().db
    found = store.paper_by_token(db, token) or abort(404)
    emit("papiers.viewed", paper=found.slug, kind=found.kind)
    return htmx.render("papiers/pages/folder.html", "papiers/partials/_papers_screen.html",
                       paper=found, choosing=request.args.get("choisir") == "1")
