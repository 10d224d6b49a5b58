"""« Mon carnet »: the page to print or photograph, and the same as a PDF."""

from __future__ import annotations

import datetime as dt

from flask import make_response, render_template, session
from flask_babel import format_date, get_locale
from markupsafe import Markup

from kiosk.agent import qr
from kiosk.carnet import bp, content
from kiosk.carnet.pdf import carnet_pdf
from kiosk.database import get_db
from kiosk.diagnostic import store as diagnostic_store


def _carnet() -> content.Carnet:
    code = session.get("learner")
    return content.build(
        get_db(), lang=str(get_locale()), learner_code=code, session_id=session.sid,
        proposal=diagnostic_store.latest_proposal(get_db(), learner_code=code,
                                                  session_id=session.sid),
        today=dt.date.today())  # the attempts are dated by the real clock too


@bp.get("/carnet")
def page():
    carnet = _carnet()
    return render_template("carnet/carnet.html", carnet=carnet,
                           qr=Markup(qr.svg(carnet.code)) if carnet.code else None,
                           day=lambda d: format_date(d, "long") if d else "—")


@bp.get("/carnet.pdf")
def pdf():
    response = make_response(carnet_pdf(_carnet()))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = 'inline; filename="mon-carnet-pas-a-pas.pdf"'
    return response
