"""The French identifiers the replicas ask for, checked as the real sites check them
(python-stdnum), and the kiosk's rule about real ones.

A learner may type their *own* numéro de sécurité sociale or numéro fiscal out of habit. A number
that is valid but is not the persona's is refused with a coaching message and never stored or
logged: the kiosk is for practice with the numbers on the persona's card only.
"""

from __future__ import annotations

import re
from enum import Enum

from stdnum.exceptions import ValidationError
from stdnum.fr import nif, nir


class Check(Enum):
    PERSONA = "persona"  # the persona's own number: go on
    EMPTY = "empty"
    LENGTH = "length"  # too short or too long
    CHARACTERS = "characters"  # something else than digits (and 2A/2B for Corsica)
    KEY = "key"  # the right shape, the wrong check digits: a typing mistake
    REAL_LOOKING = "real_looking"  # a valid number that is not the persona's: maybe the learner's


def compact(typed: str | None) -> str:
    """What was typed, without spaces, dots or dashes, in capitals (« 2A » of Corsica)."""
    return re.sub(r"[\s.\-\u00a0\u202f]", "", typed or "").upper()


def check_nir(typed: str | None, persona_nir: str, *, with_key: bool = True) -> Check:
    """A numéro de sécurité sociale: 13 digits, and the 2-digit key when ``with_key`` (15)."""
    number = compact(typed)
    expected = compact(persona_nir)
    length = 15 if with_key else 13
    if not number:
        return Check.EMPTY
    if not re.fullmatch(r"[0-9AB]+", number) or re.search(r"[AB]", number[:5] + number[6:]):
        return Check.CHARACTERS
    if len(number) != length:
        return Check.LENGTH
    if number == expected[:length]:
        return Check.PERSONA
    if with_key:
        try:
            nir.validate(number)
        except ValidationError:
            return Check.KEY
    return Check.REAL_LOOKING


def check_numero_fiscal(typed: str | None, persona_number: str) -> Check:
    """A numéro fiscal: 13 digits, starting with 0 to 3, with its check digits."""
    number = compact(typed)
    if not number:
        return Check.EMPTY
    if not number.isdigit():
        return Check.CHARACTERS
    if len(number) != 13:
        return Check.LENGTH
    if number == compact(persona_number):
        return Check.PERSONA
    try:
        nif.validate(number)
    except ValidationError:
        return Check.KEY
    return Check.REAL_LOOKING


def nir_key(first_13: str) -> str:
    """The 2-digit key of a NIR (to build fictional ones that pass the real check)."""
    return nir.calc_check_digits(compact(first_13))


def numero_fiscal_with_key(first_10: str) -> str:
    """A 13-digit numéro fiscal from its first 10 digits (fictional personas)."""
    return first_10 + nif.calc_check_digits(first_10)


# The coaching message shown when a real-looking number is typed (in the learner's language it
# comes from the coach; on the replica page, in French like the page).
REAL_NUMBER_MESSAGE = ("Attention : ce numéro n'est pas celui de la fiche. N'écrivez jamais vos "
                       "vrais numéros sur cette borne. Recopiez le numéro de la fiche.")
