"""The look-alike pages: « vérification de sécurité », then the fake « merci »."""

from __future__ import annotations

from flask import render_template, request

from simulator import htmx
from simulator.events import emit
from simulator.sites.arnaque import bp


@bp.get("/")
@bp.get("/<path:_anything>")
def verification(_anything: str = ""):
    emit("arnaque.page.viewed")
    return render_template("arnaque/verification.html")


@bp.post("/")
def submit():
    filled = request.form.get("filled") == "1"
    emit("arnaque.form.submitted", filled=filled)
    return htmx.render("arnaque/merci.html")
