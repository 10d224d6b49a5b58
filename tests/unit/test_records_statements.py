"""The xAPI statements of an attempt: ADL verb IRIs, cmi5 rules, ISO 8601 durations, scores,
and nothing that identifies a person."""

from __future__ import annotations

import json
import re

import pytest

from kiosk.records import statements as xapi

FACTS = xapi.AttemptFacts(
    homepage="https://kiosque.example.org", actor_name="K7F-3XM",
    registration="5b0c6f0e-2a1e-4d8f-9a8e-0f3f4b8c2d11",
    session_id="0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", scenario_id="banque-connexion",
    scenario_title={"fr": "Se connecter", "ar": "تسجيل الدخول"}, mastery=0.8, mode="guide",
    site="banque", lang="ar")

STEP = xapi.StepFacts(index=0, step_id="connexion", name={"fr": "Se connecter"}, hint_level=3,
                      highlight=True, mistakes=2, critical=False, outcome="highlight",
                      seconds=75.25)


def all_statements() -> dict[str, dict]:
    return {
        "initialized": xapi.initialized(FACTS),
        "interacted": xapi.step_done(FACTS, STEP),
        "completed": xapi.completed(FACTS, 372.5),
        "passed": xapi.judged(FACTS, 0.85, 372.5, passed=True),
        "failed": xapi.judged(FACTS, 0.5, 372.5, passed=False),
        "terminated": xapi.terminated(FACTS, 373),
        "abandoned": xapi.abandoned(FACTS, 40, "expired"),
    }


def test_verb_iris_are_exactly_adls():
    built = {name: s["verb"]["id"] for name, s in all_statements().items()}
    assert built == {
        "initialized": "http://adlnet.gov/expapi/verbs/initialized",
        "interacted": "http://adlnet.gov/expapi/verbs/interacted",
        "completed": "http://adlnet.gov/expapi/verbs/completed",
        "passed": "http://adlnet.gov/expapi/verbs/passed",
        "failed": "http://adlnet.gov/expapi/verbs/failed",
        "terminated": "http://adlnet.gov/expapi/verbs/terminated",
        "abandoned": "https://w3id.org/xapi/adl/verbs/abandoned",
    }
    assert all(set(s["verb"]["display"]) == {"en-US", "fr-FR"} for s in all_statements().values())


@pytest.mark.parametrize(("seconds", "expected"), [
    (0, "PT0S"), (0.004, "PT0S"), (0.01, "PT0.01S"), (5, "PT5S"), (12.5, "PT12.5S"),
    (59.999, "PT1M"), (60, "PT1M"), (372.5, "PT6M12.5S"), (3600, "PT1H"),
    (3723.456, "PT1H2M3.46S"), (-3, "PT0S"), (90061, "PT25H1M1S"),
])
def test_durations_are_iso_8601_with_hundredths(seconds, expected):
    assert xapi.iso_duration(seconds) == expected


def test_every_duration_matches_the_iso_8601_pattern():
    pattern = re.compile(r"^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$")
    for statement in all_statements().values():
        duration = statement.get("result", {}).get("duration")
        if duration:
            assert pattern.match(duration) and duration != "PT"


def test_duration_is_on_every_statement_cmi5_requires_it_on():
    for name in ("completed", "passed", "failed", "terminated", "abandoned"):
        assert all_statements()[name]["result"]["duration"]
    assert "result" not in all_statements()["initialized"]


def test_a_score_only_on_passed_and_failed():
    built = all_statements()
    assert built["passed"]["result"] == {"score": {"scaled": 0.85}, "success": True,
                                         "duration": "PT6M12.5S"}
    assert built["failed"]["result"]["score"] == {"scaled": 0.5}
    assert built["failed"]["result"]["success"] is False
    for name in ("initialized", "interacted", "completed", "terminated", "abandoned"):
        assert "score" not in built[name].get("result", {}), name


def test_a_score_that_contradicts_the_verb_is_left_out():
    # An irreversible mistake on the last step: failed, although the steps done score 0.8.
    failed = xapi.judged(FACTS, 0.8, 100, passed=False)
    assert "score" not in failed["result"] and failed["result"]["success"] is False
    assert xapi.judged(FACTS, 1.3, 100, passed=True)["result"]["score"] == {"scaled": 1.0}


def test_completion_only_on_completed_and_moveon_category_with_success_or_completion():
    built = all_statements()
    assert built["completed"]["result"]["completion"] is True
    for name, statement in built.items():
        categories = [c["id"] for c in statement["context"].get("contextActivities", {})
                      .get("category", [])]
        carries = {"success", "completion"} & set(statement.get("result", {}))
        if name == "interacted":
            assert categories == []  # a « cmi5 allowed » statement
            continue
        assert xapi.CMI5_CATEGORY in categories, name
        assert (xapi.CMI5_MOVEON in categories) == bool(carries), name


def test_the_step_statement_carries_the_coachs_measures():
    step = all_statements()["interacted"]
    home = FACTS.homepage
    scenario = f"{home}/xapi/activities/scenario/banque-connexion"
    assert step["object"]["id"] == f"{scenario}/step/connexion"
    assert step["object"]["definition"]["type"] == xapi.ACTIVITY_INTERACTION
    assert step["context"]["contextActivities"]["parent"][0]["id"] == (
        f"{home}/xapi/activities/scenario/banque-connexion")
    assert step["result"] == {"success": True, "duration": "PT1M15.25S", "extensions": {
        f"{home}/xapi/extensions/hints-used": 3, f"{home}/xapi/extensions/highlight": True,
        f"{home}/xapi/extensions/mistakes": 2, f"{home}/xapi/extensions/critical-mistake": False,
        f"{home}/xapi/extensions/outcome": "highlight"}}
    critical = xapi.step_done(FACTS, xapi.StepFacts(**{**STEP.__dict__, "critical": True}))
    assert critical["result"]["success"] is False


