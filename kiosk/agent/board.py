"""The live board: every kiosk of the branch, help requests, and what the adviser can do to a
learner's screen (« J'arrive », a message, more time, the end of the session).

The board asks every AGENT_BOARD_POLL_SECONDS with htmx polling rather than server-sent
events: under gunicorn's gthread workers an open event stream holds one worker thread for as
long as the board is open (8 threads in all on a branch server), while a poll holds one for a
few milliseconds. The poll carries a fingerprint of what the adviser sees; when nothing
changed the answer is an empty 204 and the page is left alone (focus, reading position).
"""

from __future__ import annotations

import hashlib
import time

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from kiosk import remote
from kiosk.agent import bp, live, store
from kiosk.agent.auth import login_required
from kiosk.database import get_db

QUICK_MESSAGES = (
    "J'arrive dans une minute.",
    "Prenez votre temps, tout va bien.",
    "Touchez « Un indice » dans le panneau de droite.",
)
EXTENSIONS_MINUTES = (5, 10, 15)
# Below this many seconds before the console logs itself out, the board offers to stay.
STAY_WARNING_SECONDS = 5 * 60


def _board_content() -> str:
    db, now = get_db(), time.time()
    states = live.kiosk_states(db, current_app.extensions["pasapas.catalog"], now,
                               current_app.config["KIOSK_HEARTBEAT_SECONDS"])
    idle_limit = current_app.config["AGENT_SESSION_IDLE_SECONDS"]
    logout_in = idle_limit - (now - (session.last_seen or now))
    return render_template("agent/_board_content.html", kiosks=states,
                           elsewhere=live.help_elsewhere(db, states, now),
                           logout_in=logout_in if logout_in < STAY_WARNING_SECONDS else None)


def _board(content: str) -> str:
    version = hashlib.sha256(content.encode()).hexdigest()[:16]
    return render_template("agent/_board.html", content=Markup(content), version=version,
                           poll_seconds=current_app.config["AGENT_BOARD_POLL_SECONDS"])


@bp.get("/")
@login_required
def board():
    return render_template("agent/board.html", board=Markup(_board(_board_content())))


@bp.get("/tableau")
@login_required
def board_fragment():
    """What the board's polling gets: nothing when nothing changed."""
    g.quiet_request = True  # looking at the board is not doing something
    content = _board_content()
    if hashlib.sha256(content.encode()).hexdigest()[:16] == request.args.get("v"):
        return "", 204
    return _board(content)


@bp.post("/rester")
@login_required
def stay():
    """« Rester connecté »: any action counts; this one does nothing else."""
    return redirect(url_for("agent.board"), 303)


@bp.get("/bornes/<kiosk_id>")
@login_required
def kiosk_page(kiosk_id: str):
    state = _kiosk_state(kiosk_id)
    return render_template("agent/kiosk.html", kiosk=state, quick_messages=QUICK_MESSAGES,
                           extensions=EXTENSIONS_MINUTES)


@bp.post("/bornes/<kiosk_id>/arrive")
@login_required
def answer_help(kiosk_id: str):
    sid = _session_or_none(kiosk_id)
    if sid:
        remote.acknowledge_help(sid)
        flash(_("Borne %(kiosk)s : la personne voit « Le conseiller arrive ».", kiosk=kiosk_id))
    return _back(kiosk_id)


@bp.post("/aide/<int:request_id>/arrive")
@login_required
def answer_help_elsewhere(request_id: int):
    help_request = store.help_request(get_db(), request_id) or abort(404)
    remote.acknowledge_help(help_request["session_id"])
    flash(_("La personne voit « Le conseiller arrive »."))
    return redirect(url_for("agent.board"), 303)


@bp.post("/bornes/<kiosk_id>/message")
@login_required
def send_message(kiosk_id: str):
    text = (request.form.get("texte") or "").strip()
    if not text:
        flash(_("Le message est vide : rien n'a été envoyé."))
        return redirect(url_for("agent.kiosk_page", kiosk_id=kiosk_id), 303)
    if len(text) > remote.MESSAGE_MAX_LENGTH:
        flash(_("Le message est trop long (%(n)s caractères au plus) : rien n'a été envoyé.",
                n=remote.MESSAGE_MAX_LENGTH))
        return redirect(url_for("agent.kiosk_page", kiosk_id=kiosk_id), 303)
    sid = _session_or_none(kiosk_id)
    if sid:
        remote.send_message(sid, text)
        flash(_("Borne %(kiosk)s : message envoyé. Il s'affiche sur l'écran dans quelques "
                "secondes.", kiosk=kiosk_id))
    return _back(kiosk_id)


@bp.post("/bornes/<kiosk_id>/prolonger")
@login_required
def extend(kiosk_id: str):
    minutes = request.form.get("minutes", type=int)
    if minutes not in EXTENSIONS_MINUTES:
        abort(400)
    sid = _session_or_none(kiosk_id)
    if sid:
        remote.extend(sid, minutes * 60)
        flash(_("Borne %(kiosk)s : %(n)s minutes de plus avant la fin automatique.",
                kiosk=kiosk_id, n=minutes))
    return _back(kiosk_id)


@bp.route("/bornes/<kiosk_id>/terminer", methods=["GET", "POST"])
@login_required
def end_session(kiosk_id: str):
    if request.method == "GET":
        state = _kiosk_state(kiosk_id)
        if not state.in_use or state.session_ref != request.args.get("seance"):
            flash(_("Borne %(kiosk)s : la séance a déjà changé. Vérifiez ce qui s'y passe.",
                    kiosk=kiosk_id))
            return redirect(url_for("agent.kiosk_page", kiosk_id=kiosk_id), 303)
        return render_template("agent/end_confirm.html", kiosk=state)
    sid = _session_or_none(kiosk_id)
    if sid:
        remote.end(sid)
        flash(_("Borne %(kiosk)s : la séance est terminée et tout est effacé. L'écran revient "
                "à l'accueil.", kiosk=kiosk_id))
    return redirect(url_for("agent.board"), 303)


def _kiosk_state(kiosk_id: str) -> live.KioskState:
    states = live.kiosk_states(get_db(), current_app.extensions["pasapas.catalog"], time.time(),
                               current_app.config["KIOSK_HEARTBEAT_SECONDS"])
    return next((s for s in states if s.id == kiosk_id), None) or abort(404)


def _session_or_none(kiosk_id: str) -> str | None:
    """The learner session the adviser is acting on, if it is still there; else a message."""
    _kiosk_state(kiosk_id)  # an unknown kiosk is a 404
    sid = live.session_of_kiosk(get_db(), kiosk_id, request.form.get("seance") or "")
    if sid is None:
        flash(_("Borne %(kiosk)s : cette séance est déjà terminée ou a changé. Rien n'a été "
                "envoyé.", kiosk=kiosk_id))
    return sid


def _back(kiosk_id: str):
    if request.form.get("retour") == "borne":
        return redirect(url_for("agent.kiosk_page", kiosk_id=kiosk_id), 303)
    return redirect(url_for("agent.board"), 303)
