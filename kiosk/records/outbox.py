"""Queue an attempt's statements in the outbox, in the transaction that changes the attempt.

The coach calls these three functions inside its own ``write_transaction``
(kiosk/coach/store.py, kiosk/coach/engine.py): a step result and its statement are committed
together, or neither is. Each statement gets its id (uuid4) and timestamp here, once: the relay
sends the stored bytes on every try, so the LRS can recognise a retry and keep it once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import time
import uuid

import sqlite_utils
from flask import current_app

from kiosk.records import statements as xapi
from kiosk.records import store

FINAL_VERBS = ("terminated", "abandoned")


def attempt_started(db: sqlite_utils.Database, attempt: dict) -> None:
    facts = _facts(attempt)
    _queue(db, attempt, [("initialized", xapi.initialized(facts), attempt["started_at"])])


def step_done(db: sqlite_utils.Database, attempt: dict, step_result: dict) -> None:
    """``step_result``: the row just written in step_results."""
    if not _has_begun(db, attempt):
        return
    facts = _facts(attempt)
    scenario = _scenario(attempt)
    step = (scenario.steps[step_result["step_index"]]
            if scenario and step_result["step_index"] < len(scenario.steps) else None)
    name = (step.skill or step.instruction) if step else {"fr": step_result["step_id"]}
    seconds = step_result["done_at"] - (step_result["started_at"] or step_result["done_at"])
    step_facts = xapi.StepFacts(
        index=step_result["step_index"], step_id=step_result["step_id"],
        name={lang: text.split("\n")[0] for lang, text in name.items()},
        hint_level=step_result["hint_level"], highlight=bool(step_result["highlight"]),
        mistakes=step_result["mistakes"], critical=bool(step_result["critical"]),
        outcome=step_result["outcome"], seconds=seconds)
    _queue(db, attempt, [("interacted", xapi.step_done(facts, step_facts),
                          step_result["done_at"])])


def attempt_ended(db: sqlite_utils.Database, attempt: dict, reason: str = "stopped") -> None:
    """``attempt`` as it is now (status passed, failed or abandoned, with ended_at)."""
    verbs = store.verbs_of_attempt(db, attempt["id"])
    if "initialized" not in verbs or any(v in verbs for v in FINAL_VERBS):
        return  # begun before the records existed, or already closed
    facts = _facts(attempt)
    ended_at = attempt["ended_at"] or time.time()
    seconds = ended_at - attempt["started_at"]
    if attempt["status"] == "abandoned":
        _queue(db, attempt, [("abandoned", xapi.abandoned(facts, seconds, reason), ended_at)])
        return
    scenario = _scenario(attempt)
    passed = attempt["status"] == "passed"
    queued = []
    if scenario and attempt["current_step"] >= len(scenario.steps):
        queued.append(("completed", xapi.completed(facts, seconds), ended_at))
    queued.append(("passed" if passed else "failed",
                   xapi.judged(facts, attempt["score"] or 0.0, seconds, passed=passed), ended_at))
    queued.append(("terminated", xapi.terminated(facts, seconds), ended_at))
    _queue(db, attempt, queued)


# --- « Par où commencer ? » ---------------------------------------------------------------------

def diagnostic_started(db: sqlite_utils.Database, diagnostic: dict) -> None:
    _queue_diagnostic(db, diagnostic, [("initialized", xapi.diagnostic_started(
        _diagnostic_facts(diagnostic)), diagnostic["started_at"])])


def diagnostic_task(db: sqlite_utils.Database, diagnostic: dict, task_id: str,
                    gesture: dict[str, str], result: dict) -> None:
    """``result``: {outcome, seconds, wrong}, as kept in the diagnostic's row."""
    statement = xapi.diagnostic_task(_diagnostic_facts(diagnostic), task_id, gesture,
                                     result["outcome"], result["wrong"], result["seconds"])
    _queue_diagnostic(db, diagnostic, [("attempted", statement, time.time())])


def diagnostic_answer(db: sqlite_utils.Database, diagnostic: dict, question_id: str,
                      text: dict[str, str], answer: str) -> None:
    statement = xapi.diagnostic_answer(_diagnostic_facts(diagnostic), question_id, text, answer)
    _queue_diagnostic(db, diagnostic, [("answered", statement, time.time())])