def test_context_registration_session_mastery_mode_and_site():
    for statement in all_statements().values():
        context = statement["context"]
        assert context["registration"] == FACTS.registration
        assert context["language"] == "ar"
        assert context["extensions"][xapi.CMI5_SESSIONID] == FACTS.session_id
        assert context["extensions"][xapi.CMI5_MASTERYSCORE] == 0.8
        assert context["extensions"]["https://kiosque.example.org/xapi/extensions/mode"] == "guide"
        assert context["extensions"]["https://kiosque.example.org/xapi/extensions/site"] == "banque"


def test_the_actor_is_an_account_on_the_home_page_and_nothing_else():
    for statement in all_statements().values():
        assert statement["actor"] == {"objectType": "Agent", "account": {
            "homePage": "https://kiosque.example.org", "name": "K7F-3XM"}}
        text = json.dumps(statement)
        assert "mbox" not in text and '"name": "K7F-3XM"' in text


def test_the_abandon_reason_is_an_extension():
    abandoned = all_statements()["abandoned"]
    assert abandoned["result"]["extensions"] == {
        "https://kiosque.example.org/xapi/extensions/end-reason": "expired"}


def test_stamped_puts_the_id_and_a_utc_timestamp_in_milliseconds():
    statement = xapi.stamped(xapi.initialized(FACTS), "7ccd3322-e1a5-411a-a67d-6a735c76f119",
                             1795687200.1234)
    assert statement["id"] == "7ccd3322-e1a5-411a-a67d-6a735c76f119"
    assert statement["timestamp"] == "2026-11-26T10:00:00.123+00:00"


# --- « Par où commencer ? » ---------------------------------------------------------------------

DIAG = xapi.DiagnosticFacts(homepage="https://kiosque.example.org", actor_name="K7F-3XM",
                            registration="5b0c6f0e-2a1e-4d8f-9a8e-0f3f4b8c2d12",
                            session_id="0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0fa", lang="ar")


def diagnostic_statements() -> dict[str, dict]:
    return {
        "initialized": xapi.diagnostic_started(DIAG),
        "attempted": xapi.diagnostic_task(DIAG, "toucher", {"fr": "Toucher un bouton"},
                                          "hesitant", 2, 41.5),
        "answered": xapi.diagnostic_answer(DIAG, "banque", {"fr": "Aller sur le site…"},
                                           "ne_sait_pas"),
        "completed": xapi.diagnostic_completed(DIAG, 372.5, [
            {"parcours": "premiers-gestes", "mode": "guide", "rule": "gestes-avec-le-guide"}]),
        "terminated": xapi.diagnostic_terminated(DIAG, 373, "stopped"),
    }


def test_the_diagnostic_speaks_adl_verbs_about_its_own_activities():
    built = diagnostic_statements()
    assert {name: s["verb"]["id"] for name, s in built.items()} == {
        name: f"http://adlnet.gov/expapi/verbs/{name}" for name in built}
    home = "https://kiosque.example.org/xapi/activities/diagnostic"
    assert built["initialized"]["object"]["id"] == home
    assert built["initialized"]["object"]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/assessment")
    assert built["attempted"]["object"]["id"] == f"{home}/task/toucher"
    assert built["attempted"]["object"]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/performance")
    assert built["answered"]["object"]["id"] == f"{home}/question/banque"
    for name in ("attempted", "answered"):
        assert built[name]["context"]["contextActivities"]["parent"][0]["id"] == home


def test_a_task_says_what_it_showed_and_never_scores():
    task = diagnostic_statements()["attempted"]["result"]
    assert task == {"success": True, "completion": True, "response": "hesitant",
                    "duration": "PT41.5S",
                    "extensions": {"https://kiosque.example.org/xapi/extensions/wrong-taps": 2}}
    skipped = xapi.diagnostic_task(DIAG, "ecrire", {"fr": "Écrire"}, "pas_encore", 0, 3)
    assert skipped["result"]["success"] is False and skipped["result"]["completion"] is False
    assert all("score" not in s.get("result", {}) for s in diagnostic_statements().values())


def test_an_answer_is_a_choice_interaction():
    answered = diagnostic_statements()["answered"]
    definition = answered["object"]["definition"]
    assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert definition["interactionType"] == "choice"
    assert [c["id"] for c in definition["choices"]] == ["sait", "pas_sur", "ne_sait_pas"]
    assert answered["result"] == {"response": "ne_sait_pas"}


def test_the_proposal_rides_on_completed_and_the_reason_on_terminated():
    built = diagnostic_statements()
    assert built["completed"]["result"]["completion"] is True
    assert built["completed"]["result"]["extensions"] == {
        "https://kiosque.example.org/xapi/extensions/proposal": [
            {"parcours": "premiers-gestes", "mode": "guide", "rule": "gestes-avec-le-guide"}]}
    assert built["terminated"]["result"] == {
        "duration": "PT6M13S",
        "extensions": {"https://kiosque.example.org/xapi/extensions/end-reason": "stopped"}}


def test_the_diagnostic_names_no_one():
    for statement in diagnostic_statements().values():
        assert statement["actor"] == {"objectType": "Agent", "account": {
            "homePage": "https://kiosque.example.org", "name": "K7F-3XM"}}
        assert statement["context"]["registration"] == DIAG.registration
        assert statement["context"]["language"] == "ar"
        text = json.dumps(statement, ensure_ascii=False)
        assert "mbox" not in text and "@" not in text
