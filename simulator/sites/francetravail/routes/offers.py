"""« Offres d'emploi »: search by keywords and place with the real filters, result cards, an
offer's detail, and « Postuler » with a CV from the persona's papers → « Valider » → « Envoyer »
(reference §1.2.7)."""

from __future__ import annotations

import datetime as dt

from flask import abort, g, render_template, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.francetravail import bp, offers_data, store
from simulator.sites.francetravail.routes.guard import connected
from simulator.sites.francetravail.rules import documents as file_rules
from simulator.sites.francetravail.rules import offers as rules
from simulator.sites.papiers.store import paper_by_token
from simulator.world import current_world

SECTION = {"ft_section": "offres"}


def _place(typed: str):
    data = offers_data.data()
    return rules.resolve_place(typed, data.communes, data.departements)


def _home_distance(offer: dict) -> int:
    home = _place(g.ft_account["postal_code"])
    if home is None or home.latitude is None:
        return 0
    return rules.distance_km(home.latitude, home.longitude, offer["latitude"],
                             offer["longitude"])


def _decorate(offer: dict) -> dict:
    days = (clock.today() - dt.date.fromisoformat(offer["published_on"])).days
    offer["published"] = rules.published_label(days)
    offer["age_days"] = days
    return offer


@bp.get("/offres")
@connected
def offers():
    db = current_world().db
    query = {name: rules.clean(request.args.get(name)) for name in
             ("motsCles", "lieux", "rayon", "typeContrat", "qualification", "emission")}
    if query["rayon"] not in rules.RADII:
        query["rayon"] = rules.DEFAULT_RADIUS
    searched = "motsCles" in request.args or "lieux" in request.args
    results, place, error = [], None, None
    if searched:
        place = _place(query["lieux"])
        if query["lieux"] and place is None:
            error = ("Lieu inconnu. Saisissez une commune, un code postal ou un département "
                     "(exemple : Aubervilliers, 93300 ou 93).")
        else:
            results = _search(store.offers.offers(db), query, place)
        emit("francetravail.offers.searched", keywords=query["motsCles"], place=query["lieux"],
             place_known=place is not None,
             radius_km=int(query["rayon"]) if place and place.latitude is not None else 0,
             contract=query["typeContrat"], results=len(results))
    return render_template("francetravail/pages/offers.html", query=query, results=results,
                           searched=searched, place=place, error=error,
                           contracts=[(c, c) for c in rules.CONTRACTS],
                           qualifications=[(q, q) for q in rules.QUALIFICATIONS],
                           publication=rules.PUBLICATION, radii=rules.RADII, **SECTION)


def _search(offers: list[dict], query: dict, place) -> list[dict]:
    found = []
    for offer in map(_decorate, offers):
        if not rules.keyword_match(query["motsCles"], offer["title"], offer["description"],
                                   offer["company"], offer["sector"]):
            continue
        if query["typeContrat"] and offer["contract"] != query["typeContrat"]:
            continue
        if query["qualification"] and offer["qualification"] != query["qualification"]:
            continue
        if query["emission"] in rules.PUBLICATION and offer["age_days"] > int(query["emission"]):
            continue
        if place is not None:
            if place.latitude is None:
                if offer["department"] != place.department:
                    continue
            else:
                offer["distance"] = rules.distance_km(place.latitude, place.longitude,
                                                      offer["latitude"], offer["longitude"])
                if offer["distance"] > int(query["rayon"]):
                    continue
        found.append(offer)
    return found


def _offer(reference: str) -> dict:
    found = store.offers.offer(current_world().db, reference) or abort(404)
    return _decorate(found)


@bp.get("/offres/<reference>")
@connected
def offer(reference: str):
    found = _offer(reference)
    emit("francetravail.offer.viewed", reference=found["reference"], title=found["title"],
         contract=found["contract"], distance_km=_home_distance(found))
    applied = store.offers.application(current_world().db, found["id"])
    return render_template("francetravail/pages/offer.html", offer=found,
                           applied=applied if applied and applied["status"] == "sent" else None,
                           back=request.args.get("retour", ""), **SECTION)


def _applied_on(offer_id: int) -> str | None:
    existing = store.offers.application(current_world().db, offer_id)
    return existing["sent_at"][:10] if existing and existing["status"] == "sent" else None


@bp.get("/offres/<reference>/postuler")
@connected
def apply_form(reference: str):
    found = _offer(reference)
    applied_on = _applied_on(found["id"])
    error = file_rules.MESSAGES["already_applied"].format(
        day=f"{applied_on[8:10]}/{applied_on[5:7]}/{applied_on[:4]}") if applied_on else None
    return render_template("francetravail/pages/application_form.html", offer=found,
                           values={"message": ""}, errors={"cv": error} if error else {},
                           chosen=None, **SECTION)


@bp.post("/offres/<reference>/postuler")
@connected
def apply_submit(reference: str):
    db = current_world().db
    found = _offer(reference)
    values = {"cv": (request.form.get("cv") or "")[:64],
              "message": (request.form.get("message") or "")[:file_rules.MESSAGE_MAX_LENGTH * 2]}
    paper = paper_by_token(db, values["cv"])
    problem = file_rules.application_problem(paper_token=values["cv"], paper=paper,
                                             message=values["message"],
                                             applied_on=_applied_on(found["id"]))
    if problem:
        reason, message = problem
        emit("francetravail.application.rejected", reason=reason)
        field = "message" if reason == "message_too_long" else "cv"
        return render_template("francetravail/pages/application_form.html", offer=found,
                               values=values, errors={field: message},
                               chosen=paper if field == "message" else None, **SECTION)
    with write_transaction(db):
        store.offers.save_application_draft(db, found["id"], paper_token=paper.token,
                                            file_name=paper.file_name, paper_kind=paper.kind,
                                            message=values["message"].strip())
    return htmx.redirect(url_for("francetravail.apply_review", reference=reference))


@bp.get("/offres/<reference>/postuler/verification")
@connected
def apply_review(reference: str):
    found = _offer(reference)
    draft = store.offers.application(current_world().db, found["id"])
    if draft is None or draft["status"] != "draft":
        return htmx.redirect(url_for("francetravail.apply_form", reference=reference))
    emit("francetravail.application.reviewed", reference=reference,
         paper_kind=draft["paper_kind"])
    return render_template("francetravail/pages/application_review.html", offer=found,
                           draft=draft, sent=False, **SECTION)


@bp.post("/offres/<reference>/postuler/verification")
@connected
def apply_send(reference: str):
    db = current_world().db
    found = _offer(reference)
    draft = store.offers.application(db, found["id"])
    if draft is None or draft["status"] != "draft":
        emit("francetravail.application.rejected",
             reason="already_applied" if draft else "no_draft")
        return htmx.redirect(url_for("francetravail.apply_form", reference=reference))
    with write_transaction(db):
        store.offers.send_application(db, draft["id"], clock.now().isoformat(timespec="minutes"))
    emit("francetravail.application.sent", reference=reference, title=found["title"],
         contract=found["contract"], distance_km=_home_distance(found),
         paper_kind=draft["paper_kind"])
    return htmx.redirect(url_for("francetravail.apply_done", reference=reference))


@bp.get("/offres/<reference>/postuler/envoyee")
@connected
def apply_done(reference: str):
    found = _offer(reference)
    sent = store.offers.application(current_world().db, found["id"])
    if sent is None or sent["status"] != "sent":
        return htmx.redirect(url_for("francetravail.apply_form", reference=reference))
    return render_template("francetravail/pages/application_review.html", offer=found,
                           draft=sent, sent=True, **SECTION)
