"""From what the learner did and said to « Nous vous proposons de commencer par … ».

Pure functions: tested on their own (tests/unit/test_diagnostic_rules.py), and read by trainers
through the rules of scenarios/diagnostic.yaml, which they follow to the letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.coach.parcours import Parcours
from kiosk.diagnostic.model import Diagnostic, Question, When

MAX_PROPOSALS = 2


def task_outcome(*, done: bool, wrong: int, seconds: float, quick_seconds: int) -> str:
    """a_l_aise: done, no wrong tap, in good time; hesitant: done after a wrong tap or slowly;
    pas_encore: « Je ne sais pas faire », or never done."""
    if not done:
        return "pas_encore"
    if wrong == 0 and seconds <= quick_seconds:
        return "a_l_aise"
    return "hesitant"


def questions_asked(diagnostic: Diagnostic, parcours: list[Parcours]) -> list[Question]:
    """The questions whose procedure has a parcours on this kiosk, with that parcours."""
    known = {p.id for p in parcours}
    asked = []
    for question in diagnostic.questions:
        target = question.parcours if question.parcours in known else next(
            (p.id for p in parcours if p.site == question.site), None)
        if target:
            asked.append(question.model_copy(update={"parcours": target}))
    return asked


@dataclass(frozen=True)
class Proposed:
    parcours: str
    mode: str
    rule: str  # the rule's id, or « default »
    why: dict[str, str]  # {lang: sentence}

    def as_dict(self) -> dict:
        return {"parcours": self.parcours, "mode": self.mode, "rule": self.rule}


def propose(diagnostic: Diagnostic, outcomes: dict[str, str], answers: dict[str, str],
            asked: list[Question], parcours_ids: set[str]) -> list[Proposed]:
    """Each rule, from the top, whose conditions hold adds its parcours (when it exists and is
    not proposed yet), until two are found; none found: the default."""
    proposed: list[Proposed] = []
    for rule in diagnostic.rules:
        if len(proposed) >= MAX_PROPOSALS:
            break
        if not _holds(rule.when, outcomes, answers):
            continue
        if rule.propose.procedure == "answered":
            wanted = _as_list(rule.when.answer)
            target = next((q.parcours for q in asked if answers.get(q.id) in wanted), None)
        else:
            target = rule.propose.parcours
        if target in parcours_ids and all(p.parcours != target for p in proposed):
            proposed.append(Proposed(target, rule.propose.mode, rule.id, rule.why))
    if not proposed and diagnostic.default.propose.parcours in parcours_ids:
        proposed.append(Proposed(diagnostic.default.propose.parcours,
                                 diagnostic.default.propose.mode, "default",
                                 diagnostic.default.why))
    return proposed


def _holds(when: When, outcomes: dict[str, str], answers: dict[str, str]) -> bool:
    at_ease = sum(1 for o in outcomes.values() if o == "a_l_aise")
    not_yet = sum(1 for o in outcomes.values() if o == "pas_encore")
    if when.gestures_at_ease and not when.gestures_at_ease.holds(at_ease):
        return False
    if when.gestures_not_yet and not when.gestures_not_yet.holds(not_yet):
        return False
    for task_id, wanted in (when.task or {}).items():
        if outcomes.get(task_id) not in _as_list(wanted):
            return False
    if when.answer is not None and not any(a in _as_list(when.answer) for a in answers.values()):
        return False
    for question_id, wanted in (when.answers or {}).items():
        if answers.get(question_id) not in _as_list(wanted):
            return False
    return True


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]
