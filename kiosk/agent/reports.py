"""Reports: each exercise (attempts, pass rate, median time, the step funnel), the use of the
kiosks per period and per kiosk, and the CSV exports behind them."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

from flask import abort, current_app, render_template, request
from markupsafe import Markup

from kiosk.agent import bp, charts, csv_export, report_store, stats
from kiosk.agent.auth import login_required
from kiosk.database import get_db

GROUPINGS = {"jour": "par jour", "semaine": "par semaine", "mois": "par mois"}


def _catalog():
    return current_app.extensions["pasapas.catalog"]


def _period() -> tuple[float, float, dict]:
    """The « du … au … » filter (both days included); empty means since the start / until now."""
    shown = {"du": request.args.get("du", ""), "au": request.args.get("au", ""), "error": None}
    since, until = 0.0, time.time() + 86400
    try:
        if shown["du"]:
            start = date.fromisoformat(shown["du"])
            since = datetime.combine(start, datetime.min.time()).timestamp()
        if shown["au"]:
            end = date.fromisoformat(shown["au"]) + timedelta(days=1)
            until = datetime.combine(end, datetime.min.time()).timestamp()
    except ValueError:
        shown["error"] = True
        since, until = 0.0, time.time() + 86400
    return since, until, shown


def _title(scenario_id: str) -> str:
    scenario = _catalog().scenarios.get(scenario_id)
    return scenario.title["fr"] if scenario else scenario_id


@bp.get("/rapports")
@login_required
def reports():
    since, until, period = _period()
    attempts = report_store.attempts(get_db(), since, until)
    by_scenario: dict[str, list[dict]] = {}
    for attempt in attempts:
        by_scenario.setdefault(attempt["scenario_id"], []).append(attempt)
    rows = [{"id": sid, "title": _title(sid), **stats.scenario_summary(items)}
            for sid, items in sorted(by_scenario.items(), key=lambda kv: _title(kv[0]))]
    return render_template("agent/reports.html", rows=rows, period=period,
                           total=stats.scenario_summary(attempts),
                           broken=current_app.extensions["pasapas.catalog"].errors)


def _funnel(scenario, since: float, until: float) -> list[dict]:
    db = get_db()
    return stats.funnel(scenario.steps,
                        report_store.step_outcomes(db, scenario.id, since, until),
                        report_store.stopped_at(db, scenario.id, since, until))


@bp.get("/rapports/exercices/<scenario_id>")
@login_required
def scenario_report(scenario_id: str):
    scenario = _catalog().scenarios.get(scenario_id) or abort(404)
    since, until, period = _period()
    attempts = report_store.attempts(get_db(), since, until, scenario_id)
    funnel = _funnel(scenario, since, until)
    return render_template("agent/scenario_report.html", scenario=scenario, period=period,
                           summary=stats.scenario_summary(attempts), funnel=funnel,
                           chart=Markup(charts.funnel(funnel)) if attempts else "")


@bp.get("/rapports/tentatives.csv")
@login_required
def attempts_csv():
    since, until, _period_shown = _period()
    scenario_id = request.args.get("exercice") or None
    if scenario_id and scenario_id not in _catalog().scenarios:
        abort(404)
    rows = report_store.attempts(get_db(), since, until, scenario_id)
    return csv_export.response(csv_export.attempts(rows, _title), "tentatives.csv")


@bp.get("/rapports/exercices/<scenario_id>/etapes.csv")
@login_required
def funnel_csv(scenario_id: str):
    scenario = _catalog().scenarios.get(scenario_id) or abort(404)
    since, until, _period_shown = _period()
    return csv_export.response(csv_export.funnel(_funnel(scenario, since, until)),
                               f"etapes-{scenario_id}.csv")


@bp.get("/rapports/frequentation")
@login_required
def usage():
    since, until, period = _period()
    by = request.args.get("par", "jour")
    if by not in GROUPINGS:
        abort(400)
    sessions = report_store.sessions(get_db(), since, until)
    return render_template(
        "agent/usage.html", period=period, by=by, groupings=GROUPINGS,
        per_period=stats.usage(sessions, lambda s: stats.period_key(s["started_at"], by)),
        per_kiosk=sorted(stats.usage(sessions, lambda s: s["kiosk_id"] or "—"),
                         key=lambda row: row["name"]),
        total=stats.usage(sessions, lambda s: "total"))
