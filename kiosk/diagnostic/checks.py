"""« scenarios check » for scenarios/diagnostic.yaml: the file's own errors (file, line, field),
then what the model cannot know: each event is one a site emits, with those fields; each
parcours named exists; each task's page is a page of a site."""

from __future__ import annotations

from pathlib import Path

from kiosk.coach.loader import Catalog
from kiosk.diagnostic.model import load
from simulator.events import declared
from simulator.sites import SITES_BY_NAME


def check_diagnostic(path: Path, catalog: Catalog) -> list[str]:
    shown = f"{path.parent.name}/{path.name}"
    loaded = load(path, shown)
    if loaded.diagnostic is None:
        return loaded.errors
    diagnostic = loaded.diagnostic
    problems = []
    events = declared()
    for task in diagnostic.tasks:
        if task.start.split("/")[2] not in SITES_BY_NAME:
            problems.append(f"{shown}: task {task.id!r}, field start: no site at {task.start}")
        for pattern in task.ways + task.wrong_when:
            spec = events.get(pattern.event)
            if spec is None:
                problems.append(f"{shown}: task {task.id!r}: {pattern.event!r} is not an event "
                                "of docs/events.md")
                continue
            for name in pattern.conditions:
                if name not in spec.fields:
                    problems.append(f"{shown}: task {task.id!r}: the event {pattern.event} has "
                                    f"no field {name!r}")
    known = {p.id for p in catalog.parcours}
    named = [(r.id, r.propose.parcours) for r in diagnostic.rules if r.propose.parcours]
    named.append(("default", diagnostic.default.propose.parcours))
    for rule_id, parcours in named:
        if parcours and parcours not in known:
            problems.append(f"{shown}: rule {rule_id!r}: no parcours {parcours!r} in "
                            "scenarios/parcours.yaml")
    return problems
