"""The coach's pure logic: matching events against patterns, and scoring."""

from __future__ import annotations

import pytest

from kiosk.coach.codes import ALPHABET, new_code, normalise
from kiosk.coach.matcher import matches
from kiosk.coach.model import EventPattern
from kiosk.coach.parcours import Parcours
from kiosk.coach.progress import next_scenario, parcours_progress
from kiosk.coach.scoring import StepRecord, passed, scenario_score, stars

TRANSFER = "banque.transfer.confirmed"


def pattern(**kwargs) -> EventPattern:
    return EventPattern.model_validate({"event": TRANSFER, **kwargs})


@pytest.mark.parametrize("conditions, data, expected", [
    ({}, {"amount": 50.0}, True),
    ({"amount": 50}, {"amount": 50.0}, True),
    ({"amount": 50}, {"amount": 50.5}, False),
    ({"from_account": "livret_a"}, {"from_account": "livret_a"}, True),
    ({"from_account": "livret_a"}, {"from_account": "ccp"}, False),
    ({"from_account": ["ccp", "livret_a"]}, {"from_account": "ccp"}, True),
    ({"amount": {"min": 10, "max": 100}}, {"amount": 50.0}, True),
    ({"amount": {"min": 60}}, {"amount": 50.0}, False),
    ({"label": {"contains": "caf"}}, {"label": "VIREMENT DE CAF"}, True),
    ({"to_account": {"not": "ccp"}}, {"to_account": "beneficiaire"}, True),
    ({"deferred": False}, {"deferred": False}, True),
    ({"deferred": False}, {"deferred": 0}, False),
    ({"amount": 50}, {}, False),
])
def test_conditions(conditions, data, expected):
    assert matches(pattern(**conditions), TRANSFER, data) is expected


def test_another_event_never_matches():
    assert not matches(pattern(), "banque.transfer.rejected", {})


def test_a_bad_condition_operator_is_refused():
    with pytest.raises(ValueError, match="min, max, contains, not"):
        pattern(amount={"greater": 5})


def test_step_scores():
    assert StepRecord().score == 1.0 and StepRecord().outcome == "alone"
    assert StepRecord(hint_level=1).outcome == "hints"
    assert StepRecord(hint_level=3).outcome == "highlight" and StepRecord(hint_level=3).highlight
    assert StepRecord(mistakes=1).outcome == "mistakes"
    assert StepRecord(hint_level=1).score < 1.0
    assert StepRecord(hint_level=3).score < StepRecord(hint_level=2).score
    assert (StepRecord(mistakes=10).score == StepRecord(mistakes=3).score
            < StepRecord(mistakes=1).score)
    assert StepRecord(hint_level=3, mistakes=10).score == 0.25  # a step done still counts


def test_scenario_score_stars_and_mastery():
    perfect = [StepRecord(), StepRecord()]
    assert scenario_score(perfect, 2) == 1.0 and stars(1.0, 0.8) == 3 and passed(1.0, 0.8)
    one_missing = [StepRecord()]
    assert scenario_score(one_missing, 2) == 0.5 and stars(0.5, 0.8) == 1
    assert not passed(0.5, 0.8)
    assert stars(0.85, 0.8) == 2 and passed(0.8, 0.8)


def test_parcours_unlocks_in_order():
    parcours = Parcours(id="p", site="banque", title={"fr": "P"}, scenarios=["a", "b", "c"])
    states = [i.state for i in parcours_progress(parcours, {})]
    assert states == ["open", "locked", "locked"]
    items = parcours_progress(parcours, {"a": 3})
    assert [i.state for i in items] == ["done", "open", "locked"] and items[0].stars == 3
    assert next_scenario([parcours], "a", {"a": 3}) == "b"
    assert next_scenario([parcours], "c", {}) is None


def test_learner_codes_have_no_look_alikes():
    for forbidden in "01IOLZ2S5G6B8UV":
        assert forbidden not in ALPHABET
    code = new_code()
    assert len(code) == 7 and code[3] == "-" and normalise(code) == code
    assert normalise(code.lower().replace("-", " ")) == code
    assert normalise("K0F-3XM") is None and normalise("") is None
