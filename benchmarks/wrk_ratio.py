"""Throughput against bare Flask, measured with wrk in one run on one server.

    .venv/bin/python -m benchmarks.wrk_ratio [--seconds 8] [--sessions 64]

The production server shape (gunicorn, 2 workers × 4 threads, preload), and wrk with 2 threads
and 32 connections on five pages, one after the other: bare Flask (benchmarks/bare_flask.py: a
one-route Flask application on the same gunicorn settings, the ceiling of this server shape and
the baseline of every ratio), the kiosk's own bare page (`/_bench/bare`: « ok » behind every
hook of the kiosk), the kiosk's home page without a cookie (a visit that stores nothing), the
floor of a logged-in page (`/sites/_bench/world`: the learner's session and world opened, one
row read, nothing drawn: what no drawing of a page can go below), and a logged-in bank page
(`/sites/banque/synthese`) spread over many distinct sessions (a Lua script gives each request
the next learner's cookie), not one cookie shared by every connection. The aim (issue
« Drills », speed): each kiosk page at least 0.4 of bare Flask. Every request asks for zstd, as
the kiosk's Chromium does. Results: benchmarks/out/wrk-*.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks import load
from benchmarks.learner import OPEN_SESSION
from benchmarks.server import ROOT, BenchServer
from kiosk.server_process import free_port, stop_process

AIM = 0.4
BANK_PAGE = "/sites/banque/synthese"
HEADERS = {"Accept-Encoding": "zstd", "Accept": "text/html"}


async def _logged_in_cookies(server: BenchServer, count: int) -> list[str]:
    """``count`` learners logged in at the bank, each with its own session and world."""
    recorder = load.Recorder()
    until = time.monotonic() + 180
    learners = await asyncio.gather(*(
        load._play(server, recorder, OPEN_SESSION, until=until, delay=i * 0.05,
                   loop_forever=False) for i in range(count)))
    cookies = ["; ".join(f"{k}={v}" for k, v in learner.browser.cookies.items())
               for learner in learners if learner is not None]
    if len(cookies) < count:
        raise RuntimeError(f"only {len(cookies)} of {count} learners logged in: "
                           f"{dict(recorder.errors)}")
    return cookies


def _lua(path: str, cookies: list[str] | None) -> str:
    headers = ", ".join(f'["{k}"] = "{v}"' for k, v in HEADERS.items())
    if not cookies:
        return f'wrk.path = "{path}"\nwrk.headers = {{{headers}}}\n'
    quoted = ",\n  ".join(json.dumps(cookie) for cookie in cookies)
    return (f"local cookies = {{\n  {quoted}\n}}\nlocal i = 0\n"
            "request = function()\n  i = i % #cookies + 1\n"
            f"  local headers = {{{headers}}}\n  headers[\"Cookie\"] = cookies[i]\n"
            f'  return wrk.format("GET", "{path}", headers)\nend\n')


_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
_PERCENTILE = re.compile(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)")
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(server, script: Path, seconds: int) -> dict:
    done = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-s", str(script),
         f"http://{server.host}:{server.port}"], capture_output=True, text=True, check=True)
    latency = {f"p{q}_ms": round(float(v) * _UNIT_MS[unit], 2)
               for q, v, unit in _PERCENTILE.findall(done.stdout)}
    return {"req_per_s": float(_RATE.search(done.stdout).group(1)), **latency,
            "errors": [e for pair in _ERRORS.findall(done.stdout) for e in pair if e]}


class _BareFlask:
    """benchmarks/bare_flask.py in its own process, for the length of the run."""

    def __init__(self):
        self.host, self.port = "127.0.0.1", free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.bare_flask", "--port", str(self.port)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{self.host}:{self.port}/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)  # polling until it answers, not a fixed delay
        self.stop()
        raise RuntimeError("bare Flask did not start")

    def stop(self) -> None:
        stop_process(self.process)


def measure(seconds: int = 8, sessions: int = 64) -> dict:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (apt-get install wrk)")
    with tempfile.TemporaryDirectory() as folder, BenchServer(Path(folder) / "instance") as server:
        server.warm_up()
        cookies = asyncio.run(_logged_in_cookies(server, sessions))
        bare_flask = _BareFlask()
        results = {}
        try:
            script = Path(folder) / "wrk.lua"
            script.write_text(_lua("/", None))
            results["bare Flask"] = _wrk(bare_flask, script, seconds)
        finally:
            bare_flask.stop()
        for name, path, jar in (("the kiosk's bare page (every hook, no page)", "/_bench/bare",
                                 None),
                                ("home page, no cookie", "/", None),
                                (f"logged-in floor, {sessions} sessions (session and world "
                                 "opened, no page)", "/sites/_bench/world", cookies),
                                (f"bank page, {sessions} sessions", BANK_PAGE, cookies)):
            script.write_text(_lua(path, jar))
            results[name] = _wrk(server, script, seconds)
        bare = results["bare Flask"]["req_per_s"]
        for figures in results.values():
            figures["ratio"] = round(figures["req_per_s"] / bare, 3) if bare else 0.0
    return {"seconds": seconds, "sessions": sessions, "aim": AIM, "pages": results}


def table(result: dict) -> str:
    rows = ["| page | req/s | p50 | p90 | p99 | of bare Flask | aim |",
            "|---|---|---|---|---|---|---|"]
    for name, f in result["pages"].items():
        aim = ("" if name == "bare Flask" or "bare page" in name or "floor" in name
               else "met" if f["ratio"] >= AIM else "**missed**")
        rows.append(f"| {name} | {f['req_per_s']:.0f} | {f.get('p50_ms')} ms | "
                    f"{f.get('p90_ms')} ms | {f.get('p99_ms')} ms | {f['ratio']:.2f} | {aim} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--sessions", type=int, default=64)
    args = parser.parse_args()
    result = measure(args.seconds, args.sessions)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"wrk-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(table(result))
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
