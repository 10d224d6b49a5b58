"""What every page of the account checks first: a learner logged in (else the login page)."""

from __future__ import annotations

from functools import wraps

from flask import g, url_for

from simulator import htmx
from simulator.sites.ameli import store
from simulator.world import current_world


def online(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        account = store.account(current_world().db)
        if account is None:
            return htmx.redirect(url_for("ameli.no_account"))
        if not account["connected"]:
            return htmx.redirect(url_for("ameli.login"))
        g.ameli = account
        return view(*args, **kwargs)

    return wrapper


def account_or_none():
    """The insured person of this world (None for a persona without an ameli account)."""
    return store.account(current_world().db)
