"""Drill « corruption »: a learner's world, then kiosk.db, damaged on disk under the running
server.

    python -m drills.corruption

1. Two learners in an exercise; the operator's backup is taken (``run_kiosk.py backup``).
2. Each way a world gets damaged (truncated, garbled, emptied), on one learner's world: that
   learner's next tap gets « La borne a besoin d'un moment » with « recommencer », never a
   traceback; the log says « MONDE ABÎMÉ »; the other learner goes on; the learner starts the
   exercise again and passes it.
3. kiosk.db garbled: every page of a session gets the kind page; the log says « BASE ABÎMÉE ».
   The server is restarted (what the log tells the operator to do): kiosk.db is put aside, the
   backup restored, the log says so; integrity is ok; a new learner passes an exercise.
4. Damaged again, server stopped, ``run_kiosk.py restore`` by hand, started: the same.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.http_client import Browser
from benchmarks.learner import FlowError, Learner
from benchmarks.visits import coach
from drills.common import ROOT, DrillServer, integrity, save, server_errors

KIND = "La borne a besoin d&#39;un moment."
STEPS = coach.TRANSFER_EXERCISE


def _damage(path: Path, how: str) -> None:
    if how == "truncated":
        with path.open("r+b") as f:
            f.truncate(path.stat().st_size // 3)
    elif how == "garbled":
        with path.open("r+b") as f:
            f.write(b"\x00rien de bon\x00" * 16)
    elif how == "garbled everywhere":  # kiosk.db: its header alone would be read from the WAL
        size = path.stat().st_size
        with path.open("r+b") as f:
            f.write((b"\x00rien de bon\x00" * (size // 13 + 1))[:size])
    else:
        path.write_bytes(b"")


def _world_of(instance: Path, learner: Learner) -> Path:
    with sqlite3.connect(instance / "kiosk.db") as conn:
        world_id = conn.execute("SELECT world_id FROM sessions WHERE id = ?",
                                [learner.browser.cookies["pasapas"]]).fetchone()[0]
    return instance / "worlds" / "live" / f"{world_id}.db"


async def _play(learner: Learner, steps) -> int:
    for number, (_name, step) in enumerate(steps):
        try:
            await step(learner)
        except FlowError:
            return number
    return len(steps)


def _operator(server: DrillServer, *args: str) -> str:
    env = {**os.environ, "PASAPAS_INSTANCE_PATH": str(server.instance)}
    done = subprocess.run([sys.executable, str(ROOT / "run_kiosk.py"), *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    return (done.stdout + done.stderr).strip()


async def _worlds(server: DrillServer) -> list[dict]:
    rows = []
    for how in ("truncated", "garbled", "emptied"):
        hurt, other = (Learner(Browser(server.host, server.port)) for _ in range(2))
        for learner in (hurt, other):
            assert await _play(learner, STEPS[:3]) == 3, "could not start the exercise"
        _damage(_world_of(server.instance, hurt), how)
        page = await hurt.browser.get("/sites/banque/synthese")
        other_page = await other.browser.get("/sites/banque/synthese")
        again = Learner(hurt.browser)  # the same browser, the same session: starts again
        passed_again = await _play(again, STEPS[:-1]) == len(STEPS) - 1
        rows.append({"damage": how, "status": page.status, "kind_page": KIND in page.text,
                     "says_start_again": "recommencer" in page.text,
                     "traceback": "Traceback" in page.text,
                     "other_learner_status": other_page.status,
                     "learner_passed_after_starting_again": passed_again})
        for learner in (hurt, other, again):
            await learner.browser.close()
    return rows


async def _kiosk_db(server: DrillServer) -> dict:
    learner = Learner(Browser(server.host, server.port))
    assert await _play(learner, STEPS[:3]) == 3
    _damage(server.instance / "kiosk.db", "garbled everywhere")
    session_page = await learner.browser.get("/sites/banque/synthese")
    visitor = await Browser(server.host, server.port).get("/")
    await learner.browser.close()
    return {"session_page_status": session_page.status,
            "session_page_kind": KIND in session_page.text,
            "traceback": "Traceback" in session_page.text,
            "visitor_home_status": visitor.status}


async def _new_learner_passes(server: DrillServer) -> bool:
    learner = Learner(Browser(server.host, server.port))
    done = await _play(learner, STEPS)
    await learner.browser.close()
    return done == len(STEPS)


def _passed_before_backup(instance: Path) -> int:
    with sqlite3.connect(instance / "kiosk.db") as conn:
        return conn.execute("SELECT count(*) FROM attempts WHERE status = 'passed'").fetchone()[0]


def run() -> dict:
    instance = Path(tempfile.mkdtemp(prefix="pasapas-drill-corruption-")) / "instance"
    server = DrillServer(instance).start()
    result: dict = {}
    try:
        assert asyncio.run(_new_learner_passes(server))
        backup_said = _operator(server, "backup")
        passed_in_backup = _passed_before_backup(instance)
        result["worlds"] = asyncio.run(_worlds(server))
        result["kiosk_db_garbled"] = asyncio.run(_kiosk_db(server))
        log = server.log()
        result["log_world_lines"] = log.count("MONDE ABÎMÉ")
        result["log_kiosk_db_lines"] = log.count("BASE ABÎMÉE")
        server.stop()
        started = time.monotonic()
        server.restart()
        result["restart_restores"] = {
            "seconds": round(time.monotonic() - started, 2),
            "log_says_restored": "restaurée depuis" in server.log(),
            "integrity": integrity(instance)["bad"],
            "passed_attempts_kept": _passed_before_backup(instance),
            "passed_attempts_in_backup": passed_in_backup,
            "damaged_file_kept": bool(list(instance.glob("kiosk.db.abime-*"))),
            "new_learner_passes": asyncio.run(_new_learner_passes(server)),
        }
        server.stop()
        _damage(instance / "kiosk.db", "truncated")
        restore_said = _operator(server, "restore")
        server.restart()
        result["manual_restore"] = {
            "backup_command": backup_said, "restore_command": restore_said,
            "integrity": integrity(instance)["bad"],
            "new_learner_passes": asyncio.run(_new_learner_passes(server)),
        }
        result["server_errors"] = server_errors(server.log())[:10]
        result["log_excerpt"] = re.findall(r"^(?:MONDE|BASE|STOCKAGE)[^\n]{0,160}",
                                           server.log(), re.M)[:4]
    finally:
        server.stop()
    worlds_ok = all(r["status"] == 503 and r["kind_page"] and r["says_start_again"]
                    and not r["traceback"] and r["other_learner_status"] == 200
                    and r["learner_passed_after_starting_again"] for r in result["worlds"])
    db = result["kiosk_db_garbled"]
    restored, manual = result["restart_restores"], result["manual_restore"]
    result["ok"] = (worlds_ok and db["session_page_status"] == 503 and db["session_page_kind"]
                    and not db["traceback"] and result["log_world_lines"] >= 3
                    and result["log_kiosk_db_lines"] >= 1 and restored["log_says_restored"]
                    and not restored["integrity"] and restored["new_learner_passes"]
                    and restored["damaged_file_kept"]
                    and restored["passed_attempts_kept"] == passed_in_backup
                    and not manual["integrity"] and manual["new_learner_passes"]
                    and "restaurée" in manual["restore_command"])
    return result


def main(argv: list[str] | None = None) -> int:
    result = run()
    print(json.dumps(result, indent=1, ensure_ascii=False))
    save("corruption", result)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
