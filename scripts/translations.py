#!/usr/bin/env python3
"""Extract the kiosk chrome's strings and merge them into every language's catalog.

    .venv/bin/python scripts/translations.py          # extract + update every catalog
    .venv/bin/python scripts/translations.py --check  # exit 1 if a catalog lacks a string

French is the source language (msgids are French): its catalog simply repeats each msgid, so
that every shipped language has a complete catalog. The other languages are translated by hand
in locales/<lang>/LC_MESSAGES/messages.po; `make catalogs` compiles them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
POT = LOCALES / "messages.pot"
BIN = Path(sys.executable).parent


def pybabel(*args: str) -> None:
    subprocess.run([str(BIN / "pybabel"), "-q", *args], cwd=ROOT, check=True)


def languages() -> list[str]:
    from kiosk.config import DEFAULTS

    return list(DEFAULTS["LANGUAGES"])


def extract(pot: Path = POT) -> None:
    pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--no-location",
            "--sort-output", "--omit-header", "-o", str(pot), ".")


def update(lang: str) -> None:
    po = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    if po.exists():
        pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", "-w", "100", "-i", str(POT),
                "-d", str(LOCALES), "-l", lang)
    else:
        pybabel("init", "-w", "100", "-i", str(POT), "-d", str(LOCALES), "-l", lang)
    if lang == "fr":
        with po.open("rb") as f:
            catalog = read_po(f, locale="fr")
        for message in catalog:
            if message.id:
                message.string = message.id
        with po.open("wb") as f:
            write_po(f, catalog, omit_header=False, width=100)


def missing(pot: Path = POT) -> dict[str, list[str]]:
    """Strings of the templates and code that a catalog does not translate."""
    with pot.open("rb") as f:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    gaps = {}
    for lang in languages():
        po = LOCALES / lang / "LC_MESSAGES" / "messages.po"
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
        done = set()
        for m in catalog:
            if not m.id or m.fuzzy:
                continue
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if all(strings):
                done.add(m.id if isinstance(m.id, str) else m.id[0])
        if wanted - done:
            gaps[lang] = sorted(wanted - done)
    return gaps


def main() -> int:
    extract()
    if "--check" not in sys.argv:
        for lang in languages():
            update(lang)
    gaps = missing()
    for lang, strings in gaps.items():
        print(f"{lang}: {len(strings)} string(s) to translate", file=sys.stderr)
        for s in strings:
            print(f"    {s!r}", file=sys.stderr)
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
