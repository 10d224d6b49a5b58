"""Moves a learner's diagnostic along as the world reports what they do (kiosk.db)."""

from __future__ import annotations

import time

from flask import current_app, g, has_request_context

from kiosk.coach.matcher import matches
from kiosk.database import get_db
from kiosk.diagnostic import rules, store
from kiosk.diagnostic.model import Diagnostic, Question
from kiosk.records import outbox as xapi_outbox
from simulator.db import write_transaction
from simulator.events import Event
from simulator.sites.telephone.store import deliver_sms
from simulator.world import World, bound_to


def definition() -> Diagnostic | None:
    return current_app.extensions["pasapas.diagnostic"].diagnostic


def asked_questions() -> list[Question]:
    return rules.questions_asked(definition(), current_app.extensions["pasapas.catalog"].parcours)


def on_world_event(_sender, event: Event) -> None:
    """Subscribed to the simulator's events, beside the coach."""
    if not has_request_context() or event.world_id is None or definition() is None:
        return
    db = get_db()
    # Most events concern no diagnostic: a read without the write lock says so (a page that
    # only shows something writes nothing); the lock is taken, and the row read again under
    # it, only when the event counts.
    if _counts(store.running_for_world(db, event.world_id), event) is None:
        return
    with write_transaction(db):
        running = store.running_for_world(db, event.world_id)
        outcome = _counts(running, event)
        if outcome == "done":
            _finish_task(db, running, done=True)
        elif outcome == "wrong":
            store.update(db, running["id"], task_wrong=running["task_wrong"] + 1)
        else:
            return
    g.diagnostic_changed = True


def _counts(running: dict | None, event: Event) -> str | None:
    """« done » or « wrong » when the event answers the running task, else None."""
    if running is None or running["phase"] != "tasks" or running["task_done"]:
        return None
    task = definition().tasks[running["task_index"]]
    if any(matches(way, event.name, event.data) for way in task.ways):
        return "done"
    if any(matches(wrong, event.name, event.data) for wrong in task.wrong_when):
        return "wrong"
    return None


def _finish_task(db, running: dict, *, done: bool) -> None:
    task = definition().tasks[running["task_index"]]
    seconds = round(time.time() - running["task_started_at"], 2)
    result = {"outcome": rules.task_outcome(done=done, wrong=running["task_wrong"],
                                            seconds=seconds,
                                            quick_seconds=definition().quick_seconds),
              "seconds": seconds, "wrong": running["task_wrong"]}
    results = {**running["results"], task.id: result}
    store.update(db, running["id"], results=results, task_done=1)
    xapi_outbox.diagnostic_task(db, running, task.id, task.gesture, result)


def start(db, *, session_id: str, learner_code: str | None, world: World, lang: str) -> dict:
    with write_transaction(db):
        diagnostic_id = store.create(db, session_id=session_id, learner_code=learner_code,
                                     world_id=world.id, lang=lang)
        created = store.get(db, diagnostic_id)
        xapi_outbox.diagnostic_started(db, created)
    begin_task(world, created)
    return created


def begin_task(world: World, running: dict) -> str:
    """The clock starts when the task's page opens; a message arrives if the task brings one.
    Returns the page to open."""
    task = definition().tasks[running["task_index"]]
    if task.sms:
        with bound_to(world), write_transaction(world.db):
            deliver_sms(world.db, task.sms.sender, task.sms.body, task.sms.kind, task.sms.link)
    db = get_db()
    with write_transaction(db):
        store.update(db, running["id"], task_started_at=time.time(), task_done=0, task_wrong=0)
    return task.start


def skip_task(running: dict) -> None:
    """« Je ne sais pas faire »: a good answer; the task is noted as not yet learnt."""
    db = get_db()
    with write_transaction(db):
        current = store.get(db, running["id"])
        if current["phase"] == "tasks" and not current["task_done"]:
            _finish_task(db, current, done=False)


def next_task(running: dict) -> bool:
    """After a task: the next one (True), or the questions (False)."""
    db = get_db()
    following = running["task_index"] + 1
    with write_transaction(db):
        if following < len(definition().tasks):
            store.update(db, running["id"], task_index=following, task_done=0)
            return True
        store.update(db, running["id"], phase="questions",
                     questions=[q.id for q in asked_questions()])
        return False


def answer(running: dict, question: Question, given: str) -> None:
    db = get_db()
    with write_transaction(db):
        store.update(db, running["id"], answers={**running["answers"], question.id: given})
        xapi_outbox.diagnostic_answer(db, running, question.id, question.text, given)


def finish(running: dict, *, stopped: bool = False, reason: str | None = None) -> list[dict]:
    """The proposal (kept with the diagnostic), from everything answered so far."""
    catalog = current_app.extensions["pasapas.catalog"]
    outcomes = {task_id: r["outcome"] for task_id, r in running["results"].items()}
    proposed = rules.propose(definition(), outcomes, running["answers"], asked_questions(),
                             {p.id for p in catalog.parcours})
    proposal = [p.as_dict() for p in proposed]
    db = get_db()
    with write_transaction(db):
        store.update(db, running["id"], status="stopped" if stopped else "done", phase="done",
                     proposal=proposal, ended_at=time.time())
        xapi_outbox.diagnostic_ended(db, store.get(db, running["id"]),
                                     reason or ("stopped" if stopped else None))
    return proposal


def why(proposal_item: dict, lang: str) -> str:
    from kiosk.coach.model import text_in

    found = next((r for r in definition().rules if r.id == proposal_item["rule"]), None)
    texts = found.why if found else definition().default.why
    return text_in(texts, lang)


def on_session_ended(sid: str, reason: str = "finished") -> None:
    """« Terminer », inactivity, the adviser: a diagnostic left half-way is closed (its records
    say why), with the proposal of what it had seen."""
    if definition() is None:
        return
    running = store.latest_for_session(get_db(), sid)
    if running is not None and running["status"] == "running":
        finish(running, stopped=True, reason=reason)
