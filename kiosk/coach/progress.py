"""Where a learner stands in a parcours: done (with stars), open, or still locked."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.coach.parcours import Parcours


@dataclass
class ParcoursItem:
    scenario_id: str
    number: int
    state: str  # done | open | locked
    stars: int = 0


def parcours_progress(parcours: Parcours, passed: dict[str, int]) -> list[ParcoursItem]:
    """Scenarios unlock in order: the first not yet passed is open, those after it are locked."""
    items = []
    open_given = False
    for number, scenario_id in enumerate(parcours.scenarios, 1):
        if scenario_id in passed:
            items.append(ParcoursItem(scenario_id, number, "done", passed[scenario_id]))
        elif not open_given:
            items.append(ParcoursItem(scenario_id, number, "open"))
            open_given = True
        else:
            items.append(ParcoursItem(scenario_id, number, "locked"))
    return items


def next_scenario(parcours_list: list[Parcours], scenario_id: str,
                  passed: dict[str, int]) -> str | None:
    """The exercise to propose after this one: the next of its parcours not yet passed."""
    for parcours in parcours_list:
        if scenario_id in parcours.scenarios:
            after = parcours.scenarios[parcours.scenarios.index(scenario_id) + 1:]
            for candidate in after:
                if candidate not in passed:
                    return candidate
            return after[0] if after else None
    return None


def parcours_overview() -> list[dict]:
    """Each parcours with how many of its exercises this learner (or guest) has passed; the one
    their adviser gave to their code comes first, marked."""
    from flask import session

    from kiosk.coach import engine, store
    from kiosk.database import get_db

    code = session.get("learner")
    if code or session.sid:  # a visitor without a session has passed nothing yet
        passed = store.passed_scenarios(get_db(), learner_code=code, session_id=session.sid)
        assigned = store.assigned_parcours(get_db(), code)
    else:
        passed, assigned = {}, None
    overview = [{"parcours": p, "done": sum(1 for s in p.scenarios if s in passed),
                 "total": len(p.scenarios), "assigned": p.id == assigned}
                for p in engine.catalog().parcours]
    return sorted(overview, key=lambda item: not item["assigned"])  # stable: file order kept
