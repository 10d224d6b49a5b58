"""« Par où commencer ? »: the rules of scenarios/diagnostic.yaml, as trainers read them, and
the file's errors with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.coach.loader import SCENARIOS_DIR, load_catalog
from kiosk.diagnostic import rules
from kiosk.diagnostic.model import load

SHIPPED = load(SCENARIOS_DIR / "diagnostic.yaml")
PARCOURS = load_catalog().parcours
PARCOURS_IDS = {p.id for p in PARCOURS}


def everything(outcome: str) -> dict[str, str]:
    return {task.id: outcome for task in SHIPPED.diagnostic.tasks}


def proposed(outcomes: dict[str, str], answers: dict[str, str]) -> list[tuple[str, str, str]]:
    diagnostic = SHIPPED.diagnostic
    asked = rules.questions_asked(diagnostic, PARCOURS)
    return [(p.parcours, p.mode, p.rule)
            for p in rules.propose(diagnostic, outcomes, answers, asked, PARCOURS_IDS)]


def test_the_shipped_file_loads_and_every_text_speaks_every_language():
    from kiosk.config import DEFAULTS

    assert SHIPPED.errors == []
    diagnostic = SHIPPED.diagnostic
    texts = ([t.instruction for t in diagnostic.tasks] + [t.gesture for t in diagnostic.tasks]
             + [q.text for q in diagnostic.questions] + [r.why for r in diagnostic.rules]
             + [diagnostic.default.why])
    for text in texts:
        assert set(DEFAULTS["LANGUAGES"]) <= set(text), text["fr"]
        for lang in DEFAULTS["LANGUAGES"]:
            assert text[lang].count("\n") == text["fr"].count("\n"), (lang, text[lang])


@pytest.mark.parametrize(("done", "wrong", "seconds", "expected"), [
    (True, 0, 12, "a_l_aise"), (True, 0, 60, "a_l_aise"), (True, 0, 61, "hesitant"),
    (True, 1, 5, "hesitant"), (False, 0, 3, "pas_encore"), (False, 4, 300, "pas_encore"),
])
def test_what_a_task_showed(done, wrong, seconds, expected):
    assert rules.task_outcome(done=done, wrong=wrong, seconds=seconds,
                              quick_seconds=60) == expected


def test_only_the_procedures_whose_parcours_exists_are_asked():
    asked = rules.questions_asked(SHIPPED.diagnostic, PARCOURS)
    assert [(q.id, q.parcours) for q in asked][0] == ("banque", "premiers-pas-banque")
    sites = {p.site for p in PARCOURS}
    assert {q.id for q in asked} == {q.id for q in SHIPPED.diagnostic.questions
                                     if q.site in sites}


def test_everything_done_easily_and_known_proposes_the_bank_to_practise_alone():
    assert proposed(everything("a_l_aise"), {"banque": "sait"}) == [
        ("premiers-pas-banque", "entrainement", "demarche-connue")]


def test_everything_hesitant_or_unknown_proposes_the_gestures_then_the_bank_guided():
    assert proposed(everything("pas_encore"), {"banque": "ne_sait_pas"}) == [
        ("premiers-gestes", "guide", "gestes-avec-le-guide"),
        ("premiers-pas-banque", "guide", "demarche-a-decouvrir")]
    assert proposed(everything("hesitant"), {"banque": "pas_sur"})[0][:2] == (
        "premiers-gestes", "guide")


def test_a_few_gestures_to_practise_propose_entrainement():
    outcomes = everything("a_l_aise") | {"ecrire": "hesitant", "defiler": "pas_encore"}
    assert proposed(outcomes, {"banque": "sait"}) == [
        ("premiers-gestes", "entrainement", "gestes-pour-s-entrainer"),
        ("premiers-pas-banque", "entrainement", "demarche-connue")]


def test_the_fake_sms_not_spotted_brings_the_bank_parcours_even_to_who_knows_the_rest():
    outcomes = everything("a_l_aise") | {"faux-sms": "hesitant"}
    assert ("premiers-pas-banque", "guide", "se-proteger-des-arnaques") in proposed(
        outcomes, {})


def test_never_more_than_two_and_never_twice_the_same_parcours():
    found = proposed(everything("pas_encore"), {"banque": "ne_sait_pas"})
    assert len(found) <= 2
    assert len({p for p, _mode, _rule in found}) == len(found)


def test_stopped_before_anything_gets_the_default():
    assert proposed({}, {}) == [("premiers-gestes", "guide", "gestes-avec-le-guide")]


def test_a_rule_naming_an_unknown_task_is_reported_with_its_line(tmp_path: Path):
    text = (SCENARIOS_DIR / "diagnostic.yaml").read_text(encoding="utf-8").replace(
        "task: {faux-sms:", "task: {faux-messages:")
    broken = tmp_path / "diagnostic.yaml"
    broken.write_text(text, encoding="utf-8")
    loaded = load(broken)
    assert loaded.diagnostic is None
    assert any("no task 'faux-messages'" in e and "scenarios/diagnostic.yaml" in e
               for e in loaded.errors), loaded.errors


def test_an_unknown_field_is_reported_with_file_line_and_field(tmp_path: Path):
    text = (SCENARIOS_DIR / "diagnostic.yaml").read_text(encoding="utf-8").replace(
        "quick_seconds: 60", "quick_seconds: 60\nvitesse: 3")
    broken = tmp_path / "diagnostic.yaml"
    broken.write_text(text, encoding="utf-8")
    loaded = load(broken)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("vitesse"))
    assert loaded.errors == [f"scenarios/diagnostic.yaml, line {line}: field vitesse: "
                             "extra inputs are not permitted"]


def test_a_wrong_mode_is_reported(tmp_path: Path):
    text = (SCENARIOS_DIR / "diagnostic.yaml").read_text(encoding="utf-8").replace(
        "propose: {parcours: premiers-gestes, mode: guide}\n    why:",
        "propose: {parcours: premiers-gestes, mode: autonome}\n    why:", 1)
    broken = tmp_path / "diagnostic.yaml"
    broken.write_text(text, encoding="utf-8")
    loaded = load(broken)
    assert any("rules.0.propose.mode" in e and "line" in e for e in loaded.errors), loaded.errors


def test_the_check_names_an_unknown_event_and_an_unknown_parcours(tmp_path: Path):
    from kiosk.diagnostic.checks import check_diagnostic

    assert check_diagnostic(SCENARIOS_DIR / "diagnostic.yaml", load_catalog()) == []
    text = (SCENARIOS_DIR / "diagnostic.yaml").read_text(encoding="utf-8").replace(
        "gestes.hours.viewed, day: samedi}", "gestes.hours.chosen, day: samedi}").replace(
        "propose: {parcours: premiers-gestes, mode: guide}\n    why:",
        "propose: {parcours: premiers-clics, mode: guide}\n    why:", 1)
    broken = tmp_path / "diagnostic.yaml"
    broken.write_text(text, encoding="utf-8")
    problems = check_diagnostic(broken, load_catalog())
    assert any("'gestes.hours.chosen' is not an event" in p for p in problems), problems
    assert any("no parcours 'premiers-clics'" in p for p in problems), problems
