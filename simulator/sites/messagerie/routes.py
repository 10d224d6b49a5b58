"""The mailbox drawer: the inbox and « Courrier indésirable », one e-mail, its links,
delete, report as spam."""

from __future__ import annotations

import re

from flask import abort, g, request, url_for

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.messagerie import bp, store
from simulator.world import current_world

FOLDER_NAMES = {"inbox": "reception", "spam": "indesirables"}
FOLDERS_BY_NAME = {name: folder for folder, name in FOLDER_NAMES.items()}


@bp.after_app_request
def tell_the_page_a_mail_arrived(response):
    if getattr(g, "mail_arrived", False):
        htmx.trigger(response, "mail-arrived")
    return response


@bp.app_context_processor
def mailbox_status():
    """The kiosk bar shows « Messagerie » (with its unread count) to a persona who has one."""
    world = getattr(g, "world", None)
    if world is None:
        return {}
    db = world.db
    return {"mailbox_address": store.address(db),
            "mail_unread": store.unread_count(db),
            "mail_latest_unread": store.latest_unread(db)}


def local_path(link: str) -> tuple[str, str] | None:
    """The replica page a web address opens, and its site: ``https://cfspart.impots.gouv.fr/x``
    → ``("/sites/impots/x", "impots")``. An address no replica answers for opens nothing."""
    from simulator.sites import SITES  # here: the sites package imports this module

    for site in SITES:
        if site.address and (link == site.address or link.startswith(site.address + "/")):
            return f"/sites/{site.name}{link.removeprefix(site.address) or '/'}", site.name
    return None



@bp.app_template_global("mail_paragraphs")
def mail_paragraphs(mail: dict) -> list[list[dict]]:
    """The body as paragraphs of parts: plain text, or a link (its number in the mail's list,
    and whether a replica answers for it)."""
    links = [link for link in mail["links"] if link and link in mail["body"]]
    pattern = re.compile("(" + "|".join(re.escape(link) for link in links) + ")") if links else None
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", mail["body"].strip()):
        parts = []
        for piece in (pattern.split(paragraph) if pattern else [paragraph]):
            if not piece:
                continue
            if piece in links:
                parts.append({"link": piece, "number": mail["links"].index(piece),
                              "opens": local_path(piece) is not None})
            else:
                parts.append({"text": piece})
        paragraphs.append(parts)
    return paragraphs


def _folder() -> str:
    return FOLDERS_BY_NAME.get(request.args.get("dossier", ""), "inbox")


def _screen(db, **context):
    return htmx.render("messagerie/pages/mailbox.html", "messagerie/partials/_mail_screen.html",
                       address=store.address(db), folder_names=FOLDER_NAMES,
                       spam_count=len(store.mails(db, "spam")), **context)


@bp.get("/")
def inbox():
    db = current_world().db
    if store.mailbox(db) is None:
        abort(404)
    folder = _folder()
    emit("messagerie.opened", unread=store.unread_count(db), folder=folder)
    return _screen(db, folder=folder, mails=store.mails(db, folder))


@bp.get("/bouton")
def button():
    return htmx.render("messagerie/partials/_mail_button.html",
                       "messagerie/partials/_mail_button.html")


@bp.get("/courriel/<token>")
def read(token: str):
    db = current_world().db
    with write_transaction(db):
        found = store.mail(db, token) or abort(404)
        store.mark_read(db, found["id"])
    emit("messagerie.mail.read", **_about(found))
    return _screen(db, folder=found["folder"], mail=found)


@bp.get("/courriel/<token>/lien/<int:number>")
def follow(token: str, number: int):
    """A link of an e-mail: the learner leaves the mailbox for the page it names."""
    db = current_world().db
    found = store.mail(db, token) or abort(404)
    if number >= len(found["links"]):
        abort(404)
    target = local_path(found["links"][number])
    if target is None:
        abort(404)
    path, site = target
    emit("messagerie.link.opened", site=site, **_about(found))
    return htmx.redirect(path)


@bp.post("/courriel/<token>/supprimer")
def delete(token: str):
    return _move(token, store.delete, "messagerie.mail.deleted")


@bp.post("/courriel/<token>/signaler")
def report(token: str):
    return _move(token, store.report, "messagerie.mail.reported")


@bp.post("/courriel/<token>/pas-indesirable")
def not_spam(token: str):
    return _move(token, store.not_spam, "messagerie.mail.not_spam")


def _move(token: str, action, event_name: str):
    db = current_world().db
    with write_transaction(db):
        found = store.mail(db, token) or abort(404)
        action(db, found["id"])
    emit(event_name, **_about(found))
    back = found["folder"]
    if not htmx.wants_fragment():
        return htmx.redirect(url_for("messagerie.inbox", dossier=FOLDER_NAMES[back]))
    return _screen(db, folder=back, mails=store.mails(db, back))


def _about(mail: dict) -> dict:
    return {"sender": mail["sender_address"], "kind": mail["kind"], "topic": mail["topic"]}
