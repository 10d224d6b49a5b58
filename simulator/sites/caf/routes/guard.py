"""What every page of « Mon Compte » checks first: a learner logged in (else the login page)."""

from __future__ import annotations

from functools import wraps

from flask import abort, g, url_for

from simulator import htmx
from simulator.sites.caf import store
from simulator.world import current_world


def online(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        allocataire = allocataire_or_none()
        if allocataire is None:
            abort(404)
        if not allocataire["connected"] or allocataire["code_pending"]:
            return htmx.redirect(url_for("caf.login"))
        g.allocataire = allocataire
        return view(*args, **kwargs)

    return wrapper


def allocataire_or_none():
    """The allocataire of this world (None for a persona without a CAF file)."""
    return store.allocataire(current_world().db)
