"""The identifiers the replicas ask for: checked like the real sites, real ones refused."""

from __future__ import annotations

import pytest

from simulator.identifiers import (
    Check,
    check_nir,
    check_numero_fiscal,
    nir_key,
    numero_fiscal_with_key,
)

PERSONA_NIR = "2900593200123" + nir_key("2900593200123")
PERSONA_FISCAL = numero_fiscal_with_key("3023217600")


@pytest.mark.parametrize("typed, expected", [
    (PERSONA_NIR, Check.PERSONA),
    ("2 90 05 93 200 123 " + PERSONA_NIR[-2:], Check.PERSONA),  # as printed on the card
    ("", Check.EMPTY),
    ("29005932001", Check.LENGTH),
    ("2900593200123456", Check.LENGTH),
    ("29005932OO123" + PERSONA_NIR[-2:], Check.CHARACTERS),  # letters O for zeros
    (PERSONA_NIR[:-2] + "00", Check.KEY),
    ("1850575123456" + nir_key("1850575123456"), Check.REAL_LOOKING),
])
def test_nir(typed, expected):
    assert check_nir(typed, PERSONA_NIR) is expected


def test_nir_without_its_key():
    assert check_nir(PERSONA_NIR[:13], PERSONA_NIR, with_key=False) is Check.PERSONA
    assert check_nir(PERSONA_NIR, PERSONA_NIR, with_key=False) is Check.LENGTH


@pytest.mark.parametrize("typed, expected", [
    (PERSONA_FISCAL, Check.PERSONA),
    ("30 23 217 600 053", Check.PERSONA),
    ("302321760005", Check.LENGTH),
    ("30232176000a3", Check.CHARACTERS),
    ("3023217600054", Check.KEY),
    (numero_fiscal_with_key("1234567890"), Check.REAL_LOOKING),
])
def test_numero_fiscal(typed, expected):
    assert check_numero_fiscal(typed, PERSONA_FISCAL) is expected
