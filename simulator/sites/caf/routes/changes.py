"""« Déclarer un changement de situation »: a new address (a move), a new job."""

from __future__ import annotations

from flask import g, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.formats import date_fr, parse_date_fr
from simulator.sites.caf import bp, rules, store
from simulator.sites.caf.routes.guard import online
from simulator.world import current_world

ADDRESS_FIELDS = ("rue", "complement", "code_postal", "commune", "date", "logement")
JOB_MESSAGES = {"employeur": "Veuillez saisir le nom de votre employeur.",
                "date": "La date de début doit être au format JJ/MM/AAAA.",
                "date_future": "La date de début ne peut pas être dans plus de 3 mois."}


@bp.get("/changement-de-situation")
@online
def changes():
    emit("caf.change.viewed")
    return htmx.render("caf/pages/changes.html", done=store.changes(current_world().db))


@bp.route("/changement-de-situation/adresse", methods=["GET", "POST"])
@online
def change_address():
    if request.method == "GET":
        return htmx.render("caf/pages/change_address.html", form={}, errors={})
    db = current_world().db
    form = {key: " ".join((request.form.get(key) or "").split())[:80] for key in ADDRESS_FIELDS}
    moved_on = parse_date_fr(form["date"])
    problems = rules.check_address(form, moved_on, clock.today(),
                                   g.allocataire["address_lines"][0])
    if problems:
        emit("caf.change.rejected", kind="adresse", fields=",".join(problems))
        errors = {field: rules.ADDRESS_MESSAGES[reason] for field, reason in problems.items()}
        return htmx.render("caf/pages/change_address.html", form=form, errors=errors)
    postcode = form["code_postal"].replace(" ", "")
    lines = [form["rue"], *([form["complement"]] if form["complement"] else []),
             f"{postcode} {form['commune'].upper()}"]
    with write_transaction(db):
        store.update_allocataire(db, address_lines=lines)
        store.record_change(db, "adresse", {"lines": lines, "date": date_fr(moved_on),
                                            "logement": rules.HOUSING[form["logement"]]},
                            clock.today().isoformat())
    emit("caf.change.declared", kind="adresse")
    return htmx.redirect(url_for("caf.change_done", kind="adresse"))


@bp.route("/changement-de-situation/emploi", methods=["GET", "POST"])
@online
def change_job():
    if request.method == "GET":
        return htmx.render("caf/pages/change_job.html", form={}, errors={})
    db = current_world().db
    form = {key: " ".join((request.form.get(key) or "").split())[:80]
            for key in ("employeur", "date")}
    started = parse_date_fr(form["date"])
    errors = {}
    if not form["employeur"]:
        errors["employeur"] = JOB_MESSAGES["employeur"]
    if started is None:
        errors["date"] = JOB_MESSAGES["date"]
    elif (started - clock.today()).days > 92:
        errors["date"] = JOB_MESSAGES["date_future"]
    if errors:
        emit("caf.change.rejected", kind="emploi", fields=",".join(errors))
        return htmx.render("caf/pages/change_job.html", form=form, errors=errors)
    with write_transaction(db):
        store.update_allocataire(db, employer=form["employeur"].upper())
        store.record_change(db, "emploi", {"employeur": form["employeur"],
                                           "date": date_fr(started)}, clock.today().isoformat())
    emit("caf.change.declared", kind="emploi")
    return htmx.redirect(url_for("caf.change_done", kind="emploi"))


@bp.get("/changement-de-situation/<kind>/enregistre")
@online
def change_done(kind: str):
    found = next((c for c in store.changes(current_world().db) if c["kind"] == kind), None)
    if found is None:
        return htmx.redirect(url_for("caf.changes"))
    return htmx.render("caf/pages/change_done.html", change=found)
