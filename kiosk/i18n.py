"""Languages of the kiosk chrome (Flask-Babel). The replica pages stay in French."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, g, session
from flask_babel import Babel, get_locale, get_translations

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

babel = Babel()


def select_locale() -> str:
    lang = session.get("lang")
    return lang if lang in current_app.config["LANGUAGES"] else current_app.config[
        "BABEL_DEFAULT_LOCALE"]


def text_direction() -> str:
    return "rtl" if str(get_locale()) in current_app.config["RTL_LANGUAGES"] else "ltr"


def _translations():
    """The request's catalog, looked up once: a page says a few dozen things, and Flask-Babel
    finds the catalog again for each (half a millisecond a page, measured: benchmarks/)."""
    found = g.get("_translations")
    if found is None:
        found = g._translations = get_translations()
    return found


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(LOCALES_DIR))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        lambda text: _translations().ugettext(text),
        lambda singular, plural, n: _translations().ungettext(singular, plural, n),
        newstyle=True)

    @app.context_processor
    def language_context():
        return {
            "current_lang": str(get_locale()),
            "text_direction": text_direction(),
            "languages": current_app.config["LANGUAGES"],
        }
