"""The shuffled keypad of the login page.

Like the real one, it is a 4×4 grid: the ten digits and six blank cells, in a new order at every
display. The page only knows cell numbers; the form posts the cells tapped (``"03,11,07…"``),
never the digits, and the layout stays on the server (in the world) to translate them back.
"""

from __future__ import annotations

import json
import random
import re

CELLS = 16
CODE_LENGTH = 6
_POSTED = re.compile(r"^\d{2}(,\d{2}){0,15}$")


def shuffled_layout(rng: random.Random) -> list[str | None]:
    """Sixteen cells: each digit once, and six blanks (None)."""
    cells: list[str | None] = [str(d) for d in range(10)] + [None] * (CELLS - 10)
    rng.shuffle(cells)
    return cells


def ordered_layout() -> list[str | None]:
    """The accessible alternative: 1 to 9, then 0, in reading order, without blanks between."""
    return [str(d) for d in range(1, 10)] + ["0"] + [None] * (CELLS - 10)


def dump(layout: list[str | None]) -> str:
    return json.dumps(layout)


def load(raw: str | None) -> list[str | None] | None:
    if not raw:
        return None
    layout = json.loads(raw)
    return layout if isinstance(layout, list) and len(layout) == CELLS else None


class ForgedCells(ValueError):
    """The posted cells do not come from the displayed keypad (blank or unknown cell)."""


def digits_from_cells(layout: list[str | None], posted: str | None) -> str:
    """Translate the posted cell numbers back into the digits of the code."""
    raw = (posted or "").strip()
    if not raw:
        return ""
    if not _POSTED.match(raw):
        raise ForgedCells(raw[:40])
    digits = []
    for cell in raw.split(","):
        index = int(cell)
        if index >= CELLS or layout[index] is None:
            raise ForgedCells(cell)
        digits.append(layout[index])
    return "".join(digits)
