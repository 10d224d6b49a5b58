"""The load runs: closed-loop saturation, paced learners, and sessions opened and kept.

All learners live in one asyncio event loop of this process, which runs on the same two cores
as the server: the generator's own CPU time is measured and reported next to the figures.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import psutil

from benchmarks.francetravail_visit import SESSION as FT_SESSION
from benchmarks.http_client import Browser, Response
from benchmarks.learner import OPEN_SESSION, SESSION, TAX_SESSION, Learner, Step, route_of
from benchmarks.server import BenchServer

# The learners of a load run take the sites in turn: the bank, France Travail, the tax space.
MIX: list[list[Step]] = [SESSION, FT_SESSION, TAX_SESSION]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of an unsorted list; 0 for an empty one."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


@dataclass
class Recorder:
    """Requests and actions completed inside the measurement window [start, stop)."""

    start: float = 0.0
    stop: float = float("inf")
    requests: list[tuple[str, int, float]] = field(default_factory=list)
    actions: list[tuple[str, float, bool]] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    errors_outside_window: int = 0  # during the warm-up or the ramp: reported, not timed

    def measuring(self) -> bool:
        return self.start <= time.monotonic() < self.stop

    def on_response(self, response: Response) -> None:
        if self.measuring():
            self.requests.append((route_of(response.method, response.path), response.status,
                                  response.seconds))

    def on_action(self, name: str, seconds: float, error: Exception | None) -> None:
        if not self.measuring():
            self.errors_outside_window += error is not None
        else:
            self.actions.append((name, seconds, error is None))
            if error is not None:
                self.errors[f"{name}: {type(error).__name__}: {str(error)[:80]}"] += 1

    def summary(self, window: float) -> dict:
        latencies = [seconds for _, _, seconds in self.requests]
        statuses = Counter(status for _, status, _ in self.requests)
        by_route: dict[str, list[float]] = defaultdict(list)
        for route, _, seconds in self.requests:
            by_route[route].append(seconds)
        action_times = [seconds for _, seconds, ok in self.actions if ok]
        return {
            "window_s": window,
            "requests": len(latencies),
            "requests_per_s": len(latencies) / window,
            "actions": len(self.actions),
            "actions_per_s": len(self.actions) / window,
            "http_errors": sum(n for status, n in statuses.items() if status >= 400),
            "flow_errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors.most_common(5)),
            "flow_errors_outside_window": self.errors_outside_window,
            "statuses": {str(k): v for k, v in sorted(statuses.items())},
            "latency_ms": _quantiles(latencies),
            "action_latency_ms": _quantiles(action_times),
            "routes": {route: {"count": len(v), **_quantiles(v)}
                       for route, v in sorted(by_route.items())},
        }


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (every core, every process) since boot."""
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + getattr(t, "irq", 0.0) + getattr(t, "softirq", 0.0)


def wait_for_quiet(max_wait: float = 30.0, threshold_cores: float = 0.25) -> float:
    """Wait (at most ``max_wait`` s) until other processes use less than ``threshold_cores``;
    returns the load seen last, which the report shows next to the figures."""
    deadline = time.monotonic() + max_wait
    while True:
        before = machine_busy_seconds()
        time.sleep(1.0)
        load = machine_busy_seconds() - before
        if load < threshold_cores or time.monotonic() > deadline:
            return round(load, 2)


def _quantiles(seconds: list[float]) -> dict[str, float]:
    return {name: round(percentile(seconds, q) * 1000, 2)
            for name, q in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))}


async def _play(server: BenchServer, recorder: Recorder, steps: list[Step], *, until: float,
                delay: float, pause=None, loop_forever: bool = True) -> Learner | None:
    """One learner: play ``steps`` again and again until ``until`` (a new browser each visit)."""
    await asyncio.sleep(delay)
    while time.monotonic() < until:
        browser = Browser(server.host, server.port, on_response=recorder.on_response)
        learner = Learner(browser)
        completed = True
        for name, step in steps:
            if time.monotonic() >= until:
                completed = False
                break
            started, error = time.perf_counter(), None
            try:
                await step(learner)
            except Exception as exc:  # noqa: BLE001 — any failure is an error of the run
                error = exc
            recorder.on_action(name, time.perf_counter() - started, error)
            if error is not None:
                completed = False
                break
            if pause is not None:
                await asyncio.sleep(pause())
        await browser.close()
        if not loop_forever and completed:
            return learner
    return None


async def _bare(server: BenchServer, recorder: Recorder, until: float) -> None:
    browser = Browser(server.host, server.port, on_response=recorder.on_response)
    while time.monotonic() < until:
        started, error = time.perf_counter(), None
        try:
            await browser.get("/_bench/bare")
        except Exception as exc:  # noqa: BLE001 — counted, then a fresh connection
            error = exc
            await browser.close()
        if error is not None:
            recorder.on_action("bare page", time.perf_counter() - started, error)
    await browser.close()


