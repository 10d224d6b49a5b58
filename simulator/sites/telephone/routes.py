"""The phone drawer: the list of SMS, one SMS, delete, report."""

from __future__ import annotations

from flask import abort, g, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.formats import MONTHS_FR_TITLE
from simulator.sites.telephone import bp, store
from simulator.world import current_world


@bp.after_app_request
def tell_the_page_the_phone_rang(response):
    if getattr(g, "phone_rang", False):
        htmx.trigger(response, "phone-rang")
    return response


@bp.app_context_processor
def phone_status():
    """The kiosk bar shows the phone button with its unread count on every page."""
    world = getattr(g, "world", None)
    if world is None:
        return {}
    return {
        "phone_unread": store.unread_count(world.db),
        "phone_latest_unread": store.latest_unread(world.db),
    }


@bp.app_template_filter("sms_time")
def sms_time(received_at: str) -> str:
    """``2026-11-26T11:40:14+01:00`` → ``26/11/2026 11:40``, as a phone shows it."""
    day, _, clock_time = received_at.partition("T")
    year, month, dom = day.split("-")
    return f"{dom}/{month}/{year} {clock_time[:5]}".strip()


DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


@bp.app_template_global("phone_status")
def phone_status_bar() -> dict:
    """What the phone's status bar shows: the world's date (simulator.clock) and the time."""
    now = clock.now()
    return {"time": now.strftime("%H:%M"),
            "day": f"{DAYS_FR[now.weekday()]} {now.day} {MONTHS_FR_TITLE[now.month - 1]}",
            "iso": now.date().isoformat()}


@bp.app_template_global("sms_link")
def sms_link(sms: dict) -> dict | None:
    """The web address an SMS carries, split out of its text, with the replica page it opens
    (a link to an address no replica answers for stays plain text: nothing leaves the kiosk)."""
    link = sms.get("link")
    if not link or link not in sms["body"]:
        return None
    from simulator.sites import SITES  # here: the sites package imports this module

    local = next((f"/sites/{site.name}{link.removeprefix(site.address) or '/'}"
                  for site in SITES if site.address and link.startswith(site.address)), None)
    before, _, after = sms["body"].partition(link)
    return {"before": before, "text": link, "after": after, "local": local}


@bp.get("/")
def inbox():
    db = current_world().db
    emit("telephone.opened", unread=store.unread_count(db))
    return htmx.render(
        "telephone/pages/phone.html",
        "telephone/partials/_phone_screen.html",
        phone=store.phone(db),
        messages=store.messages(db),
    )


@bp.get("/bouton")
def button():
    return htmx.render("telephone/partials/_phone_button.html",
                       "telephone/partials/_phone_button.html")


@bp.get("/sms/<int:sms_id>")
def read(sms_id: int):
    db = current_world().db
    with write_transaction(db):
        sms = store.message(db, sms_id) or abort(404)
        store.mark_read(db, sms_id)
    emit("telephone.sms.read", sender=sms["sender"], kind=sms["kind"])
    return htmx.render(
        "telephone/pages/phone.html",
        "telephone/partials/_phone_screen.html",
        phone=store.phone(db),
        sms=sms,
    )


@bp.post("/sms/<int:sms_id>/supprimer")
def delete(sms_id: int):
    return _remove(sms_id, store.delete, "telephone.sms.deleted")


@bp.post("/sms/<int:sms_id>/signaler")
def report(sms_id: int):
    return _remove(sms_id, store.report, "telephone.sms.reported")


def _remove(sms_id: int, action, event_name: str):
    db = current_world().db
    with write_transaction(db):
        sms = store.message(db, sms_id) or abort(404)
        action(db, sms_id)
    emit(event_name, sender=sms["sender"], kind=sms["kind"])
    if not htmx.wants_fragment():
        return htmx.redirect(url_for("telephone.inbox"))
    return htmx.render(
        "telephone/pages/phone.html",
        "telephone/partials/_phone_screen.html",
        phone=store.phone(db),
        messages=store.messages(db),
    )
