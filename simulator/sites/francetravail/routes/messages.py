"""« Messagerie avec le conseiller »: the conversations, writing with a subject from the list,
the 48-hour promise, and the adviser's reply that arrives later in the session (routes/guard.py
announces it on the next page the learner opens once its time has come)."""

from __future__ import annotations

import time

from flask import abort, current_app, g, render_template, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.francetravail import bp, store
from simulator.sites.francetravail.routes.guard import connected
from simulator.sites.francetravail.rules import messages as rules
from simulator.world import current_world

SECTION = {"ft_section": "messagerie"}


def reply_delay_seconds() -> float:
    """How long the adviser takes to answer: the world's option, else the kiosk's setting."""
    option = current_world().option("francetravail.reply_seconds")
    if option is not None and option.strip().isdigit():
        return float(option)
    return float(current_app.config.get("FRANCETRAVAIL_REPLY_SECONDS", 180))


@bp.get("/messagerie")
@connected
def messages():
    db = current_world().db
    conversations = store.messages.conversations(db)
    emit("francetravail.messages.viewed", unread=sum(c["unread"] for c in conversations))
    return render_template("francetravail/pages/messages.html", conversations=conversations,
                           subjects=rules.SUBJECTS, sent=request.args.get("envoye") == "1",
                           **SECTION)


def _form(values: dict, error: tuple[str, str] | None):
    return render_template("francetravail/pages/message_form.html", values=values, error=error,
                           subjects=rules.SUBJECTS, max_length=rules.BODY_MAX_LENGTH, **SECTION)


@bp.get("/messagerie/nouveau")
@connected
def message_form():
    return _form({"objet": "", "message": ""}, None)


@bp.post("/messagerie/nouveau")
@connected
def message_send():
    db = current_world().db
    values = {"objet": (request.form.get("objet") or "")[:40],
              "message": (request.form.get("message") or "")[:rules.BODY_MAX_LENGTH * 2]}
    reason = rules.problem(values["objet"], values["message"])
    if reason:
        emit("francetravail.message.rejected", reason=reason)
        field = "message" if reason.startswith("body") else "objet"
        return _form(values, (field, rules.MESSAGES[reason]))
    account = g.ft_account
    subject = rules.SUBJECTS[values["objet"]]
    now = clock.now().isoformat(timespec="minutes")
    with write_transaction(db):
        thread = store.messages.write(db, subject=subject, body=values["message"].strip(),
                                      sent_at=now)
        store.messages.schedule_reply(
            db, thread, subject=subject, sent_at=now,
            body=rules.reply(values["objet"], account["civilite"], account["last_name"],
                             account["adviser"]),
            visible_at=time.time() + reply_delay_seconds())
    emit("francetravail.message.sent", subject=subject)
    return htmx.redirect(url_for("francetravail.messages", envoye=1))


@bp.get("/messagerie/<token>")
@connected
def conversation(token: str):
    db = current_world().db
    found = store.messages.conversation(db, token)
    if not found:
        abort(404)
    with write_transaction(db):
        newly_read = store.messages.mark_read(db, found[0]["id"])
    for message in newly_read:
        if message["author"] == "conseiller":
            emit("francetravail.message.reply_read", subject=message["subject"])
    return render_template("francetravail/pages/conversation.html", messages=found, **SECTION)
