"""The shuffled keypad: ten digits and six blanks, cells posted, never digits."""

from __future__ import annotations

import random

import pytest

from simulator.sites.banque import keypad


def test_a_layout_has_each_digit_once_and_six_blanks():
    layout = keypad.shuffled_layout(random.Random(1))
    assert sorted(c for c in layout if c is not None) == [str(d) for d in range(10)]
    assert layout.count(None) == 6


def test_layouts_move_but_a_seed_repeats_them():
    assert keypad.shuffled_layout(random.Random(1)) == keypad.shuffled_layout(random.Random(1))
    assert keypad.shuffled_layout(random.Random(1)) != keypad.shuffled_layout(random.Random(2))


def test_cells_translate_back_to_digits():
    layout = keypad.shuffled_layout(random.Random(3))
    cells = ",".join(f"{layout.index(d):02d}" for d in "482916")
    assert keypad.digits_from_cells(layout, cells) == "482916"


@pytest.mark.parametrize("posted", ["16", "99", "3", "01;02", "01,,02", "-1", "0a"])
def test_forged_cells_are_refused(posted):
    layout = keypad.shuffled_layout(random.Random(3))
    with pytest.raises(keypad.ForgedCells):
        keypad.digits_from_cells(layout, posted)


def test_a_blank_cell_is_forged():
    layout = keypad.shuffled_layout(random.Random(3))
    with pytest.raises(keypad.ForgedCells):
        keypad.digits_from_cells(layout, f"{layout.index(None):02d}")


def test_the_accessible_layout_is_in_order():
    assert [c for c in keypad.ordered_layout() if c] == list("1234567890")


def test_dump_and_load():
    layout = keypad.shuffled_layout(random.Random(4))
    assert keypad.load(keypad.dump(layout)) == layout
    assert keypad.load("[1, 2]") is None and keypad.load(None) is None
