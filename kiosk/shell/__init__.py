"""The learner-facing shell: home, language, persona card, the frame around the replicas."""

from flask import Blueprint

bp = Blueprint("shell", __name__, template_folder="templates")

from kiosk.shell import display, heartbeat, idle, routes  # noqa: E402,F401  (their routes)
