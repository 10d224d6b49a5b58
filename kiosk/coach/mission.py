"""The mission shown on the persona card when an exercise starts, and where it starts."""

from __future__ import annotations

from flask import session, url_for
from flask_babel import get_locale

from kiosk.coach import engine, store
from kiosk.coach.model import lines_in
from kiosk.database import get_db


def mission_for_session(site: str | None) -> tuple[list[str], str]:
    """The goal's lines (empty when exploring freely) and the first page of the exercise."""
    home = url_for(f"{site}.home") if site else url_for("shell.home")
    attempt = store.latest_attempt_for_session(get_db(), session.sid)
    if not attempt or attempt["world_id"] != session.world_id or attempt["status"] != "running":
        return [], home
    scenario = engine.scenario_of(attempt)
    if scenario is None:
        return [], home
    return lines_in(scenario.goal, str(get_locale())), scenario.setup.start or home