def _measure(server: BenchServer, recorder: Recorder, warmup: float, duration: float,
             make_tasks) -> dict:
    """Run the learners; the window opens after ``warmup``; CPU of both sides over it."""
    async def main() -> dict:
        now = time.monotonic()
        recorder.start, recorder.stop = now + warmup, now + warmup + duration
        tasks = [asyncio.create_task(t) for t in make_tasks(recorder.stop)]
        await asyncio.sleep(max(0.0, recorder.start - time.monotonic()))
        cpu_server, cpu_self, wall = server.cpu_seconds(), time.process_time(), time.monotonic()
        busy = machine_busy_seconds()
        await asyncio.sleep(max(0.0, recorder.stop - time.monotonic()))
        cpu = {"server_cpu_s": server.cpu_seconds() - cpu_server,
               "generator_cpu_s": time.process_time() - cpu_self,
               "machine_busy_s": machine_busy_seconds() - busy,
               "wall_s": time.monotonic() - wall}
        cpu["other_cpu_s"] = max(0.0, cpu["machine_busy_s"] - cpu["server_cpu_s"]
                                 - cpu["generator_cpu_s"])
        await asyncio.gather(*tasks, return_exceptions=True)
        return cpu

    cpu = asyncio.run(main())
    result = recorder.summary(duration)
    result["cpu"] = {k: round(v, 2) for k, v in cpu.items()}
    requests = max(result["requests"], 1)
    result["server_cpu_ms_per_request"] = round(cpu["server_cpu_s"] * 1000 / requests, 3)
    result["generator_cpu_ms_per_request"] = round(cpu["generator_cpu_s"] * 1000 / requests, 3)
    # Share of the machine's 2 cores each side used over the window.
    result["server_cores"] = round(cpu["server_cpu_s"] / cpu["wall_s"], 2)
    result["generator_cores"] = round(cpu["generator_cpu_s"] / cpu["wall_s"], 2)
    # Other people's processes on the same machine (a shared box): what they took meanwhile.
    result["other_cores"] = round(cpu["other_cpu_s"] / cpu["wall_s"], 2)
    return result


def saturate_bare(server: BenchServer, *, clients: int, warmup: float, duration: float) -> dict:
    """Closed loop on the bare Flask page: each client sends its next request at once."""
    return _saturate(server, clients, warmup, duration, bare=True)


def _saturate(server: BenchServer, clients: int, warmup: float, duration: float, *,
              bare: bool) -> dict:
    recorder = Recorder()

    def tasks(until: float):
        if bare:
            return [_bare(server, recorder, until) for _ in range(clients)]
        # Learners start a little apart so that they spread over the steps of the visit.
        return [_play(server, recorder, MIX[i % len(MIX)], until=until, delay=i * 0.01)
                for i in range(clients)]

    result = _measure(server, recorder, warmup, duration, tasks)
    result["clients"] = clients
    return result


def saturate_flows(server: BenchServer, *, clients: int, warmup: float, duration: float) -> dict:
    """Closed loop on the visits (the bank's and France Travail's, one learner in two): each
    learner taps again as soon as the page arrives."""
    return _saturate(server, clients, warmup, duration, bare=False)


def paced(server: BenchServer, *, learners: int, think_s: float, ramp: float, duration: float,
          seed: int = 7) -> dict:
    """``learners`` each tapping once every ``think_s`` seconds on average (uniform ±33 %)."""
    draw = random.Random(seed)
    recorder = Recorder()

    def pause() -> float:
        return draw.uniform(think_s * 2 / 3, think_s * 4 / 3)

    def tasks(until: float):
        return [_play(server, recorder, MIX[i % len(MIX)], until=until,
                      delay=draw.uniform(0, ramp), pause=pause) for i in range(learners)]

    result = _measure(server, recorder, ramp + think_s, duration, tasks)
    result["learners"] = learners
    result["think_s"] = think_s
    return result


def warm_up(server: BenchServer) -> int:
    """Every page once per thread of every worker (imports, compiled templates, the golden
    database of the day), sessions ended afterwards: what a server looks like after its
    first learners. Returns the visits that failed (reported); all failing stops the run."""
    server.warm_up()
    recorder = Recorder(start=0.0)

    visits = server.workers * server.threads

    async def main() -> list:
        until = time.monotonic() + 120
        return await asyncio.gather(*(
            _play(server, recorder, MIX[i % len(MIX)], until=until, delay=0, loop_forever=False)
            for i in range(visits * len(MIX))))

    asyncio.run(main())
    failed = sum(recorder.errors.values())
    if failed >= visits * len(MIX):
        raise RuntimeError(f"every warm-up visit failed: {dict(recorder.errors)}")
    return failed


def open_sessions(server: BenchServer, count: int, *, concurrency: int = 8) -> dict:
    """Start ``count`` learners at the bank and leave them logged in (sessions kept open).
    A learner whose attempt fails starts again from the home page, like a real one would;
    the failed attempts are counted and returned."""
    recorder = Recorder(start=0.0)

    async def main() -> int:
        queue = list(range(count))
        give_up = time.monotonic() + 300
        opened = 0

        async def worker() -> None:
            nonlocal opened
            while queue:
                queue.pop()
                learner = await _play(server, recorder, OPEN_SESSION, until=give_up,
                                      delay=0, loop_forever=False)
                opened += learner is not None

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return opened

    opened = asyncio.run(main())
    if opened < count:
        raise RuntimeError(f"only {opened} of {count} sessions opened: {dict(recorder.errors)}")
    return {"failed_attempts": sum(recorder.errors.values()),
            "error_kinds": dict(recorder.errors.most_common(3))}
