"""Every drill, one after the other, each bounded in time (`make drills`, ~25 min; not part of
`make test`).

    python -m drills.run_all                       every drill, then docs/reliability.md
    python -m drills.run_all --only crash,clocks   some of them
    python -m drills.run_all --quick               fewer kills, 2-minute soak: a smoke run
    python -m drills.run_all --no-write            leave docs/reliability.md alone

Each drill runs in its own process on 127.0.0.1 against its own throw-away instance folder and
writes drills/out/<drill>.json (not committed). A drill that overruns its time is stopped and
counted as failed. The figures of docs/reliability.md (between its « drill » markers) are then
written again from the JSON files by drills/report.py; the hand-written text around them is
kept.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time

from drills import report
from drills.common import OUT, ROOT, save

# name → (command, its time limit in seconds, the quick variant's extra arguments)
DRILLS: dict[str, tuple[list[str], int, list[str]]] = {
    "hostile": (["-m", "drills.hostile"], 600, []),
    "crash": (["-m", "drills.crash"], 900, ["--kills", "6"]),
    "full_disk": (["-m", "drills.full_disk"], 900, []),
    "corruption": (["-m", "drills.corruption"], 600, []),
    "clocks": (["-m", "drills.clocks"], 900, []),
    "slow_network": (["-m", "pytest", "-q", "-p", "no:cacheprovider",
                      "tests/e2e/test_slow_network.py"], 600, []),
    "soak": (["-m", "drills.soak"], 1800, ["--learners", "200", "--minutes", "2"]),
}


def _run(name: str, quick: bool) -> dict:
    command, limit, quick_args = DRILLS[name]
    started = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run([sys.executable, *command, *(quick_args if quick else [])],
                              cwd=ROOT, env=env, timeout=limit, capture_output=True, text=True)
        code, tail = done.returncode, (done.stdout + done.stderr)[-2000:]
    except subprocess.TimeoutExpired as exc:
        code, tail = "timeout", f"stopped after {limit} s\n{(exc.stdout or b'')[-1500:]!r}"
    seconds = round(time.monotonic() - started, 1)
    return {"exit": code, "seconds": seconds, "tail": tail}


def _slow_network(outcome: dict) -> None:
    """The slow-network drill is two Playwright tests: their outcome is its result."""
    passed = sum(int(n) for n in re.findall(r"(\d+) passed", outcome["tail"]))
    failed = sum(int(n) for n in re.findall(r"(\d+) (?:failed|error)", outcome["tail"]))
    save("slow_network", {"tests_passed": passed, "tests_failed": failed,
                          "seconds": outcome["seconds"], "ok": outcome["exit"] == 0})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(DRILLS))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    names = [n for n in args.only.split(",") if n]
    unknown = [n for n in names if n not in DRILLS]
    if unknown:
        parser.error(f"unknown drills: {', '.join(unknown)} (known: {', '.join(DRILLS)})")
    outcomes = {}
    for name in names:
        print(f"— drill {name} …", flush=True)
        outcome = outcomes[name] = _run(name, args.quick)
        if name == "slow_network":
            _slow_network(outcome)
        verdict = "ok" if outcome["exit"] == 0 else f"FAILED ({outcome['exit']})"
        print(f"  {verdict} in {outcome['seconds']} s", flush=True)
        if outcome["exit"] != 0:
            print(outcome["tail"], flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "run_all.json").write_text(json.dumps(
        {n: {k: v for k, v in o.items() if k != "tail"} for n, o in outcomes.items()},
        indent=1))
    if not args.no_write and not args.quick:
        print(f"docs/reliability.md written from {report.write()} result files")
    return 0 if all(o["exit"] == 0 for o in outcomes.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
