"""Learner codes: made in batches, printed as cards, given a parcours; a learner's progress;
deleting a code and everything kept about it."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from kiosk import sessions
from kiosk.agent import bp, charts, qr, retention, store
from kiosk.agent.auth import login_required
from kiosk.coach import store as coach_store
from kiosk.coach.codes import new_code, normalise
from kiosk.database import get_db
from kiosk.diagnostic import console as diagnostic_view

BATCH_MAX = 40  # five A4 sheets of cards


def _catalog():
    return current_app.extensions["pasapas.catalog"]


def _parcours_titles() -> dict[str, str]:
    return {p.id: p.title["fr"] for p in _catalog().parcours}


def _learner_or_404(code: str) -> dict:
    normal = normalise(code)
    found = store.learner(get_db(), normal) if normal else None
    return found or abort(404)


@bp.get("/apprenants")
@login_required
def learners():
    return render_template("agent/learners.html", learners=store.learners(get_db()),
                           parcours=_parcours_titles(), batch_max=BATCH_MAX, error=None)


@bp.post("/apprenants/lot")
@login_required
def create_batch():
    count = request.form.get("nombre", type=int)
    parcours_id = request.form.get("parcours") or None
    titles = _parcours_titles()
    if count is None or not 1 <= count <= BATCH_MAX or (parcours_id and parcours_id not in titles):
        error = _("Choisissez un nombre de codes entre 1 et %(n)s.", n=BATCH_MAX)
        return render_template("agent/learners.html", learners=store.learners(get_db()),
                               parcours=titles, batch_max=BATCH_MAX, error=error), 400
    db, codes = get_db(), []
    while len(codes) < count:
        code = new_code()
        if coach_store.create_learner(db, code):  # False: drawn twice, draw again
            codes.append(code)
            if parcours_id:
                store.assign_parcours(db, code, parcours_id)
    return redirect(url_for("agent.cards", codes=",".join(codes)), 303)


@bp.get("/apprenants/cartes")
@login_required
def cards():
    """The A4 page of cards: each code, its QR code (the bare code) and how to use it."""
    wanted = [normalise(c) for c in (request.args.get("codes") or "").split(",")[:BATCH_MAX]]
    db, titles = get_db(), _parcours_titles()
    found = [store.learner(db, code) for code in wanted if code]
    found = [learner for learner in found if learner]
    if not found:
        abort(404)
    return render_template("agent/cards.html", cards=[
        {"code": learner["code"], "qr": Markup(qr.svg(learner["code"])),
         "parcours": titles.get(learner["parcours_id"] or "")} for learner in found])


@bp.get("/apprenants/<code>")
@login_required
def learner_page(code: str):
    learner = _learner_or_404(code)
    attempts = store.attempts_of_learner(get_db(), learner["code"])
    scenarios = _catalog().scenarios
    for attempt in attempts:
        scenario = scenarios.get(attempt["scenario_id"])
        attempt["title"] = scenario.title["fr"] if scenario else attempt["scenario_id"]
        attempt["seconds"] = (attempt["ended_at"] or attempt["started_at"]) - attempt["started_at"]
    total = sum(a["seconds"] for a in attempts)
    return render_template("agent/learner.html", learner=learner, attempts=attempts,
                           total_seconds=total, parcours=_parcours_titles(),
                           chart=Markup(charts.scores_over_time(attempts)),
                           diagnostics=diagnostic_view.of_learner(get_db(), learner["code"]))


@bp.post("/apprenants/<code>/parcours")
@login_required
def assign_parcours(code: str):
    learner = _learner_or_404(code)
    parcours_id = request.form.get("parcours") or None
    if parcours_id and parcours_id not in _parcours_titles():
        abort(400)
    store.assign_parcours(get_db(), learner["code"], parcours_id)
    flash(_("Parcours enregistré pour %(code)s.", code=learner["code"]))
    return redirect(url_for("agent.learner_page", code=learner["code"]), 303)


@bp.route("/apprenants/<code>/supprimer", methods=["GET", "POST"])
@login_required
def delete_learner(code: str):
    learner = _learner_or_404(code)
    if request.method == "GET":
        count = len(store.attempts_of_learner(get_db(), learner["code"]))
        return render_template("agent/learner_delete.html", learner=learner, attempts=count)
    db = get_db()
    for sid in store.sessions_of_learner(db, learner["code"]):
        sessions.end_session(sid, "adviser")  # a session still using it: ended and wiped
    retention.forget_learner(db, learner["code"])
    # The message does not repeat the code: nothing about it may stay, even in a session.
    flash(_("Le code et tout ce qui le concernait sont effacés."))
    return redirect(url_for("agent.learners"), 303)
