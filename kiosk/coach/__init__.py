"""The scenario engine: model, loader, matcher, scoring, modes, and the coach panel."""

from flask import Blueprint

bp = Blueprint("coach", __name__, template_folder="templates")

from kiosk.coach import routes  # noqa: E402,F401  (registers the routes)
