"""Loading scenario files, with errors that name the file, the line, the step and the field.

A broken file disables that scenario only: :func:`load_catalog` returns the good scenarios and
the list of errors, and the kiosk serves the rest.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from kiosk.coach.model import SCHEMA_VERSION, Scenario
from kiosk.coach.parcours import Parcours, load_parcours
from kiosk.coach.upgrades import upgrade

SCENARIOS_DIR = Path(__file__).resolve().parents[2] / "scenarios"


@dataclass
class ScenarioError:
    file: str
    line: int | None
    message: str
    scenario_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass
class Catalog:
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    errors: list[ScenarioError] = field(default_factory=list)
    parcours: list[Parcours] = field(default_factory=list)

    def for_site(self, site: str) -> list[Scenario]:
        return sorted((s for s in self.scenarios.values() if s.site == site),
                      key=lambda s: (s.level, s.id))


class ScenarioFileError(Exception):
    def __init__(self, errors: list[ScenarioError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def load_scenario(path: Path, root: Path | None = None) -> Scenario:
    """Load and validate one file; raises ScenarioFileError with every problem found."""
    shown = _shown_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioFileError([ScenarioError(shown, None, f"cannot be read: {exc}")]) from exc
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioFileError([ScenarioError(
            shown, mark.line + 1 if mark else None,
            f"this is not valid YAML ({problem}); check the indentation and the colons")]) from exc
    if not isinstance(data, dict):
        raise ScenarioFileError([ScenarioError(shown, 1, "expected a scenario: a map of fields "
                                               "starting with schema_version, id, site…")])
    version = data.get("schema_version")
    if isinstance(version, int) and version < SCHEMA_VERSION:
        data = upgrade(data)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        node = _nodes(text)
        raise ScenarioFileError([_explain(shown, node, data, err) for err in exc.errors()]) from exc
    if scenario.id != path.stem:
        raise ScenarioFileError([ScenarioError(
            shown, _line(_nodes(text), ("id",)), f"field id: expected {path.stem!r} (the file's "
            f"name), got {scenario.id!r}", scenario.id)])
    if path.parent.name != scenario.site and root is not None:
        raise ScenarioFileError([ScenarioError(
            shown, _line(_nodes(text), ("site",)), f"field site: the file is in scenarios/"
            f"{path.parent.name}/ but says site {scenario.site!r}", scenario.id)])
    return scenario


# libyaml when PyYAML has it (ten times faster: the catalog is loaded by every app, and by
# every test's app); the pure-Python loader otherwise.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _nodes(text: str) -> yaml.Node:
    """The file's YAML nodes, with their line numbers: only needed to explain an error."""
    return yaml.compose(text, Loader=_LOADER)


def load_catalog(root: Path = SCENARIOS_DIR) -> Catalog:
    """Every scenario and parcours under ``root``. Loaded once per process for the same files
    (the test suite creates hundreds of apps); a changed file is read again."""
    root = Path(root)
    files = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                  for p in sorted(root.glob("*/*.yaml")) + [root / "parcours.yaml"] if p.exists())
    return _load_catalog(root, files)


@functools.lru_cache(maxsize=8)
def _load_catalog(root: Path, _files: tuple) -> Catalog:
    catalog = Catalog()
    for path in sorted(root.glob("*/*.yaml")):
        try:
            scenario = load_scenario(path, root)
        except ScenarioFileError as exc:
            catalog.errors.extend(exc.errors)
            continue
        if scenario.id in catalog.scenarios:
            catalog.errors.append(ScenarioError(
                _shown_path(path, root), None,
                f"field id: {scenario.id!r} is already used by "
                f"{catalog.sources[scenario.id].name}"))
            continue
        catalog.scenarios[scenario.id] = scenario
        catalog.sources[scenario.id] = path
    parcours_file = root / "parcours.yaml"
    if parcours_file.exists():
        catalog.parcours, problems = load_parcours(parcours_file, catalog.scenarios)
        catalog.errors.extend(ScenarioError(_shown_path(parcours_file, root), line, message)
                              for line, message in problems)
    return catalog


# --- turning pydantic's errors into sentences a trainer understands --------------------------

def _explain(shown: str, node: yaml.Node, data: dict, error: dict) -> ScenarioError:
    loc = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
    data_loc = _existing_path(data, loc)
    where = ""
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        step = data["steps"][loc[1]] if isinstance(data.get("steps"), list) else {}
        step_id = step.get("id") if isinstance(step, dict) else None
        where = f"step {loc[1] + 1}" + (f" « {step_id} »" if step_id else "") + ", "
        field_path = loc[2:]
    else:
        field_path = loc
    field_name = ".".join(str(p) for p in field_path if not isinstance(p, int)) or "the file"
    message = _sentence(error, loc)
    return ScenarioError(shown, _line(node, data_loc), f"{where}field {field_name}: {message}",
                         data.get("id") if isinstance(data.get("id"), str) else None)


def _sentence(error: dict, loc: tuple) -> str:
    kind = error["type"]
    if kind == "missing":
        return "this field is required"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(loc[:-1])
        hint = f"; expected one of: {', '.join(allowed)}" if allowed else ""
        return f"unknown field {loc[-1]!r}{hint}"
    if kind == "literal_error":
        return f"expected {error['ctx']['expected']}, got {error['input']!r}"
    if kind == "string_pattern_mismatch":
        return (f"{error['input']!r} is not allowed here: use lowercase letters, digits and "
                "dashes (ids) or dotted names (events)")
    message = error["msg"].removeprefix("Value error, ")
    if "input" in error and kind.endswith("_type"):
        return f"{message[0].lower() + message[1:]}, got {error['input']!r}"
    return message[0].lower() + message[1:]


def _allowed_fields(loc: tuple) -> list[str]:
    model: Any = Scenario
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        info = model.model_fields.get(part)
        if info is None:
            return []
        model = _model_in(info.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside ``X | None``, ``list[X]``, ``Annotated[X, …]``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


def _existing_path(data: Any, loc: tuple) -> tuple:
    """The longest prefix of ``loc`` that exists in the data (pydantic adds union branches)."""
    path = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            break
        path.append(part)
    return tuple(path)


def _line(node: yaml.Node | None, loc: tuple) -> int | None:
    """The line of the YAML node at ``loc`` (1-based), or of its closest parent."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    line = key.start_mark.line + 1
                    node = value
                    break
            else:
                return line
        elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
              and part < len(node.value)):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _shown_path(path: Path, root: Path | None) -> str:
    try:
        return str(path.relative_to((root or SCENARIOS_DIR).parent))
    except ValueError:
        return str(path)
