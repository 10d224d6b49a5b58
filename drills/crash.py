"""Drill « crash »: the server killed with SIGKILL at random moments of learners' exercises.

    python -m drills.crash [--kills 20] [--learners 8]

Scripted learners (HTTP, tap by tap) play « Virer de l'argent du Livret A vers le compte
courant » in Guidé again and again, tapping quickly so that requests are in flight. At random
moments the server is killed: the master and its workers at once (a power cut, the cgroup
killed), the master alone (its orphaned workers then killed, as systemd's restart does), or one
worker (gunicorn forks another). A learner whose tap got no answer taps again until the server
answers, like a learner would after « La borne n'a pas reçu de réponse ».

Checked after every tap that got an answer: the coach panel shows the step the learner is at
(the exercise resumed at its step, in the same world, or the panel would be gone). Checked
after every restart: ``PRAGMA integrity_check`` on kiosk.db and every world. Checked at the
end, in kiosk.db: every attempt has each step result once (none duplicated; none missing for a
passed attempt), and the outbox holds exactly the statements its attempts call for (one
« initialized », one « interacted » per step result, the closing ones), none twice.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from benchmarks.http_client import Browser, HttpError
from benchmarks.learner import FlowError, Learner
from benchmarks.visits import coach
from drills.common import DrillServer, integrity, save, server_errors

EXERCISE = list(coach.TRANSFER_EXERCISE)
STEPS_OF_SCENARIO = 4
KINDS = ("all", "master", "worker")
NO_ANSWER = (ConnectionError, OSError, asyncio.IncompleteReadError, HttpError,
             asyncio.TimeoutError)


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = 0
        self.cut_at_kill: list[int] = []
        self.retries = 0
        self.exercises_passed = 0
        self.flow_errors: Counter = Counter()
        self.taps = 0


async def _tap(step, learner: Learner, tally: Tally, stop: threading.Event,
               give_up_after: float = 120.0) -> None:
    """One tap, tapped again while the server gives no answer (it is being restarted)."""
    deadline = time.monotonic() + give_up_after
    while True:
        tally.in_flight += 1
        try:
            await asyncio.wait_for(step(learner), timeout=30)
            tally.taps += 1
            return
        except NO_ANSWER:
            tally.retries += 1
            await learner.browser.close()
            if time.monotonic() > deadline:
                raise FlowError("the server did not come back") from None
            await asyncio.sleep(random.uniform(0.2, 0.6))
        finally:
            tally.in_flight -= 1


async def _learner(server: DrillServer, tally: Tally, stop: threading.Event,
                   seed: int) -> None:
    draw = random.Random(seed)
    while not stop.is_set():
        learner = Learner(Browser(server.host, server.port))
        for name, step in EXERCISE:
            try:
                await _tap(step, learner, tally, stop)
            except FlowError as exc:
                tally.flow_errors[f"{name}: {str(exc)[:90]}"] += 1
                break
            await asyncio.sleep(draw.uniform(0.02, 0.25))
        else:
            tally.exercises_passed += 1
        await learner.browser.close()


def _killer(server: DrillServer, tally: Tally, kills: int, seed: int, report: list,
            stop: threading.Event) -> None:
    draw = random.Random(seed)
    try:
        for number in range(kills):
            time.sleep(draw.uniform(0.4, 2.5))  # a random moment of the exercises
            kind = KINDS[number % len(KINDS)] if number < len(KINDS) else draw.choice(KINDS)
            cut = tally.in_flight
            victims = server.kill(kind, draw.choice)
            back = 0.0
            if kind != "worker":
                back = server.restart()
            else:
                deadline = time.monotonic() + 60
                while (len(server.workers_pids()) < server.workers
                       and time.monotonic() < deadline):
                    time.sleep(0.02)
            report.append({"kill": number + 1, "kind": kind, "pids": len(victims),
                           "taps_in_flight": cut, "seconds_to_healthy": round(back, 2),
                           "integrity": integrity(server.instance)["bad"]})
    finally:
        stop.set()


def run(*, kills: int = 20, learners: int = 8, seed: int = 13) -> dict:
    instance = Path(tempfile.mkdtemp(prefix="pasapas-drill-crash-"))
    server = DrillServer(instance / "instance").start()
    tally, report, stop = Tally(), [], threading.Event()
    started = time.monotonic()
    killer = threading.Thread(target=_killer, args=(server, tally, kills, seed, report, stop))
    killer.start()

    async def main() -> None:
        await asyncio.gather(*(_learner(server, tally, stop, seed + i) for i in range(learners)))

    try:
        asyncio.run(main())
        killer.join()
        final_integrity = integrity(server.instance)
        log = server.log()
    finally:
        stop.set()
        server.stop()
    records = check_records(server.instance / "kiosk.db")
    result = {
        "kills": len(report), "kinds": dict(Counter(k["kind"] for k in report)),
        "learners": learners, "seconds": round(time.monotonic() - started, 1),
        "taps_answered": tally.taps, "taps_tapped_again": tally.retries,
        "taps_in_flight_at_kills": sum(k["taps_in_flight"] for k in report),
        "exercises_passed": tally.exercises_passed,
        "flow_errors": dict(tally.flow_errors), "restart_seconds_max":
            max([k["seconds_to_healthy"] for k in report] or [0]),
        "integrity_after_each_restart_bad": [k for k in report if k["integrity"]],
        "integrity_at_end": final_integrity, "records": records,
        "server_errors": server_errors(log)[:10], "each_kill": report,
    }
    result["ok"] = (not result["flow_errors"] and not result["integrity_after_each_restart_bad"]
                    and not final_integrity["bad"] and records["problems"] == []
                    and tally.exercises_passed > 0)
    return result


def check_records(database: Path) -> dict:
    """Step results and statements of every attempt, against what the attempt calls for."""
    conn = sqlite3.connect(database)
    try:
        attempts = conn.execute("SELECT id, status, current_step FROM attempts").fetchall()
        steps = Counter()
        step_ids = Counter()
        for attempt_id, index, step_id in conn.execute(
                "SELECT attempt_id, step_index, step_id FROM step_results"):
            steps[(attempt_id, index)] += 1
            step_ids[(attempt_id, step_id)] += 1
        statements = Counter()
        interacted = Counter()
        for attempt_id, verb, body in conn.execute(
                "SELECT attempt_id, verb, statement FROM xapi_outbox"):
            statements[(attempt_id, verb)] += 1
            if verb == "interacted":  # its object is the step: …/<scenario>/<step id>
                step_iri = json.loads(body)["object"]["id"]
                interacted[(attempt_id, step_iri.rstrip("/").rsplit("/", 1)[-1])] += 1
        ids = conn.execute("SELECT count(*), count(DISTINCT id) FROM xapi_outbox").fetchone()
    finally:
        conn.close()
    problems = []
    for attempt_id, status, _current in attempts:
        done = sorted(i for (a, i), _ in steps.items() if a == attempt_id)
        twice = [i for (a, i), n in steps.items() if a == attempt_id and n > 1]
        if twice:
            problems.append(f"attempt {attempt_id}: step results twice {twice}")
        if status == "passed" and done != list(range(STEPS_OF_SCENARIO)):
            problems.append(f"attempt {attempt_id} passed with steps {done}")
        expected = {"initialized": 1, **({"interacted": len(done)} if done else {})}
        expected.update({"completed": 1, "passed": 1, "terminated": 1} if status == "passed"
                        else {"abandoned": 1} if status == "abandoned" else {})
        got = {verb: n for (a, verb), n in statements.items() if a == attempt_id}
        if got != expected:
            problems.append(f"attempt {attempt_id} ({status}): statements {got}, "
                            f"expected {expected}")
    if interacted != step_ids:
        problems.append(f"statements « interacted » {dict(interacted - step_ids)} without "
                        f"their step result, step results {dict(step_ids - interacted)} "
                        "without their statement")
    if ids[0] != ids[1]:
        problems.append(f"{ids[0] - ids[1]} statement ids twice")
    return {"attempts": len(attempts), "by_status": dict(Counter(a[1] for a in attempts)),
            "step_results": sum(steps.values()), "statements": sum(statements.values()),
            "problems": problems}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--learners", type=int, default=8)
    args = parser.parse_args(argv)
    result = run(kills=args.kills, learners=args.learners)
    print(json.dumps({k: v for k, v in result.items() if k != "each_kill"}, indent=1,
                     ensure_ascii=False))
    save("crash", result)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
