"""The French RIB and the IBAN typed in seven boxes, as the real sites ask for them.

Shared by every replica that takes an IBAN (the bank's new beneficiary, France Travail's
« Mon RIB »): the checks here, the boxes in ``simulator/partials/_iban_boxes.html``, their
behaviour in ``simulator/static/js/sites.js`` (a full box moves on, a pasted IBAN spreads).

Reference: real-sites-and-anchors §0.3 and §1.1.5 (the IBAN split into seven boxes after the
country: 2 check digits, five groups of four, the last three characters).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

# Letters of a French account number count as digits for the RIB key (the historical table).
_RIB_LETTERS = {c: str(v) for v, group in enumerate(
    ["", "AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ"]) for c in group}


def rib_key(bank: str, branch: str, account: str) -> str:
    digits = "".join(_RIB_LETTERS.get(c, c) for c in account.upper())
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(digits)) % 97:02d}"


def french_iban(bank: str, branch: str, account: str) -> str:
    bban = f"{bank}{branch}{account}{rib_key(bank, branch, account)}"
    return f"FR{stdnum_iban.calc_check_digits('FR00' + bban)}{bban}"


def iban_groups(iban: str) -> list[str]:
    """``FR7612345…`` → the groups of four the documents print."""
    return [iban[i : i + 4] for i in range(0, len(iban), 4)]


# The seven boxes for a French IBAN (after the country box): 2 check digits, five groups of
# four, the last three characters. Letters are only allowed where the French account number
# sits (BBAN positions 11–21).
IBAN_BOX_LENGTHS = (2, 4, 4, 4, 4, 4, 3)
_BOX_DIGITS_ONLY = {
    # box number: positions inside the box that must be digits
    1: range(0, 2),
    2: range(0, 4),  # bank code
    3: range(0, 4),  # bank code (1), branch (3)
    4: range(0, 2),  # branch (2), then account number
    7: range(1, 3),  # account number (1), RIB key (2)
}


_ALPHANUMERIC = frozenset(string.ascii_uppercase + string.digits)


@dataclass(frozen=True)
class IbanProblem:
    # incomplete: a box is short or empty; too_long: more than the box holds (a forged form);
    # letters: a letter where only digits go; characters: neither a letter nor a digit;
    # check: the check digits (mod 97) or the RIB key are wrong; format: not a French IBAN.
    reason: str
    box: int | None = None

    @property
    def length(self) -> int:
        """How many characters the box at fault holds (0 when the problem is the whole IBAN)."""
        return IBAN_BOX_LENGTHS[self.box - 1] if self.box else 0

    def message(self) -> str:
        """The real forms' words for this problem (« La case 3 doit contenir 4 caractères »)."""
        return IBAN_MESSAGES[self.reason].format(box=self.box, length=self.length)


# What the real forms say, the same at the bank and at France Travail.
IBAN_MESSAGES = {
    "incomplete": "Veuillez saisir l'IBAN complet. La case {box} doit contenir {length} "
                  "caractères.",
    "too_long": "Le format de l'IBAN est incorrect : la case {box} doit contenir {length} "
                "caractères.",
    "letters": "Le format de l'IBAN est incorrect : la case {box} ne doit contenir que des "
               "chiffres.",
    "characters": "Le format de l'IBAN est incorrect : la case {box} ne doit contenir que des "
                  "chiffres et des lettres.",
    "check": "L'IBAN que vous avez saisi est erroné, veuillez vérifier votre saisie.",
    "format": "L'IBAN que vous avez saisi est erroné, veuillez vérifier votre saisie.",
}


def clean_iban_box(typed: str | None) -> str:
    """What a box holds once spaces are dropped and letters raised, as the real form does."""
    return "".join((typed or "").split()).upper()


def split_iban_boxes(iban: str) -> list[str]:
    """``FR7699503…`` → the seven boxes after the country (to fill the form again)."""
    rest, boxes = iban[2:], []
    for length in IBAN_BOX_LENGTHS:
        boxes.append(rest[:length])
        rest = rest[length:]
    return boxes


def boxes_from_form(form, name: str = "ibans") -> list[str]:
    """The seven boxes as a form posts them: ``ibans1`` … ``ibans7``."""
    return [form.get(f"{name}{n}", "") for n in range(1, len(IBAN_BOX_LENGTHS) + 1)]


def check_iban_boxes(country: str, boxes: list[str]) -> tuple[str | None, IbanProblem | None]:
    """Join and check the typed boxes; returns (IBAN, None) or (None, the problem).

    Boxes are checked in order and the first one at fault is reported, so that the message
    can point at it; only a complete, well-formed IBAN gets its keys checked.
    """
    cleaned = [clean_iban_box(b) for b in boxes]
    if len(cleaned) != len(IBAN_BOX_LENGTHS) or country != "FR":
        return None, IbanProblem("format")
    for number, (box, length) in enumerate(zip(cleaned, IBAN_BOX_LENGTHS, strict=True), 1):
        digit_places = _BOX_DIGITS_ONLY.get(number, ())
        if any(i < len(box) and box[i] not in string.digits for i in digit_places):
            return None, IbanProblem("letters", number)
        if any(c not in _ALPHANUMERIC for c in box):
            return None, IbanProblem("characters", number)
        if len(box) < length:
            return None, IbanProblem("incomplete", number)
        if len(box) > length:
            return None, IbanProblem("too_long", number)
    iban = "FR" + "".join(cleaned)
    try:
        stdnum_iban.validate(iban)
    except ValidationError:
        return None, IbanProblem("check")
    bban = iban[4:]
    if rib_key(bban[:5], bban[5:10], bban[10:21]) != bban[21:]:
        return None, IbanProblem("check")
    return iban, None


def masked_iban(iban: str) -> str:
    """``FR7699502000100004128736402`` → ``FR76 9950 •••• •••• •••• •••6 402`` (lists)."""
    shown = iban[:8] + "•" * (len(iban) - 12) + iban[-4:]
    return " ".join(iban_groups(shown))
