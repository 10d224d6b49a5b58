"""Scenario files: every shipped one loads; broken ones are reported with file, line, step and
field, and disable only themselves; the JSON schema for editors is current."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from kiosk.coach.checks import check_catalog
from kiosk.coach.loader import SCENARIOS_DIR, load_catalog
from kiosk.coach.model import Scenario

GOOD = SCENARIOS_DIR / "banque" / "banque-connexion.yaml"


def test_every_shipped_scenario_loads_and_checks_clean():
    catalog = load_catalog()
    assert catalog.errors == []
    assert catalog.scenarios
    assert check_catalog(catalog, SCENARIOS_DIR, pages=False) == []


def test_every_scenario_text_speaks_every_shipped_language():
    """Title, goal, skills, instructions, hints, every feedback and the parcours' titles are in
    every language of the kiosk (kiosk.config LANGUAGES: fr, en, ar, tr, pt, ro…)."""
    from kiosk.config import DEFAULTS

    shipped = set(DEFAULTS["LANGUAGES"])
    assert {"fr", "en", "ar", "tr", "pt", "ro"} <= shipped
    catalog = load_catalog()
    for scenario in catalog.scenarios.values():
        texts = [scenario.title, scenario.goal] + [m.feedback for m in scenario.mistakes] + [
            t for s in scenario.steps for t in (
                [s.instruction] + s.hints + [m.feedback for m in s.mistakes]
                + ([s.skill] if s.skill else []))]
        for text in texts:
            assert shipped <= set(text), (scenario.id, sorted(shipped - set(text)), text["fr"])
    for parcours in catalog.parcours:
        assert shipped <= set(parcours.title), (parcours.id, sorted(shipped - set(parcours.title)))


def test_translations_keep_the_lines_and_the_quoted_replica_words():
    """FALC: the coach shows one line per idea, so every language has as many lines as the
    French; and every « quoted » French word of the replica reappears in each translation,
    unless the quote is one of the kiosk's own (translated) buttons."""
    from kiosk.config import DEFAULTS

    # Bidirectional isolate marks (older Arabic texts have some) are not part of the words.
    quoted = re.compile(r"«[\s\u2066-\u2069]*(.*?)[\s\u2066-\u2069]*»")
    for scenario in load_catalog().scenarios.values():
        texts = [scenario.title, scenario.goal] + [m.feedback for m in scenario.mistakes] + [
            t for s in scenario.steps for t in (
                [s.instruction] + s.hints + [m.feedback for m in s.mistakes]
                + ([s.skill] if s.skill else []))]
        for text in texts:
            french_lines = text["fr"].count("\n")
            replica_words = set(quoted.findall(text["fr"])) - KIOSK_BUTTONS
            for lang in DEFAULTS["LANGUAGES"]:
                if lang == "fr" or lang not in text:
                    continue
                assert text[lang].count("\n") == french_lines, (scenario.id, lang, text[lang])
                missing = replica_words - set(quoted.findall(text[lang]))
                assert not missing, (scenario.id, lang, missing, text[lang])


# The kiosk's own buttons, quoted in the learner's language in the scenarios (docs/authoring.md §3).
KIOSK_BUTTONS = {"Lire le message", "Téléphone", "Supprimer", "Signaler comme indésirable",
                 "Signaler", "Messagerie", "Lire le courriel", "Mes documents",
                 "Boîte de réception", "Courrier indésirable", "De :", "Choisir ce document"}


def test_every_shipped_scenario_has_a_mistake_path():
    for scenario in load_catalog().scenarios.values():
        assert scenario.mistake_paths, scenario.id


def test_schema_json_is_current():
    on_disk = json.loads((SCENARIOS_DIR / "schema.json").read_text())
    assert on_disk["properties"] == Scenario.model_json_schema()["properties"], (
        "regenerate it: python run_kiosk.py scenarios schema")


def _folder_with(tmp_path: Path, name: str, text: str) -> Path:
    root = tmp_path / "scenarios"
    (root / "banque").mkdir(parents=True)
    shutil.copy(GOOD, root / "banque" / GOOD.name)
    (root / "banque" / name).write_text(textwrap.dedent(text))
    return root