def diagnostic_ended(db: sqlite_utils.Database, diagnostic: dict,
                     reason: str | None = None) -> None:
    """``diagnostic`` as it is now (done with its proposal, or stopped)."""
    facts = _diagnostic_facts(diagnostic)
    ended_at = diagnostic["ended_at"] or time.time()
    seconds = ended_at - diagnostic["started_at"]
    items = []
    if diagnostic["status"] == "done":
        items.append(("completed", xapi.diagnostic_completed(facts, seconds,
                                                              diagnostic["proposal"]), ended_at))
    items.append(("terminated", xapi.diagnostic_terminated(facts, seconds, reason), ended_at))
    _queue_diagnostic(db, diagnostic, items)


def _diagnostic_facts(diagnostic: dict) -> xapi.DiagnosticFacts:
    started = repr(diagnostic["started_at"])
    return xapi.DiagnosticFacts(
        homepage=current_app.config["XAPI_HOMEPAGE"].rstrip("/"),
        actor_name=diagnostic["learner_code"] or guest_name(diagnostic["session_id"]),
        registration=_derived_uuid("diagnostic-registration", diagnostic["id"], started),
        session_id=_derived_uuid("diagnostic-session", diagnostic["id"], started),
        lang=diagnostic["lang"] or "fr")


def _queue_diagnostic(db: sqlite_utils.Database, diagnostic: dict,
                      items: list[tuple[str, dict, float]]) -> None:
    last = store.last_timestamp_of_diagnostic(db, diagnostic["id"])
    _store_rows(db, items, last, attempt_id=None, diagnostic_id=diagnostic["id"],
                learner_code=diagnostic["learner_code"])


# --- plumbing ---------------------------------------------------------------------------------

def _queue(db: sqlite_utils.Database, attempt: dict, items: list[tuple[str, dict, float]]) -> None:
    """Stamp and store. cmi5 orders an attempt's statements by timestamp, and several are
    written in the same instant (completed, passed, terminated): each one is set at least a
    millisecond after the previous one of its attempt."""
    _store_rows(db, items, store.last_timestamp(db, attempt["id"]), attempt_id=attempt["id"],
                diagnostic_id=None, learner_code=attempt["learner_code"])


def _store_rows(db: sqlite_utils.Database, items: list[tuple[str, dict, float]],
                last: float | None, **keys) -> None:
    last_ms = round(last * 1000) if last is not None else None
    rows = []
    for verb, statement, at in items:
        ms = math.floor(at * 1000)
        if last_ms is not None and ms <= last_ms:
            ms = last_ms + 1
        last_ms = ms
        statement_id = str(uuid.uuid4())
        rows.append({
            "id": statement_id, **keys, "verb": verb, "timestamp": ms / 1000,
            "statement": json.dumps(xapi.stamped(statement, statement_id, ms / 1000),
                                    ensure_ascii=False, separators=(",", ":")),
        })
    store.enqueue(db, rows)


def _has_begun(db: sqlite_utils.Database, attempt: dict) -> bool:
    return "initialized" in store.verbs_of_attempt(db, attempt["id"])


def _scenario(attempt: dict):
    return current_app.extensions["pasapas.catalog"].scenarios.get(attempt["scenario_id"])


def _facts(attempt: dict) -> xapi.AttemptFacts:
    scenario = _scenario(attempt)
    started = repr(attempt["started_at"])
    return xapi.AttemptFacts(
        homepage=current_app.config["XAPI_HOMEPAGE"].rstrip("/"),
        actor_name=attempt["learner_code"] or guest_name(attempt["session_id"]),
        registration=_derived_uuid("registration", attempt["id"], started),
        session_id=_derived_uuid("cmi5-session", attempt["id"], started),
        scenario_id=attempt["scenario_id"],
        scenario_title=dict(scenario.title) if scenario else {"fr": attempt["scenario_id"]},
        mastery=scenario.mastery if scenario else None,
        mode=attempt["mode"], site=attempt["site"], lang=attempt["lang"] or "fr",
    )


def guest_name(kiosk_session_id: str) -> str:
    """A guest's anonymous id: the same for every attempt of one kiosk session, and nothing
    that leads back to the session's cookie (an HMAC keyed with the server's secret)."""
    return "invite-" + _digest("guest", kiosk_session_id).hex()[:16]


def _derived_uuid(purpose: str, *parts) -> str:
    """A UUID that the attempt's row determines (no column to store it in), unguessable
    without the server's secret."""
    return str(uuid.UUID(bytes=_digest(purpose, *parts)[:16], version=4))


def _digest(purpose: str, *parts) -> bytes:
    message = "\x1f".join([purpose, *map(str, parts)]).encode()
    return hmac.new(current_app.secret_key.encode(), message, hashlib.sha256).digest()
