"""The format of scenarios/diagnostic.yaml (« Par où commencer ? »), for trainers.

Like the scenarios, the file is validated with pydantic and its errors name the file, the line
and the field; a broken file turns the diagnostic off (the home page no longer offers it), never
the kiosk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kiosk.coach.loader import _existing_path, _line
from kiosk.coach.model import SLUG, EventPattern, LocaleText, SmsSetup

OUTCOMES = ("a_l_aise", "hesitant", "pas_encore")  # what a task showed, for the rules
ANSWERS = ("sait", "pas_sur", "ne_sait_pas")  # « Je sais faire », « Je ne suis pas sûr »…
MODES = ("guide", "entrainement")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Task(_Strict):
    """A small task on a page of the simulated web, measured by what the learner does."""

    id: Annotated[str, Field(pattern=SLUG)]
    gesture: LocaleText  # its name for the adviser and « Mon carnet »: « Toucher un bouton »
    start: Annotated[str, Field(pattern=r"^/sites/[a-z]+/")]
    instruction: LocaleText
    sms: SmsSetup | None = None  # a message that arrives on the phone when the task starts
    done_when: EventPattern | list[EventPattern]
    wrong_when: list[EventPattern] = Field(default_factory=list)

    @property
    def ways(self) -> list[EventPattern]:
        return self.done_when if isinstance(self.done_when, list) else [self.done_when]


class Question(_Strict):
    """« Savez-vous faire ceci ? »: asked only when a parcours of its site exists."""

    id: Annotated[str, Field(pattern=SLUG)]
    site: str
    parcours: str | None = None  # default: the first parcours of the site
    text: LocaleText


class Range(_Strict):
    min: int | None = None
    max: int | None = None

    def holds(self, value: int) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


Outcome = Literal["a_l_aise", "hesitant", "pas_encore"]
Answer = Literal["sait", "pas_sur", "ne_sait_pas"]


class When(_Strict):
    """Every condition given must hold."""

    gestures_at_ease: Range | None = None  # how many tasks were done « a_l_aise »
    gestures_not_yet: Range | None = None  # how many were « pas_encore »
    task: dict[str, Outcome | list[Outcome]] | None = None  # {faux-sms: [hesitant, pas_encore]}
    answer: Answer | list[Answer] | None = None  # some procedure was answered so
    answers: dict[str, Answer | list[Answer]] | None = None  # {banque: sait}


class Proposal(_Strict):
    parcours: str | None = None  # a parcours id of scenarios/parcours.yaml
    procedure: Literal["answered"] | None = None  # the parcours of the question `answer` found
    mode: Literal["guide", "entrainement"]

    @model_validator(mode="after")
    def _one_target(self) -> Proposal:
        if (self.parcours is None) == (self.procedure is None):
            raise ValueError("give exactly one of: parcours (an id), procedure: answered")
        return self


class Rule(_Strict):
    id: Annotated[str, Field(pattern=SLUG)]
    when: When
    propose: Proposal
    why: LocaleText  # one sentence shown under the proposal


class Default(_Strict):
    propose: Proposal
    why: LocaleText


class Diagnostic(_Strict):
    schema_version: Literal[1]
    persona: str
    quick_seconds: Annotated[int, Field(ge=5, le=600)] = 60
    tasks: list[Task] = Field(min_length=1, max_length=8)
    questions: list[Question] = Field(default_factory=list, max_length=8)
    rules: list[Rule] = Field(default_factory=list)
    default: Default

    @model_validator(mode="after")
    def _references(self) -> Diagnostic:
        for kind, ids in (("task", [t.id for t in self.tasks]),
                          ("question", [q.id for q in self.questions]),
                          ("rule", [r.id for r in self.rules])):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                raise ValueError(f"two {kind}s are called {twice[0]!r}: ids must differ")
        tasks = {t.id for t in self.tasks}
        questions = {q.id for q in self.questions}
        for rule in self.rules:
            for task_id in (rule.when.task or {}):
                if task_id not in tasks:
                    raise ValueError(f"rule {rule.id!r}: no task {task_id!r} "
                                     f"(tasks: {', '.join(sorted(tasks))})")
            for question_id in (rule.when.answers or {}):
                if question_id not in questions:
                    raise ValueError(f"rule {rule.id!r}: no question {question_id!r}")
            if rule.propose.procedure and rule.when.answer is None:
                raise ValueError(f"rule {rule.id!r}: procedure: answered needs a condition "
                                 "answer: (which answer to look for)")
        return self


@dataclass
class Loaded:
    diagnostic: Diagnostic | None
    errors: list[str] = field(default_factory=list)


def load(path: Path, shown: str = "scenarios/diagnostic.yaml") -> Loaded:
    """The file, validated; or None and the problems, each with the file, the line, the field."""
    if not path.exists():
        return Loaded(None, [f"{shown}: the file is missing"])
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        return Loaded(None, [f"{shown}{line}: this is not valid YAML; check the indentation"])
    try:
        return Loaded(Diagnostic.model_validate(data))
    except ValidationError as exc:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if isinstance(p, (str, int)))
            line = _line(node, _existing_path(data, loc)) if isinstance(data, dict) else None
            where = ".".join(str(p) for p in loc) or "the file"
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{shown}{f', line {line}' if line else ''}: field {where}: "
                            f"{message[0].lower() + message[1:]}")
        return Loaded(None, problems)
