"""Which terminal is this, is it alive, and what has the adviser sent to it.

The launcher opens ``/borne/<id>`` on each terminal, so the session knows its kiosk. Every page
then sends a quiet heartbeat (``/borne/battement``, every few seconds): the console sees which
kiosk is alive and on which page, and the answer carries what the adviser sent — a message,
« J'arrive », more time — or sends the screen home when the adviser ended the session.
"""

from __future__ import annotations

import sqlite3
import time

from flask import (
    abort,
    current_app,
    g,
    make_response,
    request,
    session,
    url_for,
)

from kiosk import store
from kiosk.database import get_db
from kiosk.sessions import KIOSK_ID, kiosk_of_request
from kiosk.shell import bp
from simulator import htmx


@bp.get("/borne/<kiosk_id>")
def kiosk_start(kiosk_id: str):
    """The terminal's own home page. Nothing is kept for the terminal in the browser but its
    name in the page (kiosk.js keeps it for the session's tab and sends it along), so that the
    home page plants no cookie: the session is born when the learner acts, and knows its kiosk."""
    if not KIOSK_ID.match(kiosk_id):
        abort(404)
    if session.sid and session.get("kiosk") != kiosk_id:
        session["kiosk"] = kiosk_id
    store.record_heartbeat(get_db(), kiosk_id, time.time(), session.sid, "/",
                           every=_beat_written_every())
    from kiosk.shell.routes import home

    return home(kiosk_id=kiosk_id)


@bp.get("/borne/battement")
def heartbeat():
    g.quiet_request = True  # a heartbeat is not the learner doing something
    kiosk_id = kiosk_of_request() or ""
    page = (request.args.get("page") or "")[:200]
    try:
        if kiosk_id:
            store.record_heartbeat(get_db(), kiosk_id, time.time(), session.sid, page,
                                   every=_beat_written_every())
        notices = store.take_notices(get_db(), session.sid) if session.sid else []
    except sqlite3.DatabaseError:
        # The disk is full or kiosk.db is damaged: the learner's page is left as it is (the
        # kind page comes with their next tap, kiosk.storage); a heartbeat never replaces it.
        return "", 204
    if request.args.get("seance") == "1" and not session.get("site"):
        # The page belonged to a session that is gone (ended by the adviser, or expired).
        target = (url_for("shell.kiosk_start", kiosk_id=kiosk_id, fin=1)
                  if kiosk_id else url_for("shell.home", fin=1))
        # A full page load (HX-Redirect alone: with HX-Location htmx would swap the home page
        # into this one, keeping the old language's <html> and skipping the storage wipe).
        response = make_response("", 200)
        response.headers["HX-Redirect"] = target
        # Forget it in the browser too, as « Terminer » does (the home page clears storage).
        response.headers["Clear-Site-Data"] = '"cookies", "storage"'
        response.delete_cookie(current_app.config["SESSION_COOKIE_NAME"], path="/")
        return response
    if not notices:
        return "", 204
    extra = sum(n["seconds"] for n in notices if n["kind"] == "extend")
    if extra:
        session["extra_seconds"] = session.get("extra_seconds", 0) + extra
    response = htmx.render("shell/partials/_notices.html", "shell/partials/_notices.html",
                           notices=[n for n in notices if n["kind"] in ("message", "help_ack")])
    if extra:
        htmx.trigger(response, "kiosk-idle-extended")
    return response


def _beat_written_every() -> float:
    """Every other beat of an unchanged page is written: the console calls a kiosk gone after
    three missed beats (kiosk.agent.live), and the launcher after 30 s."""
    return current_app.config["KIOSK_HEARTBEAT_SECONDS"] * 1.5


@bp.app_context_processor
def terminal_context():
    """The page names its terminal (data-kiosk-id) so that kiosk.js can pass the name on."""
    return {"terminal_id": kiosk_of_request() or ""}
