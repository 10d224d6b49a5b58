"""What every page of the space checks first: a learner logged in (else the login page)."""

from __future__ import annotations

from functools import wraps

from flask import g, url_for

from simulator import htmx
from simulator.sites.impots import store
from simulator.world import current_world


def online(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        taxpayer = store.taxpayer(current_world().db)
        if taxpayer is None:
            return htmx.redirect(url_for("impots.no_file"))
        if not taxpayer["connected"] or taxpayer["code_pending"]:
            return htmx.redirect(url_for("impots.login"))
        g.taxpayer = taxpayer
        return view(*args, **kwargs)

    return wrapper


def taxpayer_or_none():
    """The taxpayer of this world (None for a persona without a tax file)."""
    return store.taxpayer(current_world().db)
