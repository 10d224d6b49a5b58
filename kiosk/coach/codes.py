"""Learner codes: short, pseudonymous, easy to read aloud and to copy.

No look-alike characters (0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V): what is printed on the card is
what gets typed. 6 characters from 20 give 64 million codes, shown as ``K7F-3XM``.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "ACDEFHJKMNPRTWXY3479"
LENGTH = 6


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:3]}-{raw[3:]}"


def normalise(typed: str | None) -> str | None:
    """What a learner typed (any case, with or without the dash, spaces) → ``K7F-3XM`` or None."""
    compact = re.sub(r"[\s\-_.]", "", (typed or "").upper())
    if len(compact) != LENGTH or any(c not in ALPHABET for c in compact):
        return None
    return f"{compact[:3]}-{compact[3:]}"
