"""Languages of the kiosk chrome (Flask-Babel). The replica pages stay in French."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, session
from flask_babel import Babel, get_locale

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

babel = Babel()


def select_locale() -> str:
    lang = session.get("lang")
    return lang if lang in current_app.config["LANGUAGES"] else current_app.config[
        "BABEL_DEFAULT_LOCALE"]


def text_direction() -> str:
    return "rtl" if str(get_locale()) in current_app.config["RTL_LANGUAGES"] else "ltr"


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(LOCALES_DIR))
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def language_context():
        return {
            "current_lang": str(get_locale()),
            "text_direction": text_direction(),
            "languages": current_app.config["LANGUAGES"],
        }
