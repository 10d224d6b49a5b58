"""Kiosk-styled error pages: a learner never sees a traceback, always a way home."""

from __future__ import annotations

import sqlite3

from flask import Flask
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from kiosk import storage
from simulator import htmx


def _page(status: int, title: str, explanation: str):
    response = htmx.render(
        "errors/error.html", status=status, status_code=status, title=title,
        explanation=explanation,
    )
    if htmx.is_htmx():
        # htmx swaps error responses too (see htmx-config); the whole page is replaced.
        response.headers["HX-Retarget"] = "body"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


def bad_request(_error):
    return _page(400, _("Cette demande n'a pas pu être traitée."),
                 _("La page a peut-être expiré. Rien n'a été enregistré. Vous pouvez recommencer."))


def not_found(_error):
    return _page(404, _("Cette page n'existe pas."),
                 _("Le lien est peut-être ancien. Revenez à l'accueil pour continuer."))


def method_not_allowed(_error):
    return bad_request(_error)


def too_large(_error):
    return _page(413, _("Ce que vous avez envoyé est trop long."),
                 _("Rien n'a été enregistré. Revenez en arrière et raccourcissez votre texte."))


def server_error(error):
    # An error met before a view ran (the session could not be read) arrives here, wrapped.
    original = getattr(error, "original_exception", None)
    if storage.is_storage_error(original):
        page = storage.response_for(original)
        if page is not None:
            return page
    return _page(500, _("Un problème est survenu."),
                 _("Ce n'est pas de votre faute. Rien n'a été perdu. Revenez à l'accueil ou "
                   "appelez le conseiller."))


def storage_error(error: Exception):
    """The disk is full, a database is damaged or locked: « La borne a besoin d'un moment »."""
    if not storage.is_storage_error(error):
        raise error
    page = storage.response_for(error)
    if page is None:  # the storage is sound: the code failed, the ordinary 500 (and its log)
        raise error
    return page


def any_http_error(error: HTTPException):
    if error.code and error.code >= 500:
        return server_error(error)
    return bad_request(error)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, bad_request)
    app.register_error_handler(400, bad_request)
    app.register_error_handler(404, not_found)
    app.register_error_handler(405, method_not_allowed)
    app.register_error_handler(413, too_large)
    app.register_error_handler(InternalServerError, server_error)
    app.register_error_handler(sqlite3.DatabaseError, storage_error)
    app.register_error_handler(OSError, storage_error)
    app.register_error_handler(HTTPException, any_http_error)
