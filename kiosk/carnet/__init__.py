"""« Mon carnet »: one A4 page the learner takes home — the learner code and its QR code, what
was mastered (the skills of the steps done alone, never scores), what to practise next, the
dates; in the learner's language and in French side by side. Nothing on it identifies the
person: no name, only the pseudonymous code."""

from flask import Blueprint

bp = Blueprint("carnet", __name__, template_folder="templates")

from kiosk.carnet import routes  # noqa: E402,F401  (registers the routes)
