"""Parcours: ordered scenarios, unlocked one after the other (scenarios/parcours.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kiosk.coach.model import SLUG, LocaleText


class Parcours(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, Field(pattern=SLUG)]
    site: str
    title: LocaleText
    scenarios: list[str] = Field(min_length=1)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    parcours: list[Parcours]


def load_parcours(path: Path, known: dict) -> tuple[list[Parcours], list[tuple[int | None, str]]]:
    """The parcours of the file, keeping only scenarios that loaded; and the problems found."""
    problems: list[tuple[int | None, str]] = []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        parsed = _File.model_validate(data)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [(mark.line + 1 if mark else None, f"this is not valid YAML ({exc})")]
    except ValidationError as exc:
        return [], [(None, f"field {'.'.join(map(str, e['loc']))}: {e['msg']}")
                    for e in exc.errors()]
    result = []
    for parcours in parsed.parcours:
        missing = [sid for sid in parcours.scenarios if sid not in known]
        for sid in missing:
            problems.append((None, f"parcours {parcours.id!r}: scenario {sid!r} is not available "
                                   "(missing or broken); it is left out"))
        kept = [sid for sid in parcours.scenarios if sid in known]
        if kept:
            result.append(parcours.model_copy(update={"scenarios": kept}))
    return result, problems
