"""What every page of the personal space checks first, and what it brings along: the adviser's
replies whose time has come arrive here (with their SMS), whichever page the learner opens."""

from __future__ import annotations

from functools import wraps

from flask import g, url_for

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.francetravail import store
from simulator.sites.telephone.store import deliver_sms
from simulator.world import current_world

SMS_SENDER = "FTRAVAIL"  # an alphanumeric SMS sender has at most 11 characters


def connected(view):
    """Only for a logged-in job seeker: otherwise the login page."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        db = current_world().db
        account = store.account(db)
        if not account["connected"]:
            return htmx.redirect(url_for("francetravail.login"))
        g.ft_account = account
        deliver_due_replies(db)
        return view(*args, **kwargs)

    return wrapper


def deliver_due_replies(db) -> None:
    """The adviser's reply « arrives later in the session »: when its time has come, the next
    page the learner opens shows it as unread and the phone gets the site's SMS."""
    due = store.messages.due_replies(db)
    if not due:
        return
    with write_transaction(db):
        for reply in due:
            store.messages.mark_arrived(db, reply["id"])
            send_sms(db, "France Travail : vous avez reçu un nouveau message de votre conseiller. "
                         "Consultez-le dans votre espace personnel.")
    for reply in due:
        emit("francetravail.message.reply_arrived", subject=reply["subject"])


def send_sms(db, body: str, kind: str = "info") -> None:
    """An SMS from the site to the persona's phone (call inside a write transaction)."""
    deliver_sms(db, SMS_SENDER, body, kind=kind)
    emit("telephone.sms.received", sender=SMS_SENDER, kind=kind)
