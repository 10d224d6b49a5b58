"""The scenario format: what a trainer writes in scenarios/<site>/<id>.yaml.

The pydantic model is the authority (scenarios/schema.json is generated from it for editors).
Unknown keys are refused everywhere except in event patterns, whose extra keys are the
conditions on the event's data (``amount: 50``) and are checked against docs/events.md by
``run_kiosk.py scenarios check``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

SCHEMA_VERSION = 1
LANGUAGES = ("fr", "en", "ar", "tr", "pt", "ro", "uk", "es")
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _check_locale_map(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        raise ValueError("expected a map of languages, e.g. {fr: \"…\", en: \"…\"}, got plain text")
    if not isinstance(value, dict):
        raise ValueError("expected a map of languages, e.g. {fr: \"…\", en: \"…\"}")
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r}: expected one of {', '.join(LANGUAGES)}")
    if "fr" not in value:
        raise ValueError("the French text (fr) is required")
    for lang, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"the {lang} text is empty")
    return {lang: text.strip() for lang, text in value.items()}


# A text in several languages: ``{fr: "…", en: "…", ar: "…"}`` (fr required).
LocaleText = Annotated[
    dict[str, str],
    BeforeValidator(_check_locale_map),
    WithJsonSchema({
        "type": "object",
        "description": "The text in several languages; fr is required. One idea per line (FALC).",
        "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
        "required": ["fr"],
        "additionalProperties": False,
    }),
]


def text_in(texts: dict[str, str], lang: str) -> str:
    """The text in the learner's language, or in French when it is not translated."""
    return texts.get(lang) or texts["fr"]


def lines_in(texts: dict[str, str], lang: str) -> list[str]:
    """FALC: one idea per line; the coach shows each line on its own."""
    return [line.strip() for line in text_in(texts, lang).split("\n") if line.strip()]


class EventPattern(BaseModel):
    """``{event: banque.transfer.confirmed, from_account: livret_a, amount: 50}``.

    Each extra key is a condition on the event's data: a value (equal), a list (one of), or
    ``{min: …}``, ``{max: …}``, ``{contains: …}``, ``{not: …}``.
    """

    model_config = ConfigDict(extra="allow")
    event: Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z_]+)+$")]

    @property
    def conditions(self) -> dict[str, Any]:
        return dict(self.model_extra or {})

    @model_validator(mode="after")
    def _check_conditions(self) -> EventPattern:
        for name, condition in self.conditions.items():
            if isinstance(condition, dict):
                allowed = {"min", "max", "contains", "not"}
                unknown = set(condition) - allowed
                if unknown or not condition:
                    raise ValueError(
                        f"condition {name}: expected a value, a list of values, or one of "
                        f"{{min, max, contains, not}}, got {sorted(unknown) or 'an empty map'}")
        return self


class Target(_Strict):
    """The element to highlight: a CSS selector on a page of the replica."""

    page: Annotated[str, Field(pattern=r"^/sites/[a-z]+/")]  # may hold {compte:ccp}
    selector: str


class Mistake(_Strict):
    id: Annotated[str, Field(pattern=SLUG)]
    when: EventPattern
    feedback: LocaleText
    critical: bool = False  # true: the step is worth nothing (e.g. codes given to a scam site)
    ends: bool = False  # true: the exercise stops here, failed (something that cannot be undone)


class Step(_Strict):
    id: Annotated[str, Field(pattern=SLUG)]
    skill: LocaleText | None = None  # what was learnt, for the result screen: « Se connecter »
    instruction: LocaleText
    hints: list[LocaleText] = Field(default_factory=list, max_length=3)
    target: Target | None = None
    done_when: EventPattern | list[EventPattern]  # a list: any of these ways counts
    mistakes: list[Mistake] = Field(default_factory=list)

    @property
    def ways(self) -> list[EventPattern]:
        return self.done_when if isinstance(self.done_when, list) else [self.done_when]


# --- the solution: taps and typing, written with roles and visible labels -----------------

class RoleName(_Strict):
    role: Literal["button", "link", "textbox", "checkbox", "radio", "combobox", "tab", "menuitem"]
    name: str
    exact: bool = False
    within: Literal["page", "phone", "mail", "papers", "coach", "kiosk"] = "page"
    nth: Annotated[int, Field(ge=1)] | None = None  # when several match: 1 = the first one


class TypeText(_Strict):
    label: str
    text: str
    exact: bool = False  # the label's exact words (« Mot de passe », not « Confirmation du… »)


class SelectOption(_Strict):
    label: str
    option: str  # a visible part of the option's text


