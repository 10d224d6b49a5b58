"""Every string of the kiosk chrome is in every shipped language's catalog."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translations)


def test_every_template_string_is_translated_in_every_shipped_language(tmp_path):
    pot = tmp_path / "messages.pot"
    translations.extract(pot)
    assert translations.missing(pot) == {}, "run `make translations` and translate what it lists"


def test_every_shipped_language_has_a_catalog():
    from kiosk.config import DEFAULTS

    for lang in DEFAULTS["LANGUAGES"]:
        assert (ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po").exists(), lang
