"""Drill « disque plein »: the instance folder on a tiny file system, filled to the last byte.

    python -m drills.full_disk [--size-mb 8]

The drill makes its own file system, a tmpfs of a few MB, in a private mount namespace
(``unshare``: as root, or as an ordinary user mapped to root in a user namespace), so nothing
of the machine is touched and the mount disappears with the drill whatever happens. The
production server runs with its instance folder there. Learners start exercises; then a file
fills the disk; then:

- a new learner taps « Ma banque »: the kind page « La borne a besoin d'un moment » (503),
  never a traceback; the home page itself still shows (it writes nothing);
- the learners already in an exercise tap on: each tap is answered, by the next page or by the
  kind page; their attempts, worlds and the outbox stay intact (integrity checks);
- the operator reads « STOCKAGE PLEIN » in the log, and the janitor's « MÉNAGE » line;
- the file is deleted (space returns): the learners finish their exercises, a new one starts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.http_client import Browser, Response
from benchmarks.learner import FlowError, Learner
from benchmarks.visits import coach
from drills.common import OUT, ROOT, DrillServer, integrity, save, server_errors
from drills.crash import check_records

KIND = "La borne a besoin d&#39;un moment."
INSIDE = "PASAPAS_DRILL_IN_NAMESPACE"


class Watch:
    """Every answer the learners got, sorted into: a page, the kind page, anything else."""

    def __init__(self) -> None:
        self.phase = "space"
        self.answers: Counter = Counter()
        self.unkind: list[str] = []

    def __call__(self, response: Response) -> None:
        if response.status == 503 and KIND in response.text:
            kind = "kind page (503)"
        elif response.status >= 500 or "Traceback" in response.text:
            kind = f"error {response.status}"
            self.unkind.append(f"{self.phase}: {response.method} {response.path} "
                               f"{response.status}")
        else:
            kind = f"{response.status}"
        self.answers[(self.phase, kind)] += 1


async def _learner_taps(learner: Learner, steps, *, retry_for: float, before_each=None,
                        count: int | None = None) -> list[str]:
    """Play the learner's next ``count`` steps of ``steps`` (from where it stopped); a tap
    answered by the kind page is tapped again (like a learner reading « Réessayez dans un
    instant »), for at most ``retry_for`` seconds."""
    done = []
    start = getattr(learner, "cursor", 0)
    for name, step in steps[start:start + count if count else None]:
        deadline = time.monotonic() + retry_for
        while True:
            if before_each:
                before_each()
            try:
                await step(learner)
                done.append(name)
                learner.cursor = getattr(learner, "cursor", 0) + 1
                break
            except FlowError:
                if time.monotonic() > deadline:
                    return done
                await asyncio.sleep(0.5)
    return done


def fill(ballast: Path) -> None:
    """Write zeros at the end of ``ballast`` until the file system refuses (ENOSPC)."""
    with ballast.open("ab", buffering=0) as f:
        for size in (1 << 20, 65536, 4096, 512, 1):  # big pieces, then the last bytes
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                continue


def inside(size_mb: int, result_path: Path) -> None:
    """In the private mount namespace: mount, serve, fill, check, free, check again."""
    top = Path(tempfile.mkdtemp(prefix="pasapas-drill-disk-"))
    instance = top / "instance"
    instance.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0700", "tmpfs",
                    str(instance)], check=True)
    watch = Watch()
    server = DrillServer(instance).start()
    result: dict = {"size_mb": size_mb}
    try:
        result.update(asyncio.run(_scenario(server, instance, watch)))
        result["log"] = _log_lines(server.log())
        result["server_errors"] = server_errors(server.log())[:10]
    finally:
        server.stop()
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "full_disk-server.log").write_text(server.log())
        subprocess.run(["umount", "-l", str(instance)], check=False)
        shutil.rmtree(top, ignore_errors=True)
    result["answers"] = {f"{phase}: {kind}": n for (phase, kind), n in sorted(
        watch.answers.items())}
    result["unkind_answers"] = watch.unkind[:10]
    result_path.write_text(json.dumps(result, ensure_ascii=False, default=str))


async def _scenario(server: DrillServer, instance: Path, watch: Watch) -> dict:
    steps = coach.TRANSFER_EXERCISE  # home, start, log in, form, Valider, Confirmer, Terminer
    learners = [Learner(Browser(server.host, server.port, on_response=watch)) for _ in range(4)]
    for learner in learners:
        assert len(await _learner_taps(learner, steps, retry_for=30, count=3)) == 3, (
            "the learners could not start")
    # Things the janitor may free: a world no session owns any more, a half-built golden.
    live = instance / "worlds" / "live"
    orphan = live / ("0" * 32 + ".db")
    shutil.copyfile(next(live.glob("*.db")), orphan)
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    (instance / "worlds" / "golden" / ".martine-half-built.tmp").write_bytes(b"\0" * 200_000)

    watch.phase = "full"
    ballast = instance / "ballast"

    def keep_full() -> None:  # whatever the janitor frees, something else fills again
        fill(ballast)

    keep_full()
    free_when_full = shutil.disk_usage(instance).free
    newcomer = Learner(Browser(server.host, server.port, on_response=watch))
    home = await newcomer.browser.get("/")
    keep_full()
    newcomer_started = len(await _learner_taps(newcomer, steps, retry_for=2, count=2,
                                               before_each=keep_full)) == 2
    # Each learner taps on: the transfer form (a page), « Valider » (a draft: a write).
    taps_while_full = [await _learner_taps(learner, steps, retry_for=2, count=2,
                                           before_each=keep_full) for learner in learners]
    integrity_full = integrity(instance)
    try:  # the drill's own connection may need a few bytes: best effort while full
        records_full = check_records(instance / "kiosk.db")
    except sqlite3.DatabaseError as exc:
        records_full = {"problems": [], "unreadable_while_full": str(exc)}
    freed_orphan = not orphan.exists()

    watch.phase = "space back"
    ballast.unlink()
    for learner in learners:  # each one taps on from where the full disk stopped it
        await _learner_taps(learner, steps, retry_for=30)
    fresh = Learner(Browser(server.host, server.port, on_response=watch))
    fresh_done = await _learner_taps(fresh, steps, retry_for=30)
    for learner in (*learners, newcomer, fresh):
        await learner.browser.close()
    return {
        "free_bytes_when_full": free_when_full,
        "home_when_full": home.status,
        "newcomer_started_when_full": newcomer_started,
        "taps_done_while_full": [len(t) for t in taps_while_full],
        "janitor_deleted_the_orphan_world": freed_orphan,
        "integrity_when_full": integrity_full, "records_when_full": records_full,
        "exercises_finished_after": sum(getattr(learner, "cursor", 0) == len(steps)
                                        for learner in learners),
        "learners": len(learners),
        "new_learner_after": len(fresh_done) == len(steps),
        "integrity_after": integrity(instance),
        "records_after": check_records(instance / "kiosk.db"),
    }


def _log_lines(log: str) -> dict:
    return {word: len(re.findall(word, log)) for word in ("STOCKAGE PLEIN", "MÉNAGE",
                                                          "Traceback")}


def run(size_mb: int = 8) -> dict:
    """From outside: the drill in a private mount namespace; its result."""
    result_path = Path(tempfile.mkstemp(prefix="pasapas-disk-", suffix=".json")[1])
    as_root = os.geteuid() == 0
    unshare = ["unshare", "--mount", "--propagation", "private"] if as_root else [
        "unshare", "--user", "--map-root-user", "--mount", "--propagation", "private"]
    env = {**os.environ, INSIDE: "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([*unshare, sys.executable, "-m", "drills.full_disk", "--size-mb",
                           str(size_mb), "--result", str(result_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0 or not result_path.read_text():
        raise RuntimeError(f"the drill failed in its namespace:\n{done.stdout}\n{done.stderr}")
    result = json.loads(result_path.read_text())
    result_path.unlink()
    result["namespace"] = "unshare as root" if as_root else "unshare, user namespace"
    result["ok"] = (result["home_when_full"] == 200 and not result["newcomer_started_when_full"]
                    and not result["unkind_answers"] and result["log"]["STOCKAGE PLEIN"] > 0
                    and result["log"]["MÉNAGE"] > 0 and result["log"]["Traceback"] == 0
                    and not result["integrity_when_full"]["bad"]
                    and not result["integrity_after"]["bad"]
                    and result["records_when_full"]["problems"] == []
                    and result["records_after"]["problems"] == []
                    and result["exercises_finished_after"] == result["learners"]
                    and result["new_learner_after"])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=8)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if os.environ.get(INSIDE) and args.result:
        inside(args.size_mb, Path(args.result))
        return 0
    result = run(args.size_mb)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    save("full_disk", result)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