def _broken(tmp_path: Path, change) -> Path:
    """The good scenario with one line changed, saved under another id."""
    text = GOOD.read_text().replace("id: banque-connexion", "id: casse", 1)
    return _folder_with(tmp_path, "casse.yaml", change(text))


def test_bad_yaml_names_the_file_and_the_line(tmp_path):
    root = _broken(tmp_path, lambda t: t.replace("level: 1", "level: [1", 1))
    catalog = load_catalog(root)
    assert list(catalog.scenarios) == ["banque-connexion"]  # the others still load
    (error,) = catalog.errors
    assert error.file == "scenarios/banque/casse.yaml" and error.line is not None
    assert "not valid YAML" in error.message


def test_an_unknown_key_is_refused_with_what_was_expected(tmp_path):
    root = _broken(tmp_path, lambda t: t.replace("  - id: deconnexion\n",
                                                 "  - id: deconnexion\n    astuce: oups\n", 1))
    (error,) = load_catalog(root).errors
    assert "step 2 « deconnexion »" in error.message
    assert "unknown field 'astuce'" in error.message and "expected one of" in error.message
    assert "instruction" in error.message
    lines = (root / "banque" / "casse.yaml").read_text().splitlines()
    assert lines[error.line - 1].strip() == "astuce: oups"


def test_a_locale_map_without_french_is_refused(tmp_path):
    root = _broken(tmp_path, lambda t: t.replace(
        '  fr: "Se connecter à son espace bancaire, puis se déconnecter"\n', "", 1))
    (error,) = load_catalog(root).errors
    assert "field title" in error.message and "French text (fr) is required" in error.message


def test_plain_text_instead_of_a_locale_map_is_explained(tmp_path):
    # The whole title map (every language) becomes one plain string.
    root = _broken(tmp_path, lambda t: re.sub(r"title:\n(  [a-z]{2}: .*\n)+",
                                              'title: "Se connecter"\n', t, count=1))
    (error,) = load_catalog(root).errors
    assert "field title" in error.message and "map of languages" in error.message


def test_an_unknown_event_is_reported_by_the_check(tmp_path):
    root = _broken(tmp_path,
                   lambda t: t.replace("event: banque.logout", "event: banque.log_out", 1))
    catalog = load_catalog(root)
    (problem,) = check_catalog(catalog, root, pages=False)
    assert "step 2 « deconnexion »" in problem.message and "banque.log_out" in problem.message
    assert "docs/events.md" in problem.message and problem.line


def test_an_unknown_event_field_is_reported(tmp_path):
    root = _broken(tmp_path, lambda t: t.replace("reason: wrong_code", "raison: wrong_code", 1))
    (problem,) = check_catalog(load_catalog(root), root, pages=False)
    assert "has no field 'raison'" in problem.message and "reason" in problem.message


def test_an_unknown_persona_is_reported(tmp_path):
    root = _broken(tmp_path, lambda t: t.replace("persona: martine", "persona: gerard", 1))
    problems = check_catalog(load_catalog(root), root, pages=False)
    assert any("no persona 'gerard'" in p.message for p in problems)


def test_a_target_missing_from_its_page_is_reported(tmp_path):
    root = _broken(tmp_path, lambda t: t.replace('selector: "#identifiant"',
                                                 'selector: "#nulle-part"', 1))
    problems = check_catalog(load_catalog(root), root)
    assert [p.scenario_id for p in problems] == ["casse"]
    assert "'#nulle-part' is not on the page /sites/banque/connexion" in problems[0].message


def test_the_file_name_must_be_the_id(tmp_path):
    root = _folder_with(tmp_path, "autre-nom.yaml", GOOD.read_text())
    errors = load_catalog(root).errors
    assert any("expected 'autre-nom'" in e.message for e in errors)


@pytest.mark.parametrize("command", [["scenarios", "check", "--no-pages"]])
def test_the_check_command_exits_1_with_the_messages(tmp_path, capsys, command):
    import run_kiosk

    root = _broken(tmp_path, lambda t: t.replace("level: 1", "level: 7", 1))
    assert run_kiosk.main(command[:2] + [str(root)] + command[2:]) == 1
    err = capsys.readouterr().err
    assert "scenarios/banque/casse.yaml, line 5" in err and "field level" in err
    assert run_kiosk.main(["scenarios", "check", str(SCENARIOS_DIR), "--no-pages"]) == 0
