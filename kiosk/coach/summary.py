"""The end screen: what went well, what to practise again, what to do next."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.coach import engine, store
from kiosk.coach.model import Scenario, lines_in, text_in
from kiosk.coach.panel import ending_feedback
from kiosk.coach.progress import next_scenario
from kiosk.database import get_db


@dataclass
class Summary:
    scenario_id: str
    title: str
    status: str  # passed | failed | abandoned | running
    mode: str
    score: float | None
    stars: int | None
    mastery: float
    went_well: list[str] = field(default_factory=list)
    practise: list[str] = field(default_factory=list)
    not_done: list[str] = field(default_factory=list)
    next_id: str | None = None
    next_title: str | None = None
    ending: list[str] = field(default_factory=list)  # why the exercise stopped, if a mistake did


def summary_of(attempt: dict, scenario: Scenario, lang: str, passed: dict[str, int]) -> Summary:
    results = {r["step_index"]: r for r in store.step_results(get_db(), attempt["id"])}
    summary = Summary(
        scenario_id=scenario.id, title=text_in(scenario.title, lang), status=attempt["status"],
        mode=attempt["mode"], score=attempt["score"], stars=attempt["stars"],
        mastery=scenario.mastery,
    )
    summary.ending = ending_feedback(attempt, scenario, lang)
    for index, step in enumerate(scenario.steps):
        first_line = (text_in(step.skill, lang) if step.skill
                      else lines_in(step.instruction, lang)[0])
        result = results.get(index)
        if result is None:
            summary.not_done.append(first_line)
        elif result["outcome"] == "alone":
            summary.went_well.append(first_line)
        else:
            summary.practise.append(first_line)
    next_id = next_scenario(engine.catalog().parcours, scenario.id, passed)
    if next_id and next_id in engine.catalog().scenarios:
        summary.next_id = next_id
        summary.next_title = text_in(engine.catalog().scenarios[next_id].title, lang)
    return summary
