"""« Mes démarches »: the attestation de droits (PDF), a lost or stolen carte Vitale (the reason,
the confirmation, the new card ordered, an e-mail), the bank details (IBAN in seven boxes)."""

from __future__ import annotations

from flask import g, make_response, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.iban import boxes_from_form, check_iban_boxes, masked_iban
from simulator.sites.ameli import bp, mails, pdf, rules, store
from simulator.sites.ameli.routes.guard import online
from simulator.world import current_world

CARD_REASONS = {"perte": "Perte", "vol": "Vol"}


@bp.get("/demarches")
@online
def demarches():
    emit("ameli.demarches.viewed")
    return htmx.render("ameli/pages/demarches.html", account=g.ameli)


@bp.get("/demarches/attestation")
@online
def attestation():
    emit("ameli.attestation.viewed")
    return htmx.render("ameli/pages/attestation.html", account=g.ameli)


@bp.get("/demarches/attestation/attestation_droits.pdf")
@online
def attestation_pdf():
    who = "tous" if request.args.get("pour") == "tous" else "moi"
    emit("ameli.attestation.downloaded", who=who)
    response = make_response(pdf.attestation(g.ameli, clock.today(), with_children=who == "tous"))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = 'inline; filename="attestation_droits.pdf"'
    return response


# --- carte Vitale perdue ou volée ------------------------------------------------------------


@bp.get("/demarches/carte-vitale")
@online
def card():
    return htmx.render("ameli/pages/card.html", account=g.ameli, error=None, step="motif")


@bp.post("/demarches/carte-vitale")
@online
def card_reason():
    db = current_world().db
    if g.ameli["card_status"] != "active":
        emit("ameli.carte_vitale.refused", reason="already_declared")
        return htmx.render("ameli/pages/card.html", account=g.ameli, step="motif",
                           error=rules.MESSAGES["already_declared"])
    reason = request.form.get("motif")
    if reason not in CARD_REASONS:
        emit("ameli.carte_vitale.refused", reason="no_reason")
        return htmx.render("ameli/pages/card.html", account=g.ameli, step="motif",
                           error=rules.MESSAGES["no_reason"])
    with write_transaction(db):
        store.update_account(db, card_reason_draft=reason)
    emit("ameli.carte_vitale.reason_chosen", reason=reason)
    return htmx.redirect(url_for("ameli.card_confirm"))


@bp.get("/demarches/carte-vitale/confirmation")
@online
def card_confirm():
    if g.ameli["card_status"] != "active" or not g.ameli["card_reason_draft"]:
        return htmx.redirect(url_for("ameli.card"))
    return htmx.render("ameli/pages/card.html", account=g.ameli, step="confirmation",
                       reason=g.ameli["card_reason_draft"], error=None)


@bp.post("/demarches/carte-vitale/confirmation")
@online
def card_declare():
    db = current_world().db
    reason = g.ameli["card_reason_draft"]
    if g.ameli["card_status"] != "active" or reason not in CARD_REASONS:
        emit("ameli.carte_vitale.refused", reason="already_declared"
             if g.ameli["card_status"] != "active" else "no_reason")
        return htmx.redirect(url_for("ameli.card"))
    if request.form.get("certifie") != "oui":
        emit("ameli.carte_vitale.refused", reason="not_confirmed")
        return htmx.render("ameli/pages/card.html", account=g.ameli, step="confirmation",
                           reason=reason, error=rules.MESSAGES["not_confirmed"])
    with write_transaction(db):
        store.declare_card(db, reason, clock.today().isoformat())
        mails.send_card_ordered(db, reason, g.ameli["person"])
    emit("ameli.carte_vitale.declared", reason=reason)
    return htmx.redirect(url_for("ameli.card_done"))


@bp.get("/demarches/carte-vitale/commandee")
@online
def card_done():
    if g.ameli["card_status"] == "active":
        return htmx.redirect(url_for("ameli.card"))
    return htmx.render("ameli/pages/card.html", account=g.ameli, step="done", error=None)


# --- coordonnées bancaires ----------------------------------------------------------------


def _rib_page(*, boxes=None, holder: str | None = None, error: str | None = None,
              problem=None, errors=None, done: bool = False):
    return htmx.render("ameli/pages/rib.html", account=g.ameli, boxes=boxes,
                       holder=g.ameli["holder"] if holder is None else holder,
                       iban_error=error, box_invalid=(lambda n: problem is None
                                                      or problem.box in (None, n)),
                       errors=errors or {}, done=done, current=masked_iban(g.ameli["iban"]))


@bp.get("/demarches/coordonnees-bancaires")
@online
def rib():
    emit("ameli.rib.viewed")
    return _rib_page(done=request.args.get("enregistre") == "1")


@bp.post("/demarches/coordonnees-bancaires")
@online
def rib_submit():
    db = current_world().db
    boxes = [b[:8] for b in boxes_from_form(request.form)]
    holder = " ".join((request.form.get("titulaire") or "").split())[:60]
    iban, problem = check_iban_boxes(request.form.get("pays", "FR"), boxes)
    errors = {}
    if not holder:
        errors["titulaire"] = rules.MESSAGES["holder_empty"]
    if iban and iban == g.ameli["iban"]:
        errors["iban"] = rules.MESSAGES["same_iban"]
    if request.form.get("certifie") != "oui":
        errors["certifie"] = rules.MESSAGES["rib_not_confirmed"]
    if problem or errors:
        reason = problem.reason if problem else next(iter(errors)).replace(
            "titulaire", "holder_empty").replace("iban", "same_iban").replace(
            "certifie", "not_confirmed")
        emit("ameli.rib.rejected", reason=reason)
        return _rib_page(boxes=boxes, holder=holder, problem=problem, errors=errors,
                         error=problem.message() if problem else errors.get("iban"))
    with write_transaction(db):
        store.change_iban(db, iban, holder.upper(), clock.today().isoformat())
        mails.send_rib_changed(db)
    emit("ameli.rib.changed", iban_suffix=iban[-4:])
    return htmx.redirect(url_for("ameli.rib", enregistre=1))

