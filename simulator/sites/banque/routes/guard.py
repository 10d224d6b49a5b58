"""What every page of the customer space checks first, like the real bank does."""

from __future__ import annotations

import time
from functools import wraps

from flask import current_app, g, request, url_for

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.banque import store
from simulator.world import current_world

# The bank's session lasts minutes without a page: refreshing its clock at every page would
# make every page a write (a lock, a journal) for nothing; a few seconds of slack are nothing.
TOUCH_EVERY_SECONDS = 10


def online(view):
    """Only for a logged-in customer: otherwise the login page, or « Session expirée »."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        db = current_world().db
        customer = store.customer(db)
        if not customer["connected"]:
            return htmx.redirect(url_for("banque.login"))
        idle_limit = current_app.config["BANQUE_SESSION_MINUTES"] * 60
        if time.time() - customer["last_activity"] > idle_limit:
            with write_transaction(db):
                store.close_online_session(db)
            emit("banque.session.expired")
            return htmx.redirect(url_for("banque.session_expired"))
        if (customer["strong_auth_pending"]
                and not request.endpoint.startswith("banque.strong_auth")):
            return htmx.redirect(url_for("banque.strong_auth"))
        now = time.time()
        if now - customer["last_activity"] > TOUCH_EVERY_SECONDS:
            with write_transaction(db):
                store.update_customer(db, last_activity=now)
        g.bank_customer = customer
        return view(*args, **kwargs)

    return wrapper
