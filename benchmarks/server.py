"""The production kiosk server (run_kiosk.py: gunicorn, gthread) started for a benchmark.

The kiosk's LiveServer, with the bare baseline page (/_bench/bare) enabled, the tests' fixed
date, and the CPU time and memory of the gunicorn master and its workers read with psutil.
"""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil

from kiosk.server_process import LiveServer

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-26"  # the tests' Thursday: every run sees the same history


@dataclass
class Memory:
    """Memory of the master + workers, in bytes.

    RSS counts the pages the workers share with the master once per process. PSS and USS split
    or drop the pages of library files that *other* processes map too (other Pythons on a shared
    machine), so they move with what else runs. Anonymous memory (heap, stacks, the preloaded
    app) can only be shared through fork, inside the server: the sum of each process's
    ``Pss_Anon`` is exactly the server's anonymous memory. The footprint adds the master's
    file-backed pages (interpreter, libraries: the workers map the same files) once."""

    processes: int
    rss: int
    uss: int
    pss: int
    anonymous: int
    footprint: int
    master_anonymous: int
    largest_worker_anonymous: int
    worker_pids: tuple[int, ...]


def _rollup(pid: int) -> dict[str, int]:
    """/proc/<pid>/smaps_rollup, in bytes."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, value = line.partition(":")
        parts = value.split()
        if parts and parts[0].isdigit():
            fields[name.strip()] = int(parts[0]) * 1024
    return fields


class BenchServer(LiveServer):
    def __init__(self, instance: Path, *, workers: int = 2, threads: int = 4,
                 settings: dict[str, str] | None = None):
        super().__init__(instance, {"BENCHMARK_ROUTES": "true", "SIMULATOR_TODAY": TODAY,
                                    **(settings or {})}, workers=workers, threads=threads)

    def start(self, timeout: float = 60.0) -> BenchServer:
        return super().start(timeout)

    def ready(self) -> bool:
        """Healthy, and every worker forked: the figures must not count a worker's start."""
        return self.healthy() and len(self.worker_processes()) >= self.workers

    def warm_up(self) -> None:
        """One full page per worker (imports, templates, the golden database of the day)."""
        for _ in range(self.workers * self.threads):
            for path in ("/", "/_bench/bare"):
                with urllib.request.urlopen(f"{self.url}{path}", timeout=10) as response:
                    response.read()

    def __enter__(self) -> BenchServer:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    # --- what it costs ----------------------------------------------------------------------
    def master(self) -> psutil.Process:
        return psutil.Process(self.process.pid)

    def worker_processes(self) -> list[psutil.Process]:
        try:
            return self.master().children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def cpu_seconds(self) -> float:
        """User + system CPU of the master, its live workers and the workers it has reaped
        (gunicorn recycles a worker after max_requests; its time lands in children_*)."""
        master = self.master().cpu_times()
        total = master.user + master.system + master.children_user + master.children_system
        for worker in self.worker_processes():
            try:
                times = worker.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return total

    def memory(self) -> Memory:
        processes = [self.master(), *self.worker_processes()]
        infos = [p.memory_full_info() for p in processes]
        rollups = [_rollup(p.pid) for p in processes]
        anonymous = [r.get("Pss_Anon", r.get("Anonymous", 0)) for r in rollups]
        master_files = rollups[0].get("Rss", 0) - rollups[0].get("Anonymous", 0)
        return Memory(
            processes=len(processes), rss=sum(i.rss for i in infos),
            uss=sum(i.uss for i in infos), pss=sum(getattr(i, "pss", 0) for i in infos),
            anonymous=sum(anonymous), footprint=sum(anonymous) + master_files,
            master_anonymous=anonymous[0], largest_worker_anonymous=max(anonymous[1:], default=0),
            worker_pids=tuple(sorted(p.pid for p in processes[1:])))

    def worlds_on_disk(self) -> tuple[int, int]:
        """How many live worlds there are, and the bytes their files take."""
        sizes = {}
        for path in (self.instance / "worlds" / "live").glob("*.db*"):
            try:
                sizes[path] = path.stat().st_size
            except FileNotFoundError:  # a journal, or a world wiped meanwhile: learners go on
                continue
        return len([f for f in sizes if f.suffix == ".db"]), sum(sizes.values())
