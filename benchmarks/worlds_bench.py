"""World creation, timed in-process: Worlds(path).create(persona, day=...), many runs, for each
persona (Nadia's world has every site seeded: the tax space, FranceConnect, the mailbox, the
papers, the phone; Martine's the bank and the phone).

The golden database of the day is built first (once per persona and per day on a real server,
by the first learner of the day) and timed on its own.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.load import percentile
from benchmarks.server import ROOT, TODAY


def time_world_creation(runs: int = 500, persona: str = "martine") -> dict:
    """One persona's figures (run_all times each persona in turn)."""
    return _time_one(runs, persona)


def _time_one(runs: int, persona: str) -> dict:
    from simulator.sandbox import Worlds  # imported here: the app's code, from this checkout

    day = dt.date.fromisoformat(TODAY)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out) as folder:
        worlds = Worlds(Path(folder))
        started = time.perf_counter()
        golden = worlds.golden(persona, day)
        golden_seconds = time.perf_counter() - started
        create, destroy = [], []
        for _ in range(runs):
            started = time.perf_counter()
            world = worlds.create(persona, day=day)
            create.append(time.perf_counter() - started)
            world.close()
            started = time.perf_counter()
            worlds.destroy(world.id)
            destroy.append(time.perf_counter() - started)
        golden_bytes = golden.stat().st_size

    def ms(values: list[float]) -> dict[str, float]:
        return {"median": round(statistics.median(values) * 1000, 3),
                "p95": round(percentile(values, 95) * 1000, 3),
                "p99": round(percentile(values, 99) * 1000, 3),
                "max": round(max(values) * 1000, 3)}

    return {"runs": runs, "persona": persona, "golden_build_ms": round(golden_seconds * 1000, 1),
            "golden_bytes": golden_bytes, "create_ms": ms(create), "destroy_ms": ms(destroy)}
