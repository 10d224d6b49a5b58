"""What the live board shows of each kiosk, computed from the heartbeats, the learners'
sessions, their running attempts and their help requests (all in kiosk.db)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from kiosk import store as kiosk_store
from kiosk.agent import store
from kiosk.coach import store as coach_store
from kiosk.coach.loader import Catalog
from simulator.sites import SITES_BY_NAME

# A kiosk that missed this many heartbeats in a row is shown as not answering.
MISSED_BEATS = 3


def session_ref(sid: str) -> str:
    """What the console's forms carry to name a learner's session: never the cookie's value
    itself (it would let anyone who reads the console's page act as that learner)."""
    return hashlib.sha256(sid.encode()).hexdigest()[:20]


@dataclass
class KioskState:
    id: str
    alive: bool
    beat_seconds_ago: float
    in_use: bool = False
    session_ref: str | None = None
    site: str | None = None
    learner_code: str | None = None
    scenario_title: str | None = None
    mode: str | None = None
    attempt_status: str | None = None
    step_number: int | None = None
    step_total: int | None = None
    step_text: str | None = None
    step_seconds: float | None = None
    hints: int = 0
    mistakes: int = 0
    idle_seconds: float | None = None
    help_id: int | None = None
    help_seconds: float | None = None
    page: str = ""


@dataclass
class HelpElsewhere:
    """A help request from a screen that is not a known kiosk (opened without /borne/<id>)."""

    id: int
    seconds: float
    learner_code: str | None


def kiosk_states(db, catalog: Catalog, now: float, heartbeat_seconds: float) -> list[KioskState]:
    states = []
    for kiosk in kiosk_store.kiosks(db):
        ago = now - kiosk["last_beat"]
        state = KioskState(id=kiosk["id"], alive=ago <= MISSED_BEATS * heartbeat_seconds,
                           beat_seconds_ago=ago, page=kiosk["page"] or "")
        session = kiosk_store.load_session(db, kiosk["session_id"]) if kiosk["session_id"] else None
        if session is not None and session["data"].get("site"):
            _fill_session(db, catalog, state, session, now)
        states.append(state)
    return states


def _fill_session(db, catalog: Catalog, state: KioskState, session: dict, now: float) -> None:
    data = session["data"]
    state.in_use = True
    state.session_ref = session_ref(session["id"])
    site = SITES_BY_NAME.get(data["site"])
    state.site = site.title if site else data["site"]
    state.learner_code = data.get("learner")
    state.idle_seconds = max(0.0, now - session["last_seen"])
    help_request = coach_store.open_help_request(db, session["id"])
    if help_request:
        state.help_id = help_request["id"]
        state.help_seconds = max(0.0, now - help_request["created_at"])
    attempt = coach_store.latest_attempt_for_session(db, session["id"])
    if attempt is None or attempt["world_id"] != session["world_id"]:
        return
    scenario = catalog.scenarios.get(attempt["scenario_id"])
    state.scenario_title = scenario.title["fr"] if scenario else attempt["scenario_id"]
    state.mode = attempt["mode"]
    state.attempt_status = attempt["status"]
    done_hints, done_mistakes = store.attempt_totals(db, attempt["id"])
    state.hints, state.mistakes = done_hints, done_mistakes
    if attempt["status"] != "running" or scenario is None:
        return
    state.hints += attempt["hint_level"]
    state.mistakes += attempt["step_mistakes"]
    state.step_total = len(scenario.steps)
    state.step_number = min(attempt["current_step"], state.step_total - 1) + 1
    state.step_text = scenario.steps[state.step_number - 1].instruction["fr"].split("\n")[0]
    state.step_seconds = max(0.0, now - attempt["step_started_at"])


def help_elsewhere(db, states: list[KioskState], now: float) -> list[HelpElsewhere]:
    shown = {s.help_id for s in states if s.help_id}
    found = []
    for request in store.open_help_requests(db):
        if request["id"] in shown:
            continue
        session = kiosk_store.load_session(db, request["session_id"])
        if session is None:
            continue  # the session is over: nobody is waiting any more
        found.append(HelpElsewhere(request["id"], max(0.0, now - request["created_at"]),
                                   session["data"].get("learner")))
    return found


def session_of_kiosk(db, kiosk_id: str, ref: str) -> str | None:
    """The learner session now on that kiosk, if it is still the one the adviser saw."""
    kiosk = next((k for k in kiosk_store.kiosks(db) if k["id"] == kiosk_id), None)
    if kiosk is None or not kiosk["session_id"] or session_ref(kiosk["session_id"]) != ref:
        return None
    return kiosk["session_id"] if kiosk_store.load_session(db, kiosk["session_id"]) else None
