"""« Je m'actualise »: page 1 (formation), page 2 (the situation, seven questions in their real
order), page 3 (the summary, with the consequence of a « Non » to « toujours à la recherche
d'un emploi » spelled out before « Confirmer »), then the receipt. Open from the 28th to the
15th; once made, « Vous avez déjà déclaré votre situation pour cette période »."""

from __future__ import annotations

from flask import Response, g, render_template, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.francetravail import bp, pdfs, store
from simulator.sites.francetravail.routes.dashboard import actualisation_state
from simulator.sites.francetravail.routes.guard import connected, send_sms
from simulator.sites.francetravail.rules import actualisation as rules
from simulator.world import current_world, rng

SECTION = {"ft_section": "actualisation"}


def _state():
    db = current_world().db
    state, period = actualisation_state(db, g.ft_account)
    draft = store.actualisation.declaration(db, period.key()) if state == "open" else None
    return db, state, period, draft


def _closed(state: str, period):
    db = current_world().db
    done = store.actualisation.declaration(db, period.key()) if state == "done" else None
    return render_template("francetravail/pages/actualisation_closed.html", state=state,
                           period=period, done=done, **SECTION)


def _refused(page: int, state: str, period):
    emit("francetravail.actualisation.rejected", page=page, question="",
         reason="already_declared" if state == "done" else "window_closed")
    return _closed(state, period)


@bp.get("/actualisation")
@connected
def actualisation():
    _db, state, period, draft = _state()
    emit("francetravail.actualisation.viewed", state=state)
    if state != "open":
        return _closed(state, period)
    answers = draft["answers"] if draft else {}
    return render_template("francetravail/pages/actualisation_training.html", period=period,
                           question=rules.TRAINING, value=answers.get("formation", ""),
                           error=None, **SECTION)


@bp.post("/actualisation")
@connected
def actualisation_training():
    db, state, period, _draft = _state()
    if state != "open":
        return _refused(1, state, period)
    answers = rules.read_training(request.form)
    if answers.errors:
        emit("francetravail.actualisation.rejected", page=1, question="formation",
             reason="unanswered")
        return render_template("francetravail/pages/actualisation_training.html", period=period,
                               question=rules.TRAINING, value="",
                               error=answers.errors["formation"], **SECTION)
    with write_transaction(db):
        store.actualisation.save_draft(db, period.key(), answers.values, page=2)
    return htmx.redirect(url_for("francetravail.actualisation_situation"))


@bp.get("/actualisation/situation")
@connected
def actualisation_situation():
    _db, state, period, draft = _state()
    if state != "open" or not draft or draft["page"] < 2:
        return htmx.redirect(url_for("francetravail.actualisation"))
    return _situation_page(period, draft["answers"], {})


def _situation_page(period, values: dict, errors: dict):
    return render_template("francetravail/pages/actualisation_situation.html", period=period,
                           questions=rules.SITUATION, values=values, errors=errors,
                           motifs=rules.MOTIFS, **SECTION)


@bp.post("/actualisation/situation")
@connected
def actualisation_situation_submit():
    db, state, period, draft = _state()
    if state != "open":
        return _refused(2, state, period)
    if not draft or draft["page"] < 2:
        emit("francetravail.actualisation.rejected", page=2, question="", reason="step_missing")
        return htmx.redirect(url_for("francetravail.actualisation"))
    answers = rules.read_situation(request.form, clock.today())
    if answers.errors:
        question, reason = answers.reasons[0]
        emit("francetravail.actualisation.rejected", page=2, question=question, reason=reason)
        return _situation_page(period, answers.values, answers.errors)
    with write_transaction(db):
        store.actualisation.save_draft(db, period.key(), answers.values, page=3)
    return htmx.redirect(url_for("francetravail.actualisation_review"))


@bp.get("/actualisation/recapitulatif")
@connected
def actualisation_review():
    _db, state, period, draft = _state()
    if state != "open" or not draft or draft["page"] < 3:
        return htmx.redirect(url_for("francetravail.actualisation"))
    answers = draft["answers"]
    emit("francetravail.actualisation.reviewed",
         **rules.summary(answers.get("formation", ""), answers))
    return render_template("francetravail/pages/actualisation_review.html", period=period,
                           answers=answers, training=rules.TRAINING, questions=rules.SITUATION,
                           motifs=rules.MOTIFS, **SECTION)


@bp.post("/actualisation/recapitulatif")
@connected
def actualisation_confirm():
    db, state, period, draft = _state()
    if state != "open":
        return _refused(3, state, period)
    if not draft or draft["page"] < 3:
        emit("francetravail.actualisation.rejected", page=3, question="", reason="step_missing")
        return htmx.redirect(url_for("francetravail.actualisation"))
    answers = draft["answers"]
    facts = rules.summary(answers.get("formation", ""), answers)
    now = clock.now()
    with write_transaction(db):
        reference = f"ACT{now:%y%m%d}{rng(db, 'actualisation').randrange(10000):04d}"
        store.actualisation.confirm(db, period.key(), reference=reference,
                                    declared_at=now.isoformat(timespec="minutes"))
        if not facts["still_searching"]:
            _end_registration(db, now)
    emit("francetravail.actualisation.confirmed", period=period.key(), **facts)
    return htmx.redirect(url_for("francetravail.actualisation_done"))


def _end_registration(db, now) -> None:
    """« Non » to « toujours à la recherche d'un emploi »: the registration ends (cessation
    d'inscription), and with it the allocation."""
    today = now.date().isoformat()
    store.update_account(db, registered=0, ended_on=today)
    store.mail.add_courrier(db, day=today, kind="information",
                            subject="Avis de cessation d'inscription", lines=[
                                "Suite à votre déclaration, vous n'êtes plus inscrit(e) comme "
                                "demandeur d'emploi.",
                                "Le versement de votre allocation est arrêté.",
                                "Si vous recherchez un emploi, vous devez vous réinscrire."])
    send_sms(db, "France Travail : suite à votre actualisation, votre inscription comme demandeur "
                 "d'emploi a pris fin. Consultez votre espace personnel.")


@bp.get("/actualisation/confirmation")
@connected
def actualisation_done():
    db = current_world().db
    _state_name, period = actualisation_state(db, g.ft_account)
    done = store.actualisation.declaration(db, period.key())
    if not done or done["status"] != "done":
        return htmx.redirect(url_for("francetravail.actualisation"))
    return render_template("francetravail/pages/actualisation_done.html", period=period,
                           done=done, ended=not g.ft_account["registered"], **SECTION)


@bp.get("/actualisation/<reference>.pdf")
@connected
def actualisation_receipt(reference: str):
    db = current_world().db
    done = store.actualisation.declaration_by_reference(db, reference)
    if done is None:
        return htmx.redirect(url_for("francetravail.actualisation"))
    emit("francetravail.actualisation.receipt_downloaded")
    body = pdfs.receipt(g.ft_account, done)
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="actualisation_{done["period"]}.pdf"'})
