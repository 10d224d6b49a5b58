"""What every drill needs: the production server it attacks, its processes, the checks that
nothing is damaged, and where the figures go.

Each drill runs the real server (run_kiosk.py: gunicorn, 2 workers × 4 threads, preload) on
127.0.0.1 only, on a throw-away instance folder, bounded in time and in count.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil

from kiosk.server_process import LiveServer

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(os.environ.get("DRILLS_OUT", ROOT / "drills" / "out"))


def minutes(default: float) -> float:
    """``DRILL_MINUTES`` shortens the long drills while developing; the figures written in
    docs/reliability.md come from the full duration (the report says which was used)."""
    return float(os.environ.get("DRILL_MINUTES") or default)


def commit() -> str:
    """The commit the drill runs on, with ``+changes`` when the tree differs from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


# The code a drill runs is the code of its start: edits made while it runs (a long soak)
# must not be counted in, nor make it look run on uncommitted changes.
COMMIT_AT_START = commit()


class DrillServer(LiveServer):
    """The production server, with the means to kill it the hard way and start it again."""

    def __init__(self, instance: Path, settings: dict[str, str] | None = None,
                 port: int | None = None, *, workers: int = 2, threads: int = 4):
        super().__init__(instance, settings, port, workers=workers, threads=threads)

    def start(self, timeout: float = 90.0) -> DrillServer:
        super().start(timeout)
        deadline = time.monotonic() + timeout
        while len(self.workers_pids()) < self.workers and time.monotonic() < deadline:
            time.sleep(0.05)  # polling for the forked workers, not a fixed wait
        return self

    def master_pid(self) -> int | None:
        return self.process.pid if self.process and self.process.poll() is None else None

    def workers_pids(self) -> list[int]:
        try:
            return [p.pid for p in psutil.Process(self.process.pid).children(recursive=True)]
        except (psutil.NoSuchProcess, AttributeError):
            return []

    def kill(self, which: str, chooser) -> list[int]:
        """SIGKILL: ``all`` (master and workers at once: a power cut, the OOM killer on the
        cgroup), ``master`` (then its orphaned workers, as systemd's restart does), or one
        ``worker`` (gunicorn's master forks another). Returns the pids killed."""
        master, workers = self.master_pid(), self.workers_pids()
        if which == "worker":
            victims = [chooser(workers)] if workers else []
        elif which == "master":
            victims = [master]
        else:
            victims = [master, *workers]
        for pid in victims:
            _kill(pid)
        if which in ("all", "master"):
            self.process.wait()
            for pid in workers:  # what systemd does to the rest of the unit's processes
                _kill(pid)
            _wait_gone(workers)
        return victims

    def restart(self, timeout: float = 90.0) -> float:
        """Start again on the same port and instance; returns the seconds until /healthz."""
        started = time.monotonic()
        env = {**os.environ, "PASAPAS_INSTANCE_PATH": str(self.instance), **{
            f"PASAPAS_{k}": v for k, v in self.settings.items()}}
        with (self.instance / "server.log").open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "run_kiosk.py"), "--port", str(self.port),
                 "--workers", str(self.workers), "--threads", str(self.threads)],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the kiosk server stopped:\n{self.log()[-3000:]}")
            if self.healthy() and len(self.workers_pids()) >= self.workers:
                return time.monotonic() - started
            time.sleep(0.05)
        raise RuntimeError("the restarted kiosk server did not answer /healthz in time")


def _kill(pid: int | None) -> None:
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _wait_gone(pids: list[int], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(psutil.pid_exists(p) and
                                              psutil.Process(p).status() != "zombie"
                                              for p in pids):
        time.sleep(0.02)


# --- what must never be damaged -------------------------------------------------------------

def integrity(instance: Path) -> dict:
    """``PRAGMA integrity_check`` on kiosk.db and on every live world: the bad ones by name.
    Opened as the server opens them: a world killed in the middle of a write has a hot journal
    that the first connection rolls back (a read-only one could not)."""
    bad = {}
    files = [instance / "kiosk.db", *sorted((instance / "worlds" / "live").glob("*.db"))]
    for path in files:
        try:
            with sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=10) as conn:
                verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            verdict = str(exc)
        if not path.exists():  # ended meanwhile (« Terminer »): nothing to check
            continue
        if verdict != "ok":
            bad[path.name] = verdict
    return {"checked": len(files), "bad": bad}


def server_errors(log: str) -> list[str]:
    """Tracebacks and Flask's unhandled errors in a server log (a kind page logs none)."""
    lines = log.splitlines()
    return [line[:200] for line in lines if "Traceback" in line or "ERROR in app" in line]


# --- figures ---------------------------------------------------------------------------------

def save(name: str, result: dict) -> Path:
    """drills/out/<name>.json (not committed); docs/reliability.md is written from it."""
    OUT.mkdir(parents=True, exist_ok=True)
    result = {"drill": name, "commit": COMMIT_AT_START,
              "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
              # The machine is shared: what else ran beside the drill, as `uptime` says it.
              "load_average": [round(x, 2) for x in os.getloadavg()], **result}
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
    return path


def load(name: str) -> dict | None:
    path = OUT / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None
