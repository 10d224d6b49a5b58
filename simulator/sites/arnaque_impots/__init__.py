"""A look-alike of the tax space, at a wrong address: where the fake « remboursement d'impôt »
e-mail of the exercises leads.

It copies the tax space's look and asks for the bank card « to receive the refund », like real
phishing pages do. Nothing typed on it is ever sent: its fields have no name; the page only learns
whether something was typed. The lessons: the tax administration never asks for a card number
by e-mail, and the address bar does not end with impots.gouv.fr.
"""

from flask import Blueprint, render_template, request
from sqlite_utils.migrations import Migrations

from simulator import htmx
from simulator.events import EventSpec, emit
from simulator.site import Site

bp = Blueprint("arnaque_impots", __name__, template_folder="templates", static_folder="static")

EVENTS = [
    EventSpec("arnaque_impots.page.viewed",
              "The learner opened the look-alike tax page (from a scam e-mail).", {}),
    EventSpec("arnaque_impots.form.submitted",
              "The learner sent the look-alike's form (gave their card to the scammers).",
              {"filled": "bool: something was typed in the fields"}),
]

SITE = Site(
    name="arnaque_impots",
    title="Faux site des impôts (arnaque)",
    address="https://remboursement-impots-dgfip.com",
    blueprint=bp,
    migrations=Migrations("arnaque_impots"),
    events=EVENTS,
)


@bp.get("/")
@bp.get("/<path:_anything>")
def refund(_anything: str = ""):
    emit("arnaque_impots.page.viewed")
    return render_template("arnaque_impots/remboursement.html")


@bp.post("/")
def submit():
    filled = request.form.get("filled") == "1"
    emit("arnaque_impots.form.submitted", filled=filled)
    return htmx.render("arnaque_impots/merci.html")
