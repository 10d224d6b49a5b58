"""What the coach panel shows beside the replica, in the learner's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from kiosk.coach.model import Scenario, lines_in, text_in
from kiosk.coach.scoring import HIGHLIGHT_LEVEL


@dataclass
class Panel:
    attempt_id: int
    title: str
    mode: str
    finished: bool
    step_number: int  # 1-based
    step_count: int
    dots: list[str]  # done | current | todo
    instruction: list[str]  # FALC lines; the goal only in Autonomie
    hint_level: int = 0
    hint: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    target: str | None = None  # CSS selector to highlight on the replica
    arrow: bool = False
    hints_allowed: bool = True
    status: str = "running"
    stars: int | None = None


def build(attempt: dict, scenario: Scenario, lang: str) -> Panel:
    total = len(scenario.steps)
    index = min(attempt["current_step"], total)
    finished = attempt["status"] != "running"
    dots = ["done" if i < index else "current" if i == index and not finished else "todo"
            for i in range(total)]
    panel = Panel(
        attempt_id=attempt["id"], title=text_in(scenario.title, lang), mode=attempt["mode"],
        finished=finished, step_number=min(index + 1, total), step_count=total, dots=dots,
        instruction=[], hints_allowed=attempt["mode"] != "autonomie", status=attempt["status"],
        stars=attempt["stars"],
    )
    if finished:
        panel.feedback = ending_feedback(attempt, scenario, lang)
        return panel
    step = scenario.steps[index]
    if attempt["mode"] == "autonomie":
        panel.instruction = lines_in(scenario.goal, lang)
        return panel
    panel.instruction = lines_in(step.instruction, lang)
    level = attempt["hint_level"]
    panel.hint_level = level
    if level >= 1:
        panel.hint = [_("Essayez encore. Vous pouvez y arriver.")]
    if level >= 2:
        panel.hint = [line for h in step.hints for line in lines_in(h, lang)] or panel.instruction
    if step.target and (attempt["mode"] == "guide" or level >= HIGHLIGHT_LEVEL):
        panel.target = step.target.selector
        panel.arrow = level >= HIGHLIGHT_LEVEL
    feedback = attempt["feedback"]
    if feedback and feedback.get("step") == index:
        panel.feedback = _mistake_lines(scenario, index, feedback.get("mistake"), lang)
    return panel


def ending_feedback(attempt: dict, scenario: Scenario, lang: str) -> list[str]:
    """The feedback of the mistake that stopped the exercise, if one did."""
    feedback = attempt["feedback"] or {}
    if not feedback.get("ended"):
        return []
    return _mistake_lines(scenario, feedback.get("step", 0), feedback.get("mistake"), lang)


def _mistake_lines(scenario: Scenario, index: int, mistake_id: str | None, lang: str) -> list[str]:
    step_mistakes = scenario.steps[index].mistakes if index < len(scenario.steps) else []
    mistake = next((m for m in step_mistakes + scenario.mistakes if m.id == mistake_id), None)
    return lines_in(mistake.feedback, lang) if mistake else []
