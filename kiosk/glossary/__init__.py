"""« Mots à comprendre »: the French administrative words of the page on screen, explained in
the learner's language, in the side panel beside the replica (glossary.yaml, detect.py)."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import get_locale

from kiosk.glossary.detect import glossary

bp = Blueprint("glossary", __name__, template_folder="templates")


@bp.app_template_global("glossary_words")
def glossary_words(replica_html: str) -> list[dict]:
    """The words of the glossary the replica page shows, each with its explanation in the
    learner's language (French when a language lacks one)."""
    lang = str(get_locale())
    return [{"id": word.id, "word": word.word, "text": word.explanation(lang)}
            for word in glossary().find_in_html(replica_html)]
