#!/usr/bin/env python3
"""Pas à pas — the kiosk server's benchmarks, in one bounded run (`make bench`, ~6-9 min).

    python benchmarks/run_all.py                 everything; rewrites the figures in RESULTS.md
    python benchmarks/run_all.py --quick         short windows (a smoke run, figures not kept)
    python benchmarks/run_all.py --only worlds,pages --no-write
    python benchmarks/run_all.py --snapshot      the same, on a copy of HEAD (see snapshot.py)

What it measures (each on a fresh production server: run_kiosk.py, gunicorn gthread, loopback):
  saturation  closed-loop learners replaying the bank visit as fast as they can, and the same
              number of clients on the bare Flask page /_bench/bare (the baseline), at a few
              concurrency levels: requests/s of each and their ratio
  paced       100 learners each tapping once every 3 s (jittered) for 60 s after the ramp-up:
              latency p50/p95/p99 per request and per tap, errors
  worlds      world creation in-process (Worlds.create), many runs: median, p95
  profile     each route's time in-process (no server), and where the synthesis spends it
  memory      RSS/USS/PSS of the gunicorn master + workers idle, at 100 and 500 open sessions
  pages       bytes each kiosk page transfers with its assets (Chromium, cold, cache disabled)
  configs     the saturation of the visit for a few workers x threads settings

Every figure goes to benchmarks/out/results-<time>.json; the tables in RESULTS.md (between the
"results" markers) are regenerated from it, the hand-written reading around them is kept.
The load generator runs in this process on the same two cores as the server: its CPU share,
and the CPU that other processes took meanwhile, are recorded beside each figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import load, report  # noqa: E402
from benchmarks.server import BenchServer  # noqa: E402

# A run from a snapshot (--snapshot) writes its results back to the checkout it came from.
OUT = Path(os.environ.get("BENCH_OUT", ROOT / "benchmarks" / "out"))
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "benchmarks" / "RESULTS.md"))
PHASES = ("worlds", "profile", "saturation", "paced", "memory", "pages", "configs")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(PHASES), help="comma-separated phases")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--quick", action="store_true", help="short windows, for a smoke run")
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md alone")
    parser.add_argument("--snapshot", action="store_true",
                        help="benchmark a copy of HEAD, safe from edits made during the run")
    parser.add_argument("--quiet-wait", type=float, default=10.0,
                        help="seconds to wait, before each measurement, for other processes "
                             "to leave the CPU (the figures record what they took anyway)")
    parser.add_argument("--configs", default="1x8,2x4,2x8,3x4,4x4",
                        help="workers x threads settings compared in the configs phase")
    return parser.parse_args(argv)


class Run:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.quick = args.quick
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        self.folder = OUT / f"run-{stamp}"
        self.results: dict = {"started": dt.datetime.now().isoformat(timespec="seconds"),
                              "command": os.environ.get("BENCH_COMMAND") or " ".join(
                                  ["python", "benchmarks/run_all.py", *sys.argv[1:]]),
                              "server": {"workers": args.workers, "threads": args.threads},
                              "machine": report.machine()}
        self.json_path = OUT / f"results-{stamp}.json"

    @contextmanager
    def server(self, name: str, workers: int | None = None, threads: int | None = None):
        """A fresh production server, warmed up; the warm-up's failed visits are recorded."""
        server = BenchServer(self.folder / name, workers=workers or self.args.workers,
                             threads=threads or self.args.threads).start()
        try:
            failed = load.warm_up(server)
            self.results.setdefault("warmup_failed_visits", {})[name] = failed
            yield server
        finally:
            server.stop()

    def phase(self, name: str, function) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {name}…", flush=True)
        started = time.monotonic()
        try:
            self.results[name] = function()
        except Exception as exc:  # noqa: BLE001 — one broken phase must not hide the others
            self.results[name] = {"failed": f"{type(exc).__name__}: {exc}"}
            print(f"  {name} failed: {exc}", flush=True)
        self.results.setdefault("durations_s", {})[name] = round(time.monotonic() - started, 1)
        self.save()

    def quiet(self) -> float:
        """Give other people's processes a moment to finish (the machine is shared)."""
        return load.wait_for_quiet(
            max_wait=min(5, self.args.quiet_wait) if self.quick else self.args.quiet_wait)

    def save(self) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        self.json_path.write_text(json.dumps(self.results, indent=1, ensure_ascii=False))

    # --- phases ---------------------------------------------------------------------------
    def worlds(self) -> dict:
        from benchmarks.worlds_bench import time_world_creation

        runs = 100 if self.quick else 500
        # Every world holds every site's tables; each persona's world is timed (the bank's
        # Martine, France Travail's Samir with his papers, the tax space's Nadia with her
        # mailbox and FranceConnect).
        personas = []
        for persona in ("martine", "samir", "nadia"):
            self.quiet()
            personas.append(time_world_creation(runs=runs, persona=persona))
        return {"personas": personas}

    def profile(self) -> dict:
        from benchmarks.profile_routes import profile_routes

        self.quiet()
        return profile_routes(runs=50 if self.quick else 200)

    def saturation(self) -> dict:
        """Each level in a few short rounds, bare then visit, keeping each side's best round:
        other people's processes can only lower a round's throughput, never raise it."""
        levels = [16] if self.quick else [4, 16, 64]
        rounds, warmup, window = (1, 2, 4) if self.quick else (3, 2, 5)
        rows = []
        with self.server("saturation") as server:
            for clients in levels:
                tries = {"bare": [], "flows": []}
                for _ in range(rounds):
                    quiet = self.quiet()
                    for side, run in (("bare", load.saturate_bare),
                                      ("flows", load.saturate_flows)):
                        result = run(server, clients=clients, warmup=warmup, duration=window)
                        result["load_before"] = quiet
                        tries[side].append(result)
                row = {"clients": clients, "rounds": rounds}
                for side, results in tries.items():
                    row[side] = max(results, key=lambda r: r["requests_per_s"])
                    row[side]["all_rounds_req_s"] = [round(r["requests_per_s"]) for r in results]
                    row[side]["errors_all_rounds"] = sum(
                        r["http_errors"] + r["flow_errors"] + r["flow_errors_outside_window"]
                        for r in results)
                rows.append(row)
                print(f"  {clients:>3} clients: bare {row['bare']['all_rounds_req_s']} req/s, "
                      f"visit {row['flows']['all_rounds_req_s']} req/s", flush=True)
            log = server.log()
        return {"levels": rows, "cores": os.cpu_count(),
                "server_errors_logged": log.count("ERROR in app"),
                "server_exceptions": _errors_in(log)}

    def paced(self) -> dict:
        ramp, window = (5, 15) if self.quick else (15, 60)
        with self.server("paced") as server:
            quiet = self.quiet()
            result = load.paced(server, learners=100, think_s=3.0, ramp=ramp, duration=window)
            result["load_before"] = quiet
            result["memory_after"] = server.memory().__dict__
            log = server.log()
        result["server_errors_logged"] = log.count("ERROR in app")
        result["server_exceptions"] = _errors_in(log)
        print(f"  p50 {result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms, "
              f"p99 {result['latency_ms']['p99']} ms", flush=True)
        return result

    def memory(self) -> dict:
        points = []
        with self.server("memory") as server:
            opened, failed = 0, {}
            for target in (0, 100, 500):
                if target > opened:
                    failed = load.open_sessions(server, target - opened)
                    opened = target
                time.sleep(1.0)  # let the workers finish their last responses
                memory = server.memory()
                worlds, world_bytes = server.worlds_on_disk()
                kiosk_db = sum(p.stat().st_size for p in server.instance.glob("kiosk.db*"))
                points.append({"sessions": target, **memory.__dict__, "worlds": worlds,
                               "world_bytes": world_bytes, "kiosk_db_bytes": kiosk_db,
                               "failed_attempts": failed.get("failed_attempts", 0),
                               "error_kinds": failed.get("error_kinds", {})})
                print(f"  {target:>3} sessions: footprint {memory.footprint / 2**20:.1f} MiB, "
                      f"RSS {memory.rss / 2**20:.1f} MiB", flush=True)
        return {"points": points}

    def pages(self) -> list[dict]:
        from benchmarks.page_weight import measure_pages

        with self.server("pages") as server:
            # A smoke run (the harness's own test) loads a dozen bank pages, no other site's.
            if self.quick:
                return measure_pages(server, max_pages=10, other_sites=False)
            return measure_pages(server)

    def configs(self) -> list[dict]:
        rows = []
        clients = 32
        rounds, warmup, window = (1, 2, 4) if self.quick else (2, 2, 6)
        for setting in self.args.configs.split(","):
            workers, threads = (int(n) for n in setting.lower().split("x"))
            with self.server(f"config-{setting}", workers, threads) as server:
                idle = server.memory()
                tries = []
                for _ in range(rounds):
                    quiet = self.quiet()
                    result = load.saturate_flows(server, clients=clients, warmup=warmup,
                                                 duration=window)
                    result["load_before"] = quiet
                    tries.append(result)
            flows = max(tries, key=lambda r: r["requests_per_s"])
            flows["all_rounds_req_s"] = [round(r["requests_per_s"]) for r in tries]
            rows.append({"workers": workers, "threads": threads, "clients": clients,
                         "flows": flows, "idle_footprint": idle.footprint})
            print(f"  {setting}: {flows['all_rounds_req_s']} req/s, "
                  f"p95 {flows['latency_ms']['p95']} ms", flush=True)
        return rows


