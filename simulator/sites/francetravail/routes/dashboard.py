"""The « Tableau de bord »: the « Je m'actualise » banner while the window is open, the next
appointment, what is unread, the adviser, the documents France Travail waits for."""

from __future__ import annotations

from flask import g, render_template

from simulator import clock
from simulator.events import emit
from simulator.sites.francetravail import bp, store
from simulator.sites.francetravail.routes.guard import connected
from simulator.sites.francetravail.rules.calendar import current_period, open_period
from simulator.world import current_world


def actualisation_state(db, account: dict) -> tuple[str, object]:
    """(state, period): not_registered, open, done or closed, and the month it is about."""
    today = clock.today()
    period = open_period(today)
    if not account["registered"]:
        return "not_registered", current_period(today)
    if period is None:
        return "closed", current_period(today)
    declared = store.actualisation.declaration(db, period.key())
    return ("done" if declared and declared["status"] == "done" else "open"), period


@bp.get("/accueil")
@connected
def dashboard():
    db = current_world().db
    account = g.ft_account
    state, period = actualisation_state(db, account)
    waiting = [w for w in store.documents.work_periods(db)
               if not store.documents.period_has(db, w["id"], "attestation_employeur")]
    draft = store.registration.current(db)
    unread_courriers = store.mail.unread_courriers(db)
    unread_messages = store.messages.unread_count(db)
    emit("francetravail.dashboard.viewed", registered=bool(account["registered"]),
         window_open=state in ("open", "done"), declared=state == "done",
         unread_courriers=unread_courriers, unread_messages=unread_messages)
    return render_template(
        "francetravail/pages/dashboard.html", state=state, period=period,
        appointment=store.mail.next_appointment(db, clock.today().isoformat()),
        unread_courriers=unread_courriers, unread_messages=unread_messages, waiting=waiting,
        draft=draft if draft and draft["status"] == "draft" else None, ft_section="accueil")
