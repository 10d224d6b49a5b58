"""The banner's answer: recorded for the site it was on, then the page carries on."""

from __future__ import annotations

from flask import abort, make_response, request

from simulator import htmx
from simulator.events import emit
from simulator.sites.cookies import CHOICES, bp, store
from simulator.world import current_world

KINDS = ("audience", "publicite", "reseaux")  # « Personnaliser »: the three switches


@bp.post("/choix")
def choose():
    from simulator.sites import SITES_BY_NAME  # the list of sites holds this one

    site = request.form.get("site", "")
    choice = request.form.get("choix", "")
    if site not in SITES_BY_NAME or choice not in CHOICES:
        abort(400)
    accepted = {"accept_all": len(KINDS), "refuse_all": 0}.get(
        choice, sum(1 for kind in KINDS if request.form.get(kind) == "oui"))
    store.record(current_world().db, site, choice, accepted)
    emit("cookies.choice.made", site=site, choice=choice, accepted=accepted)
    if htmx.wants_fragment():
        # The banner swaps itself out; the page may wait for the answer (a site's pop-up).
        return htmx.trigger(make_response(""), "cookies-answered")
    back = request.form.get("retour", "")
    if not back.startswith(f"/sites/{site}/") or "//" in back[1:]:
        back = f"/sites/{site}/"
    return htmx.redirect(back)
