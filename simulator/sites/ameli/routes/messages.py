"""« Ma messagerie »: write to the caisse with a subject from the list; its answer arrives later
in the session (written at once with the moment it becomes visible, like France Travail's
adviser: nothing sleeps on the server)."""

from __future__ import annotations

import time

from flask import abort, current_app, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.ameli import bp, rules, store
from simulator.sites.ameli.routes.guard import online
from simulator.world import current_world

DEFAULT_REPLY_SECONDS = 60


@bp.get("/messagerie")
@online
def messages():
    emit("ameli.messages.viewed")
    return htmx.render("ameli/pages/messages.html",
                       messages=store.visible_messages(current_world().db),
                       subjects=rules.SUBJECTS, sent=request.args.get("envoye") == "1")


def _form(*, errors=None, subject: str = "", body: str = ""):
    return htmx.render("ameli/pages/message_new.html", subjects=rules.SUBJECTS,
                       errors=errors or {}, subject=subject, body=body)


@bp.get("/messagerie/nouveau")
@online
def message_new():
    return _form()


def _reply_delay() -> float:
    world = current_world()
    if world.option("ameli.reponse") == "immediate":
        return 0
    return float(current_app.config.get("AMELI_REPLY_SECONDS", DEFAULT_REPLY_SECONDS))


@bp.post("/messagerie/nouveau")
@online
def message_send():
    db = current_world().db
    subject = request.form.get("objet") or ""
    body = (request.form.get("message") or "").strip()
    errors = {}
    if subject not in rules.SUBJECTS:
        errors["objet"] = rules.MESSAGES["subject_missing"]
    if not body:
        errors["message"] = rules.MESSAGES["body_empty"]
    elif len(body) > rules.MAX_MESSAGE:
        errors["message"] = rules.MESSAGES["body_too_long"]
    if errors:
        reason = "subject_missing" if "objet" in errors else (
            "body_empty" if not body else "body_too_long")
        emit("ameli.message.rejected", reason=reason)
        return _form(errors=errors, subject=subject if subject in rules.SUBJECTS else "",
                     body=body[:rules.MAX_MESSAGE])
    now = clock.now().isoformat(timespec="seconds")
    with write_transaction(db):
        store.add_message(db, subject=subject, body=body, sender="assure", written_at=now,
                          read=True)
        store.add_message(db, subject=subject, body=rules.REPLIES[subject], sender="caisse",
                          written_at=now, visible_at=time.time() + _reply_delay())
    emit("ameli.message.sent", subject=subject)
    return htmx.redirect(url_for("ameli.messages", envoye=1))


@bp.get("/messagerie/<token>")
@online
def message(token: str):
    db = current_world().db
    found = store.message_by_token(db, token) or abort(404)
    if found["sender"] == "caisse" and not found["read"]:
        with write_transaction(db):
            store.mark_read(db, found["id"])
        emit("ameli.message.reply_read", subject=found["subject"])
    return htmx.render("ameli/pages/message.html", message=found, subjects=rules.SUBJECTS)
