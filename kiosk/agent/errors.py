"""The console's own error pages: an adviser who followed an old link gets the console's
menu and a plain explanation, never a traceback and never the learners' home page."""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from kiosk.agent import bp


def _page(status: int, title: str, explanation: str):
    return render_template("agent/error.html", status=status, title=title,
                           explanation=explanation), status


@bp.errorhandler(CSRFError)
def expired_form(_error):
    return _page(400, _("Ce formulaire a expiré."),
                 _("Rien n'a été enregistré. Rechargez la page et recommencez."))


def http_error(error: HTTPException):
    if error.code == 404:
        return _page(404, _("Cette page n'existe pas."),
                     _("La borne, le code ou l'exercice n'existe peut-être plus."))
    if error.code and error.code >= 500:
        return _page(500, _("Un problème est survenu."), _("Rien n'a été perdu. Réessayez."))
    return _page(error.code or 400, _("Cette demande n'a pas pu être traitée."),
                 _("Rien n'a été enregistré. Revenez en arrière et recommencez."))


# By code: the app's own handlers are registered by code, and Flask looks at codes first.
for _code in (400, 403, 404, 405, 413, 429, 500):
    bp.register_error_handler(_code, http_error)


@bp.route("/<path:_unknown>")
def unknown_page(_unknown: str):
    """Any other address under /agent/: the console's 404, not the learners'."""
    abort(404)
