"""« Gérer mon prélèvement à la source »: the rate, the non-personalised rate, a change of
situation."""

from __future__ import annotations

from flask import request

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.formats import parse_date_fr
from simulator.sites.impots import bp, store
from simulator.sites.impots.routes.guard import online
from simulator.world import current_world

CHANGES = {"mariage": "Mariage", "pacs": "Pacs", "naissance": "Naissance ou adoption d'un enfant",
           "divorce": "Divorce, rupture de Pacs ou séparation", "deces": "Décès du conjoint"}


def _page(**context):
    db = current_world().db
    return htmx.render("impots/pages/prelevement.html", taxpayer=store.taxpayer(db),
                       changes=CHANGES, history=store.situation_changes(db),
                       **{"message": None, "errors": {}, "typed": {}, **context})


@bp.get("/prelevement")
@online
def pas():
    emit("impots.pas.viewed")
    return _page()


@bp.post("/prelevement/taux")
@online
def pas_rate():
    choice = request.form.get("taux")
    if choice not in ("personnalise", "non_personnalise"):
        return _page(errors={"taux": "Veuillez choisir un taux."})
    db = current_world().db
    with write_transaction(db):
        store.update_taxpayer(db, pas_choice=choice)
    emit("impots.pas.rate_chosen", choice=choice)
    return _page(message="Votre choix de taux a bien été enregistré. Il sera transmis à votre "
                         "employeur le mois prochain.")


@bp.post("/prelevement/changement")
@online
def pas_change():
    kind = request.form.get("evenement", "")
    typed = (request.form.get("date") or "")[:20]
    day = parse_date_fr(typed)
    errors = {}
    if kind not in CHANGES:
        errors["evenement"] = "Veuillez choisir le changement de situation."
    if day is None:
        errors["date"] = "La date doit être au format JJ/MM/AAAA."
    elif day > clock.today():
        errors["date"] = "La date ne peut pas être dans le futur."
    elif (clock.today() - day).days > 366:
        errors["date"] = "Cette date est trop ancienne : le changement doit dater de moins d'un an."
    if errors:
        return _page(errors=errors, typed={"evenement": kind, "date": typed})
    db = current_world().db
    with write_transaction(db):
        store.record_situation_change(db, kind, day.isoformat(), clock.today().isoformat())
    emit("impots.pas.change_declared", kind=kind)
    return _page(message=f"Votre changement de situation ({CHANGES[kind].lower()}) a bien été "
                         "enregistré. Votre taux sera recalculé.")