class Action(_Strict):
    """One thing the learner does. Exactly one key per action."""

    tap: RoleName | None = None
    type: TypeText | None = None
    select: SelectOption | None = None
    keypad: str | None = None  # the digits to tap on the shuffled keypad, e.g. "{persona.code}"
    sms_code: str | None = None  # the label of the field to type the last SMS code into
    mail_code: str | None = None  # the label of the field to type the last e-mail's code into
    iban: str | None = None  # an IBAN to type into the seven boxes
    expect_text: str | None = None  # wait until this text is visible (a check, not an action)
    scroll: str | None = None  # scroll the page down until these words are in view
    goto: str | None = None  # open a path of the kiosk (rarely needed)

    @model_validator(mode="after")
    def _one_key(self) -> Action:
        given = [k for k, v in self.__dict__.items() if v is not None]
        if len(given) != 1:
            raise ValueError(
                "each action has exactly one of: tap, type, select, keypad, sms_code, mail_code, "
                f"iban, expect_text, scroll, goto (got {', '.join(given) or 'none'})")
        return self

    @property
    def kind(self) -> str:
        return next(k for k, v in self.__dict__.items() if v is not None)


class MistakePath(_Strict):
    """A way through the scenario that makes a mistake on purpose and still finishes."""

    id: Annotated[str, Field(pattern=SLUG)]
    expects: list[str] = Field(min_length=1)  # the mistake ids whose feedback must be shown
    actions: list[Action] = Field(min_length=1)


class SmsSetup(_Strict):
    sender: str
    body: str
    kind: Literal["info", "code", "scam"] = "info"
    link: str | None = None  # a web address written in the body, made tappable


class MailSetup(_Strict):
    """An e-mail already in the persona's mailbox (« Messagerie ») when the exercise starts."""

    sender_name: str  # « Service des impôts »
    sender_address: str  # what the careful reader checks: remboursement@…
    subject: str
    body: str  # paragraphs separated by a blank line
    kind: Literal["info", "code", "scam"] = "info"
    topic: str = ""  # what it is about, matched by messagerie.* events: arnaque.remboursement
    links: list[str] = Field(default_factory=list)  # web addresses of the body, made tappable
    folder: Literal["inbox", "spam"] = "inbox"


class WorldDate(_Strict):
    """The world's own date, whatever the real day: ``{day: 2}`` (the nearest 2nd of a month:
    inside France Travail's actualisation window) or ``{in_days: 3}``."""

    day: Annotated[int, Field(ge=1, le=31)] | None = None
    in_days: Annotated[int, Field(ge=-60, le=60)] | None = None

    @model_validator(mode="after")
    def _one_way(self) -> WorldDate:
        if (self.day is None) == (self.in_days is None):
            raise ValueError("give exactly one of: day (a day of the month), in_days")
        return self

    def resolve(self, base: dt.date) -> dt.date:
        from simulator.clock import nearest_day_of_month

        if self.day is not None:
            return nearest_day_of_month(base, self.day)
        return base + dt.timedelta(days=self.in_days)


class Setup(_Strict):
    """How the world is prepared before the learner starts."""

    signed_in: bool = False  # the learner starts already logged in to the site
    options: dict[str, str] = Field(default_factory=dict)  # e.g. {banque.strong_auth: due}
    sms: list[SmsSetup] = Field(default_factory=list)
    mails: list[MailSetup] = Field(default_factory=list)
    start: str | None = None  # the first page, default the site's home
    date: WorldDate | None = None  # the world's date; default: the kiosk's today

    def world_date(self, base: dt.date) -> dt.date:
        return self.date.resolve(base) if self.date else base


class Scenario(_Strict):
    schema_version: Literal[1]
    id: Annotated[str, Field(pattern=SLUG)]
    site: str
    persona: str
    level: Annotated[int, Field(ge=1, le=3)]
    mastery: Annotated[float, Field(ge=0, le=1)] = 0.8
    title: LocaleText
    goal: LocaleText
    setup: Setup = Field(default_factory=Setup)
    steps: list[Step] = Field(min_length=1, max_length=12)
    # Mistakes recognised at any step (each step's own mistakes are checked first).
    mistakes: list[Mistake] = Field(default_factory=list)
    solution: list[Action] = Field(min_length=1)
    mistake_paths: list[MistakePath] = Field(default_factory=list)

    @field_validator("steps")
    @classmethod
    def _unique_step_ids(cls, steps: list[Step]) -> list[Step]:
        seen = set()
        for step in steps:
            if step.id in seen:
                raise ValueError(f"two steps are called {step.id!r}: step ids must differ")
            seen.add(step.id)
        return steps

    @model_validator(mode="after")
    def _mistake_paths_name_mistakes(self) -> Scenario:
        ids = [m.id for m in self.mistakes] + [m.id for s in self.steps for m in s.mistakes]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"mistake id {twice[0]!r} is used twice: mistake ids must differ "
                             "across the whole scenario")
        known = set(ids)
        for path in self.mistake_paths:
            for mistake in path.expects:
                if mistake not in known:
                    raise ValueError(
                        f"mistake path {path.id!r} expects mistake {mistake!r}, which no step "
                        f"declares (known: {', '.join(sorted(known)) or 'none'})")
        return self

    def languages(self) -> set[str]:
        return set(self.title)


def placeholder_names(text: str) -> list[str]:
    return re.findall(r"\{([a-z_.:]+)\}", text)
