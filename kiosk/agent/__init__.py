"""The adviser console under /agent/: login, the live board of the kiosks, learner codes and
reports. Advisers are staff: the console speaks French (through Flask-Babel like the rest)."""

from flask import Blueprint, current_app
from flask_babel import lazy_gettext as _l

bp = Blueprint("agent", __name__, url_prefix="/agent", template_folder="templates",
               static_folder="static", static_url_path="/static")

# The console's menu: (endpoint, label). Another part of the kiosk adds its own page with
# add_console_page("records.console", _l("Registres")) and protects it with
# kiosk.agent.auth.login_required; its templates extend "agent/base.html".
CONSOLE_PAGES: list[tuple[str, object]] = [
    ("agent.board", _l("Bornes")),
    ("agent.learners", _l("Apprenants")),
    ("agent.reports", _l("Rapports")),
]


# The console's settings, with their defaults; like every setting they can be given as
# PASAPAS_<NAME> environment variables or in instance/config.py.
DEFAULTS = {
    "AGENT_SESSION_COOKIE_NAME": "pasapas_agent",
    "AGENT_SESSION_IDLE_SECONDS": 30 * 60,  # no action for this long: logged out
    "AGENT_SESSION_MAX_SECONDS": 8 * 3600,  # logged out after this long, whatever happens
    "AGENT_LOGIN_MAX_FAILURES": 5,  # failed logins of one account or one address…
    "AGENT_LOGIN_LOCK_SECONDS": 15 * 60,  # …within this long lock it for this long
    "AGENT_BOARD_POLL_SECONDS": 2,  # how often the board asks what changed
}


@bp.record_once
def _apply_defaults(state) -> None:
    for name, value in DEFAULTS.items():
        state.app.config.setdefault(name, value)


def add_console_page(endpoint: str, label) -> None:
    if all(existing != endpoint for existing, _label in CONSOLE_PAGES):
        CONSOLE_PAGES.append((endpoint, label))


@bp.app_context_processor
def console_menu():
    def menu():
        return [(endpoint, label) for endpoint, label in CONSOLE_PAGES
                if endpoint in current_app.view_functions]

    return {"console_menu": menu}


# Importing the modules registers their routes.
from kiosk.agent import auth, board, errors, formats, learners, reports, session_log  # noqa: E402,F401
