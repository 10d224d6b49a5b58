"""The learner-facing shell: home, language, persona card, the frame around the replicas."""

from flask import Blueprint

bp = Blueprint("shell", __name__, template_folder="templates")

from kiosk.shell import heartbeat, routes  # noqa: E402,F401  (registers the routes)
