"""What « Mon carnet » says, built once for the page and the PDF.

Mastered: the skill of each step the learner did alone (no hint, no mistake) in an exercise
they passed. To practise next: the skills done only with help, then the next exercise of each
parcours begun. Lists are kept short enough for one A4 page whatever the learner did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask import current_app

from kiosk.carnet import store
from kiosk.coach.model import Scenario, lines_in, text_in

MAX_MASTERED = 16  # beyond, « … et N autres »: the page stays one A4 sheet
MAX_NEXT = 5


@dataclass(frozen=True)
class Line:
    """One thing said in the learner's language, and in French beside it."""

    text: str
    french: str


@dataclass
class Carnet:
    lang: str
    code: str | None
    first_day: dt.date | None
    last_day: dt.date | None
    printed: dt.date
    mastered: list[Line] = field(default_factory=list)
    more_mastered: int = 0
    next_steps: list[Line] = field(default_factory=list)
    proposal: list[Line] = field(default_factory=list)

    @property
    def bilingual(self) -> bool:
        return self.lang != "fr"


def build(db, *, lang: str, learner_code: str | None, session_id: str | None,
          proposal: list[dict], today: dt.date) -> Carnet:
    catalog = current_app.extensions["pasapas.catalog"]
    first, last = store.practice_days(db, learner_code=learner_code, session_id=session_id)
    carnet = Carnet(lang=lang, code=learner_code, printed=today,
                    first_day=_day(first), last_day=_day(last))
    mastered: dict[tuple[str, str], Line] = {}
    helped: dict[tuple[str, str], Line] = {}
    passed: dict[str, int] = {}
    for row in store.steps_done(db, learner_code=learner_code, session_id=session_id):
        scenario = catalog.scenarios.get(row["scenario_id"])
        step = next((s for s in scenario.steps if s.id == row["step_id"]), None) if scenario \
            else None
        if step is None:
            continue
        key = (scenario.id, step.id)
        line = _skill(step, lang)
        if row["status"] == "passed":
            passed[scenario.id] = 1
        if row["outcome"] == "alone" and row["status"] == "passed":
            mastered[key] = line
            helped.pop(key, None)
        elif key not in mastered:
            helped[key] = line
    unique = list(dict.fromkeys(mastered.values()))
    carnet.mastered = unique[-MAX_MASTERED:]
    carnet.more_mastered = max(0, len(unique) - MAX_MASTERED)
    carnet.next_steps = _next_steps(catalog, list(dict.fromkeys(helped.values())), passed, lang)
    titles = {p.id: p.title for p in catalog.parcours}
    for item in proposal:
        if item["parcours"] in titles:
            carnet.proposal.append(Line(text_in(titles[item["parcours"]], lang),
                                        titles[item["parcours"]]["fr"]))
    return carnet


def _skill(step, lang: str) -> Line:
    if step.skill:
        return Line(text_in(step.skill, lang), step.skill["fr"])
    return Line(lines_in(step.instruction, lang)[0], lines_in(step.instruction, "fr")[0])


def _next_steps(catalog, helped: list[Line], passed: dict[str, int], lang: str) -> list[Line]:
    steps = helped[:3]
    for parcours in catalog.parcours:
        if len(steps) >= MAX_NEXT:
            break
        if not any(sid in passed for sid in parcours.scenarios):
            continue  # a parcours not begun: not yet « next »
        following = next((sid for sid in parcours.scenarios if sid not in passed), None)
        scenario: Scenario | None = catalog.scenarios.get(following) if following else None
        if scenario:
            line = Line(text_in(scenario.title, lang), scenario.title["fr"])
            if line not in steps:
                steps.append(line)
    return steps[:MAX_NEXT]


def _day(epoch: float | None) -> dt.date | None:
    return dt.datetime.fromtimestamp(epoch).date() if epoch else None
