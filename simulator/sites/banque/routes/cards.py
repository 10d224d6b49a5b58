"""« Mes cartes »: see the cards, lock one for a while, or make an opposition (for good).

Reference: real-sites-and-anchors §1.1.8. The lock is reversible at any time; the opposition
is definitive (the card can never be used again, a new one is sent), so its form spells that
out and asks the learner to tick that they understood.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, g, render_template, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.banque import bp, store
from simulator.sites.banque.routes.guard import online
from simulator.world import current_world

REASONS = [("perte", "Perte"), ("vol", "Vol"), ("fraude", "Utilisation frauduleuse")]
STATUS_LABELS = {"active": "Active", "locked": "Verrouillée temporairement",
                 "opposed": "En opposition"}
NOTICES = {
    "verrouillage": "Votre carte est verrouillée temporairement.",
    "deverrouillage": "Votre carte est déverrouillée. Vous pouvez de nouveau payer et retirer "
                      "de l'argent avec elle.",
}
OPPOSED_CANNOT_CHANGE = ("Cette carte est en opposition : elle ne peut plus être verrouillée "
                         "ni déverrouillée.")
OPPOSITION_ERRORS = {
    "motif": "Veuillez indiquer le motif de l'opposition.",
    "compris": "Veuillez cocher la case « J'ai compris que l'opposition est définitive ».",
}


def _card(token: str) -> store.Card:
    card = store.card_by_token(current_world().db, token)
    if card is None:
        abort(404)
    return card


def _opposed_on(card: store.Card) -> dt.datetime | None:
    return dt.datetime.fromisoformat(card.opposed_at) if card.opposed_at else None


def _page_context(**extra) -> dict:
    return {"holder": g.bank_customer["holder"], "status_labels": STATUS_LABELS,
            "opposed_on": _opposed_on, **extra}


@bp.get("/cartes")
@online
def cards():
    emit("banque.card.viewed")
    done = request.args.get("fait")
    notices = {request.args.get("carte"): NOTICES[done]} if done in NOTICES else {}
    return render_template("banque/pages/cards.html",
                           **_page_context(cards=store.cards(current_world().db),
                                           notices=notices, errors={}))


@bp.post("/cartes/<token>/verrouillage")
@online
def card_lock(token: str):
    return _change_lock(token, "locked", "verrouillage", "banque.card.locked")


@bp.post("/cartes/<token>/deverrouillage")
@online
def card_unlock(token: str):
    return _change_lock(token, "active", "deverrouillage", "banque.card.unlocked")


def _change_lock(token: str, status: str, done: str, event: str):
    """Lock or unlock; the card block alone is sent back to htmx, a plain form is redirected."""
    db = current_world().db
    with write_transaction(db):
        card = _card(token)
        refused = card.status == "opposed"
        changed = not refused and card.status != status
        if changed:
            store.set_card_status(db, card.id, status)
    if changed:
        emit(event, card=card.product)
    if refused or htmx.wants_fragment():
        card = store.card_by_token(db, token)
        notices = {} if refused else {token: NOTICES[done]}
        errors = {token: OPPOSED_CANNOT_CHANGE} if refused else {}
        return htmx.render("banque/pages/cards.html", "banque/partials/_card.html",
                           status=409 if refused else 200,
                           **_page_context(cards=store.cards(db), card=card, notices=notices,
                                           errors=errors))
    return htmx.redirect(url_for("banque.cards", fait=done, carte=token))


# --- opposition ---------------------------------------------------------------------------


@bp.get("/cartes/<token>/opposition")
@online
def card_opposition(token: str):
    card = _card(token)
    if card.status == "opposed":
        return htmx.redirect(url_for("banque.card_opposed", token=token))
    emit("banque.card.opposition_viewed", card=card.product)
    return _opposition_page(card)


def _opposition_page(card: store.Card, *, reason: str = "", understood: bool = False,
                     errors: dict | None = None):
    return render_template("banque/pages/card_opposition.html",
                           **_page_context(card=card, reasons=REASONS, reason=reason,
                                           understood=understood, errors=errors or {}))


@bp.post("/cartes/<token>/opposition")
@online
def card_opposition_submit(token: str):
    db = current_world().db
    reason = request.form.get("motif", "")
    understood = request.form.get("compris") == "oui"
    errors = {}
    if reason not in dict(REASONS):
        errors["motif"] = OPPOSITION_ERRORS["motif"]
    if not understood:
        errors["compris"] = OPPOSITION_ERRORS["compris"]
    with write_transaction(db):
        card = _card(token)
        recorded = card.status != "opposed" and not errors
        if recorded:
            store.record_opposition(db, card.id, reason=reason, at=clock.now())
    if card.status == "opposed" or recorded:
        if recorded:
            emit("banque.card.opposed", card=card.product, reason=reason)
        return htmx.redirect(url_for("banque.card_opposed", token=token))
    return _opposition_page(card, reason=reason if reason in dict(REASONS) else "",
                            understood=understood, errors=errors)


@bp.get("/cartes/<token>/opposition/enregistree")
@online
def card_opposed(token: str):
    card = _card(token)
    if card.status != "opposed":
        return htmx.redirect(url_for("banque.card_opposition", token=token))
    return render_template("banque/pages/card_opposed.html",
                           **_page_context(card=card, reason_label=dict(REASONS).get(
                               card.opposition_reason, "")))
