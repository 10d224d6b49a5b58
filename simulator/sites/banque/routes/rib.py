"""RIB (placeholder until the screen is built)."""

from flask import render_template

from simulator.sites.banque import bp
from simulator.sites.banque.routes.guard import online


@bp.get("/rib")
@online
def rib_choice():
    return render_template("banque/pages/todo.html", heading="RIB")