def _errors_in(log: str) -> dict[str, int]:
    """The exceptions the server logged, by their last traceback line, with their count."""
    found = re.findall(r"^(?:\w+\.)*\w*(?:Error|Exception)\b.*$", log, re.M)
    return dict(Counter(line[:160] for line in found).most_common(5))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.snapshot and "BENCH_COMMIT" not in os.environ:
        from benchmarks.snapshot import run_from_snapshot

        return run_from_snapshot(ROOT, OUT, [a for a in argv if a != "--snapshot"])
    run = Run(args)
    wanted = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(wanted) - set(PHASES)
    if unknown:
        raise SystemExit(f"unknown phases: {', '.join(sorted(unknown))}")
    started = time.monotonic()
    for name in PHASES:
        if name in wanted:
            run.phase(name, getattr(run, name))
    run.results["total_s"] = round(time.monotonic() - started, 1)
    run.save()
    for log in run.folder.glob("*/server.log"):  # the servers' logs are kept beside the json
        shutil.copyfile(log, run.json_path.with_name(f"{run.json_path.stem}-{log.parent.name}.log"))
    shutil.rmtree(run.folder, ignore_errors=True)  # the instances: worlds, sessions
    print(f"results: {run.json_path}")
    failed = [name for name in wanted if isinstance(run.results.get(name), dict)
              and run.results[name].keys() == {"failed"}]
    if failed:  # never written down as figures: the run says what broke, and fails
        print(f"failed phases: {', '.join(failed)}", file=sys.stderr)
        return 1
    if not args.no_write and not args.quick and set(wanted) == set(PHASES):
        report.write_results(RESULTS, run.results)
        print(f"{RESULTS} updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
