"""Drill « charge et endurance »: 500 learners, one tap every 3 s, for 10 minutes.

    python -m drills.soak [--learners 500] [--minutes 10]      (DRILL_MINUTES=2 to try it)

The production server (2 workers × 4 threads). The learners are spread over every replica and
the coach (benchmarks/visits: « Ma banque », the transfer exercise, the fake-SMS exercise with
the phone and the fraudulent site), each tapping once every 2–4 s, and each one's page sends
its heartbeat every 5 s, as a kiosk's does. Measured over the window after the ramp-up: every
request's latency (p50/p95/p99, per route), HTTP and flow errors, the server's memory every
15 s (how flat after warm-up), the worlds on disk; at the end every learner taps « Terminer »
and the worlds on disk must come back to none. Then, on the same server, the saturation of the
same mix against the bare Flask page (closed loop, 16 clients), as benchmarks/ does.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks import load
from benchmarks.http_client import Browser
from benchmarks.learner import Learner
from benchmarks.server import BenchServer
from benchmarks.visits import spread
from drills.common import OUT, integrity, minutes, save, server_errors

HEARTBEAT_SECONDS = 5.0


async def _heartbeat(server, cookies: dict, kiosk: str, recorder: load.Recorder,
                     until: float, in_session) -> None:
    beats = Browser(server.host, server.port, cookies=cookies, on_response=recorder.on_response)
    await asyncio.sleep(random.uniform(0, HEARTBEAT_SECONDS))
    while time.monotonic() < until:
        if in_session():
            try:
                await beats.request("GET", "/borne/battement?page=/sites/banque/&seance=1",
                                    headers={"X-Kiosk-Id": kiosk})
            except Exception:  # noqa: BLE001 — counted with the HTTP errors by the recorder
                await beats.close()
        await asyncio.sleep(HEARTBEAT_SECONDS)
    await beats.close()


async def _learner(server, number: int, visit, recorder: load.Recorder, *, until: float,
                   delay: float, draw: random.Random) -> None:
    await asyncio.sleep(delay)
    state = {"in_session": False}
    cookies: dict[str, str] = {}
    beat = asyncio.create_task(_heartbeat(server, cookies, f"borne-{number}", recorder, until,
                                          lambda: state["in_session"]))
    while time.monotonic() < until:
        browser = Browser(server.host, server.port, cookies=cookies,
                          on_response=recorder.on_response)
        learner = Learner(browser)
        for name, step in visit.steps:
            if time.monotonic() >= until:
                break
            started, error = time.perf_counter(), None
            try:
                await step(learner)
            except Exception as exc:  # noqa: BLE001 — any failure is an error of the run
                error = exc
            recorder.on_action(f"{visit.name} / {name}", time.perf_counter() - started, error)
            state["in_session"] = "pasapas" in cookies
            if error is not None:
                break
            await asyncio.sleep(draw.uniform(2.0, 4.0))
        if "pasapas" in cookies:  # the run ends (or the visit broke): « Terminer »
            try:
                await Learner.end(learner)
            except Exception:  # noqa: BLE001 — the session then expires by itself
                pass
        state["in_session"] = False
        cookies.clear()
        await browser.close()
    await beat


async def _watch(server, samples: list, until: float, every: float = 15.0) -> None:
    started = time.monotonic()
    while time.monotonic() < until:
        memory = server.memory()
        worlds, world_bytes = server.worlds_on_disk()
        samples.append({"t": round(time.monotonic() - started), "footprint_mib":
                        round(memory.footprint / 2**20, 1), "rss_mib": round(memory.rss / 2**20, 1),
                        "worlds": worlds, "world_mib": round(world_bytes / 2**20, 1),
                        "load1": round(os.getloadavg()[0], 2)})
        await asyncio.sleep(every)


def run(*, learners: int = 500, duration_minutes: float = 10.0, ramp: float = 60.0,
        seed: int = 11) -> dict:
    instance = Path(tempfile.mkdtemp(prefix="pasapas-drill-soak-")) / "instance"
    server = BenchServer(instance).start()
    draw = random.Random(seed)
    recorder = load.Recorder()
    samples: list[dict] = []
    window = duration_minutes * 60
    try:
        load.warm_up(server)

        async def main() -> dict:
            now = time.monotonic()
            recorder.start, recorder.stop = now + ramp + 5, now + ramp + 5 + window
            plan = spread(learners)
            tasks = [asyncio.create_task(_learner(server, i, visit, recorder,
                                                  until=recorder.stop,
                                                  delay=draw.uniform(0, ramp), draw=draw))
                     for i, visit in enumerate(plan)]
            watcher = asyncio.create_task(_watch(server, samples, recorder.stop + 30))
            await asyncio.sleep(recorder.start - time.monotonic())
            cpu0, wall0 = server.cpu_seconds(), time.monotonic()
            await asyncio.gather(*tasks)
            cpu = {"server_cores": round((server.cpu_seconds() - cpu0)
                                         / (time.monotonic() - wall0), 2)}
            await watcher
            return cpu

        cpu = asyncio.run(main())
        summary = recorder.summary(window)
        worlds_left, _ = server.worlds_on_disk()
        saturation = _saturation(server)
        log = server.log()
        (OUT / "soak-server.log").write_text(log)  # the whole of it: the figures keep ten lines
        final_integrity = integrity(server.instance)
    finally:
        server.stop()
    after_warmup = [s for s in samples if s["t"] >= ramp + 60] or samples
    flat = {"first_mib": after_warmup[0]["footprint_mib"], "last_mib": after_warmup[-1][
        "footprint_mib"], "max_mib": max(s["footprint_mib"] for s in after_warmup),
            "min_mib": min(s["footprint_mib"] for s in after_warmup)}
    # The machine is shared: its load beside the figures (2 cores; above 2, queues).
    loads = [s["load1"] for s in samples if ramp <= s["t"] <= ramp + window] or [0.0]
    result = {
        "load_during": {"min": min(loads), "max": max(loads),
                        "mean": round(sum(loads) / len(loads), 2)},
        "learners": learners, "minutes": duration_minutes, "ramp_s": ramp,
        "visits": dict(Counter(v.name for v in spread(learners))),
        "requests": summary["requests"], "requests_per_s": round(summary["requests_per_s"], 1),
        "latency_ms": summary["latency_ms"], "tap_latency_ms": summary["action_latency_ms"],
        "http_errors": summary["http_errors"], "flow_errors": summary["flow_errors"],
        "error_kinds": summary["error_kinds"], "statuses": summary["statuses"],
        "routes": summary["routes"], "cpu": cpu, "memory": flat, "samples": samples,
        "worlds_max": max((s["worlds"] for s in samples), default=0),
        "worlds_left_at_end": worlds_left, "integrity_at_end": final_integrity,
        "saturation": saturation, "server_errors": server_errors(log)[:10],
    }
    result["ok"] = (result["http_errors"] == 0 and result["flow_errors"] == 0
                    and result["latency_ms"]["p95"] < 150 and worlds_left == 0
                    and not final_integrity["bad"] and not result["server_errors"])
    return result


def _saturation(server) -> dict:
    """The mix of visits as fast as 16 learners can tap, against the bare Flask page."""
    best = {}
    for side in ("bare", "mix"):
        rounds = []
        for _ in range(3):
            recorder = load.Recorder()
            if side == "bare":
                def tasks(until, recorder=recorder):
                    return [load._bare(server, recorder, until) for _ in range(16)]
            else:
                def tasks(until, recorder=recorder):
                    plan = spread(16)
                    return [load._play(server, recorder, v.steps, until=until, delay=i * 0.01)
                            for i, v in enumerate(plan)]
            rounds.append(load._measure(server, recorder, 2, 5, tasks))
        top = max(rounds, key=lambda r: r["requests_per_s"])
        best[side] = {"requests_per_s": round(top["requests_per_s"]),
                      "every_round": [round(r["requests_per_s"]) for r in rounds],
                      "p95_ms": top["latency_ms"]["p95"], "errors": top["http_errors"]
                      + top["flow_errors"], "server_cpu_ms_per_request":
                      top["server_cpu_ms_per_request"]}
    best["ratio"] = round(best["mix"]["requests_per_s"] / best["bare"]["requests_per_s"], 2)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--minutes", type=float, default=None)
    args = parser.parse_args(argv)
    result = run(learners=args.learners, duration_minutes=args.minutes or minutes(10))
    print(json.dumps({k: v for k, v in result.items() if k not in ("routes", "samples")},
                     indent=1, ensure_ascii=False))
    save("soak", result)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
