"""The reports' figures, from rows."""

from __future__ import annotations

from types import SimpleNamespace

from kiosk.agent import stats
from kiosk.agent.csv_export import attempts as attempts_csv
from kiosk.agent.formats import decimal_fr


def attempt(status, started, ended, code=None, score=None):
    return {"status": status, "started_at": started, "ended_at": ended, "learner_code": code,
            "score": score}


def test_summary_pass_rate_counts_every_ended_attempt_and_median_only_finished_ones():
    rows = [attempt("passed", 0, 100, "A"), attempt("passed", 0, 300, "A"),
            attempt("failed", 0, 200, "B"), attempt("abandoned", 0, 5000)]
    summary = stats.scenario_summary(rows)
    assert summary["attempts"] == 4 and summary["passed"] == 2
    assert summary["pass_rate"] == 0.5
    assert summary["median_seconds"] == 200
    assert summary["learners"] == 2
    assert stats.scenario_summary([])["pass_rate"] is None


def test_funnel_rows():
    steps = [SimpleNamespace(id="a", instruction={"fr": "Première\nsuite"}),
             SimpleNamespace(id="b", instruction={"fr": "Deuxième"})]
    rows = stats.funnel(steps, {0: {"alone": 3, "hints": 1}, 1: {"mistakes": 2}}, {1: 2})
    assert (rows[0]["label"] == "Première" and rows[0]["done"] == 4
            and rows[0]["alone_share"] == 0.75)
    assert rows[1]["reached"] == 4 and rows[1]["stopped"] == 2 and rows[1]["alone_share"] == 0


def test_usage_groups_sessions():
    sessions = [{"kiosk_id": "b1", "learner_code": "A", "started_at": 0, "ended_at": 60},
                {"kiosk_id": "b1", "learner_code": "A", "started_at": 100, "ended_at": 400},
                {"kiosk_id": "b2", "learner_code": None, "started_at": 0, "ended_at": 30}]
    rows = {r["name"]: r for r in stats.usage(sessions, lambda s: s["kiosk_id"])}
    assert (rows["b1"]["sessions"] == 2 and rows["b1"]["learners"] == 1
            and rows["b1"]["seconds"] == 360)
    assert rows["b2"]["guests"] == 1 and rows["b2"]["mean_seconds"] == 30


def test_french_decimals_and_a_csv_with_quotes_and_semicolons():
    assert decimal_fr(87.5) == "87,5" and decimal_fr(None) == ""
    row = {"id": 1, "learner_code": None, "scenario_id": "x", "site": "banque", "mode": "guide",
           "lang": "fr", "status": "passed", "score": 0.875, "stars": 2, "started_at": 0,
           "ended_at": 90, "steps_done": 2, "hints": 1, "highlights": 0, "mistakes": 0}
    text = attempts_csv([row], lambda _sid: 'Virer « 50 € » ; vite')
    assert text.startswith("\ufeff") and "\r\n" in text
    assert '"Virer « 50 € » ; vite"' in text and ";87,5;2;1,5;" in text
