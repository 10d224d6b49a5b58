"""The machine's description and the Markdown tables of RESULTS.md, from a run's results."""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import subprocess
from pathlib import Path

import psutil

from benchmarks.server import ROOT

START, END = "<!-- results:start -->", "<!-- results:end -->"
AIM_P95_MS, AIM_WORLD_MS, AIM_PAGE_BYTES = 50.0, 20.0, 150_000  # 150 KB, read strictly


def _output(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20, cwd=ROOT)
        return done.stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine() -> dict:
    from importlib.metadata import version

    model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    snapshot = os.environ.get("BENCH_COMMIT")  # a copy of that commit: nothing uncommitted
    dirty = "" if snapshot else _output(["git", "status", "--porcelain", "--untracked-files=no"])
    return {
        "cores": os.cpu_count(),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "chromium": _output(["chromium", "--version"]) or "not found",
        "gunicorn": version("gunicorn"),
        "flask": version("flask"),
        "playwright": version("playwright"),
        "commit": snapshot or _output(["git", "rev-parse", "--short", "HEAD"]),
        "uncommitted_files": len(dirty.splitlines()) if dirty else 0,
    }


def _kb(n: float) -> str:
    return f"{n / 1000:.1f} KB"


def _mib(n: float) -> str:
    return f"{n / 2**20:.1f} MiB"


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _failed(section) -> str | None:
    if isinstance(section, dict) and "failed" in section:
        return f"_This phase failed: {section['failed']}_"
    return None if section else "_Not run._"


def _cpu(r: dict) -> str:
    return f"{r['server_cores']} / {r['generator_cores']} / {r['other_cores']}"


def saturation(section: dict) -> str:
    rows = []
    for level in section["levels"]:
        bare, flows = level["bare"], level["flows"]
        rows.append([level["clients"], f"**{bare['requests_per_s']:.0f}**",
                     f"**{flows['requests_per_s']:.0f}**",
                     f"{flows['requests_per_s'] / bare['requests_per_s']:.2f}",
                     " · ".join(map(str, bare["all_rounds_req_s"])),
                     " · ".join(map(str, flows["all_rounds_req_s"])),
                     f"{bare['latency_ms']['p50']} / {bare['latency_ms']['p95']}",
                     f"{flows['latency_ms']['p50']} / {flows['latency_ms']['p95']}",
                     f"{bare['server_cpu_ms_per_request']} / {flows['server_cpu_ms_per_request']}",
                     _cpu(bare), _cpu(flows), flows["errors_all_rounds"]])
    best_bare = max(level["bare"]["requests_per_s"] for level in section["levels"])
    best_flows = max(level["flows"]["requests_per_s"] for level in section["levels"])
    cpu_bare = min(level["bare"]["server_cpu_ms_per_request"] for level in section["levels"])
    cpu_flows = min(level["flows"]["server_cpu_ms_per_request"] for level in section["levels"])
    cores = section.get("cores", 2)
    table = _table(["clients", "bare req/s (best)", "visit req/s (best)", "ratio",
                    "bare, every round", "visit, every round", "bare p50 / p95 ms",
                    "visit p50 / p95 ms", "server CPU ms per request: bare / visit",
                    "cores bare: server / generator / others",
                    "cores visit: server / generator / others", "visit errors (all rounds)"],
                   rows)
    return (f"{table}\n\n**At saturation: {best_flows:.0f} req/s for the bank visit, "
            f"{best_bare:.0f} req/s for the bare page: ratio {best_flows / best_bare:.2f}.** "
            f"From the server's CPU time per request alone (what no other process can inflate), "
            f"{cores} cores would serve at most {cores * 1000 / cpu_flows:.0f} req/s of the visit "
            f"and {cores * 1000 / cpu_bare:.0f} req/s of the bare page (ratio "
            f"{cpu_bare / cpu_flows:.2f}). "
            f"Server errors logged during the phase: {section['server_errors_logged']}"
            + _exceptions(section["server_exceptions"]) + ".")


def _exceptions(found: dict[str, int]) -> str:
    return (" (" + "; ".join(f"{n} × `{line}`" for line, n in found.items()) + ")"
            if found else "")


def paced(section: dict) -> str:
    lat, tap = section["latency_ms"], section["action_latency_ms"]
    summary = _table(
        ["learners", "window", "requests (req/s)", "p50", "p95", "p99", "max",
         "tap p50 / p95 / p99", "HTTP errors", "flow errors (+ outside window)",
         "cores: server / generator / others"],
        [[section["learners"], f"{section['window_s']:.0f} s",
          f"{section['requests']} ({section['requests_per_s']:.1f})", f"{lat['p50']} ms",
          f"{lat['p95']} ms", f"{lat['p99']} ms", f"{lat['max']} ms",
          f"{tap['p50']} / {tap['p95']} / {tap['p99']} ms", section["http_errors"],
          f"{section['flow_errors']} (+{section['flow_errors_outside_window']})", _cpu(section)]])
    routes = _table(["route", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms"],
                    [[f"`{route}`", r["count"], r["p50"], r["p95"], r["p99"], r["max"]]
                     for route, r in section["routes"].items()])
    return (f"{summary}\n\nServer errors logged during the phase: "
            f"{section['server_errors_logged']}{_exceptions(section['server_exceptions'])}. "
            f"Per route (same window):\n\n{routes}")


def _world_timings(section: dict) -> list[dict]:
    """One timing per persona (older results held one, for the bank's persona)."""
    return section.get("personas") or ([section] if "create_ms" in section else [])


def worlds(section: dict) -> str:
    rows, goldens = [], []
    for timing in _world_timings(section):
        c, d, who = timing["create_ms"], timing["destroy_ms"], timing.get("persona", "martine")
        rows += [
            [f"create a world of {who} (copy golden + personalise)", timing["runs"],
             f"{c['median']} ms", f"{c['p95']} ms", f"{c['p99']} ms", f"{c['max']} ms"],
            [f"destroy a world of {who} (the wipe)", timing["runs"], f"{d['median']} ms",
             f"{d['p95']} ms", f"{d['p99']} ms", f"{d['max']} ms"],
            [f"build the golden database of {who} for the day (once)", 1,
             f"{timing['golden_build_ms']} ms", "", "", ""]]
        goldens.append(f"{who} {_kb(timing['golden_bytes'])}")
    return _table(["what", "runs", "median", "p95", "p99", "max"], rows) + (
        f"\n\nGolden databases: {', '.join(goldens)}.")


def memory(section: dict) -> str:
    points = section["points"]
    rows = []
    for point in points:
        recycled = "yes" if point["worker_pids"] != points[0]["worker_pids"] else "no"
        rows.append([point["sessions"], point["processes"], f"**{_mib(point['footprint'])}**",
                     _mib(point["anonymous"]), _mib(point["master_anonymous"]),
                     _mib(point["largest_worker_anonymous"]), _mib(point["rss"]),
                     f"{_mib(point['pss'])} / {_mib(point['uss'])}", point["worlds"],
                     _mib(point["world_bytes"]), _kb(point["kiosk_db_bytes"]), recycled,
                     point.get("failed_attempts", 0)])
    return _table(["open sessions", "processes", "footprint", "anonymous (Σ Pss_Anon)",
                   "of which master", "largest worker", "RSS (sum)", "PSS / USS (sum)",
                   "worlds on disk", "worlds' files", "kiosk.db (+wal)",
                   "a worker recycled since idle", "failed attempts to open them"], rows) + (
        "\n\nFootprint = the anonymous memory of the master and workers (heap, stacks, the "
        "preloaded app; shared only through fork, counted once by Pss_Anon) + the master's "
        "file-backed pages (interpreter and libraries, mapped by the workers too). RSS counts "
        "the pages shared with the master once per process; PSS and USS move with whatever "
        "else maps the same library files on this shared machine, so they are shown only for "
        "reference.")


def pages(section: list[dict]) -> str:
    rows = [[p["name"] + (" *(placeholder)*" if p["placeholder"] else ""), f"`{p['path']}`",
             p["requests"], _kb(p["html_wire"]), _kb(p["total_wire"]),
             _kb(p["total_gzipped"]), "yes" if p["total_wire"] <= AIM_PAGE_BYTES else "**no**"]
            for p in section]
    assets = {}
    for page in section:
        for response in page["responses"]:
            if response["kind"] not in ("Document", "XHR", "Fetch"):
                assets.setdefault(response["url"].split("/", 3)[-1],
                                  (response["status"], response["wire"], response["body"],
                                   response["gzipped"]))
    asset_rows = [[f"`/{url}`", status, _kb(w), _kb(b), _kb(g)]
                  for url, (status, w, b, g) in sorted(assets.items(), key=lambda a: -a[1][1])]
    return (_table(["page", "path", "responses", "HTML on the wire", "total with assets",
                    "total if gzipped", "under 150 KB"], rows)
            + "\n\nThe assets (the same on every page, fetched again on each cold load):\n\n"
            + _table(["asset", "status", "on the wire", "body", "gzipped body"], asset_rows))


def profile(section: dict) -> str:
    routes = _table(["route", "path", "ms per request"],
                    [[name, f"`{r['path']}`", r["ms"]] for name, r in section["routes"].items()])
    shares = _table(["where the synthesis spends its time (cProfile, exclusive time)", "share"],
                    [[label, f"{share} %"] for label, share in
                     section["synthesis_breakdown"].items()])
    guard = section.get("guard_write_ms", {})
    writes = _table(["the @online guard's write of last_activity, on a world file", "median ms"],
                    [[label, ms] for label, ms in guard.items()])
    return f"{routes}\n\n{shares}\n\n{writes}" if guard else f"{routes}\n\n{shares}"


def configs(section: list[dict]) -> str:
    return _table(["workers × threads", "clients", "visit req/s (best)", "every round",
                   "p50 ms", "p95 ms", "p99 ms", "server CPU ms per request",
                   "cores: server / generator / others", "errors", "footprint after warm-up"],
                  [[f"{r['workers']} × {r['threads']}", r["clients"],
                    f"{r['flows']['requests_per_s']:.0f}",
                    " · ".join(map(str, r["flows"]["all_rounds_req_s"])),
                    r["flows"]["latency_ms"]["p50"],
                    r["flows"]["latency_ms"]["p95"], r["flows"]["latency_ms"]["p99"],
                    r["flows"]["server_cpu_ms_per_request"], _cpu(r["flows"]),
                    r["flows"]["http_errors"] + r["flows"]["flow_errors"],
                    _mib(r["idle_footprint"])] for r in section])


def aims(results: dict) -> str:
    rows = []
    paced_section = results.get("paced", {})
    if "latency_ms" in paced_section:
        p95 = paced_section["latency_ms"]["p95"]
        rows.append(["p95 < 50 ms at 100 learners (1 tap / 3 s)", f"{p95} ms",
                     "met" if p95 < AIM_P95_MS else "**missed**"])
    timings = _world_timings(results.get("worlds", {}))
    if timings:
        slowest = max(timings, key=lambda t: t["create_ms"]["p95"])
        median, p95 = slowest["create_ms"]["median"], slowest["create_ms"]["p95"]
        rows.append(["a world created in < 20 ms",
                     f"slowest persona ({slowest.get('persona', 'martine')}): median {median} "
                     f"ms, p95 {p95} ms", "met" if p95 < AIM_WORLD_MS else "**missed**"])
    if isinstance(results.get("pages"), list):
        heaviest = max(results["pages"], key=lambda p: p["total_wire"])
        rows.append(["any page < 150 KB with its assets",
                     f"heaviest: {heaviest['name']}, {_kb(heaviest['total_wire'])}",
                     "met" if heaviest["total_wire"] <= AIM_PAGE_BYTES else "**missed**"])
    return _table(["aim", "measured", "verdict"], rows)


def render(results: dict) -> str:
    m = results["machine"]
    parts = [
        START,
        f"_Generated by `{results['command']}` on {results['started']} "
        f"({results.get('total_s', 0):.0f} s in all). Raw figures: "
        f"`benchmarks/out/` (not committed)._",
        "",
        _table(["machine", ""], [
            ["cores", f"{m['cores']} × {m['cpu']}"], ["RAM", f"{m['ram_gib']} GiB"],
            ["OS", m["os"]], ["Python", m["python"]], ["SQLite", m["sqlite"]],
            ["Chromium", f"{m['chromium']} (Playwright {m.get('playwright', '?')})"],
            ["gunicorn / Flask", f"{m['gunicorn']} / {m['flask']}"],
            ["code", f"commit {m['commit']}" + (" (a copy of it: --snapshot)"
                                                 if "--snapshot" in results["command"] else "")
                     + (f" + {m['uncommitted_files']} uncommitted files (work in progress)"
                        if m["uncommitted_files"] else "")],
            ["server", f"run_kiosk.py: gunicorn gthread, {results['server']['workers']} workers "
                       f"× {results['server']['threads']} threads, preload, no max_requests"],
        ]),
        "", "### Against the aims", "", aims(results),
    ]
    for title, key, render_section in (
        ("### 1. Saturation: the bank visit against the bare Flask page", "saturation", saturation),
        ("### 2. Paced: 100 learners, one tap every 3 s", "paced", paced),
        ("### 3. World creation (in-process)", "worlds", worlds),
        ("### 3b. One request in-process (Flask test client, no server)", "profile", profile),
        ("### 4. Server memory with open sessions", "memory", memory),
        ("### 5. Bytes per kiosk page (cold load, cache disabled)", "pages", pages),
        ("### 6. Workers × threads (the visit, closed loop)", "configs", configs),
    ):
        section = results.get(key)
        parts += ["", title, "", _failed(section) or render_section(section)]
        after = results.get("paced", {}).get("memory_after")
        if key == "memory" and after:
            parts += ["", f"After the paced run (100 learners for "
                          f"{results['paced']['window_s']:.0f} s after the ramp-up): footprint "
                          f"{_mib(after['footprint'])}, anonymous {_mib(after['anonymous'])}, "
                          f"RSS {_mib(after['rss'])}."]
    failed = {k: v for k, v in results.get("warmup_failed_visits", {}).items() if v}
    parts += ["", "Warm-up visits (one per thread, all at once, on each fresh server) that "
                  "failed: " + (", ".join(f"{k}: {v}" for k, v in failed.items()) or "none")
              + f" out of {sum(1 for _ in results.get('warmup_failed_visits', {}))} servers."]
    parts.append(END)
    return "\n".join(parts)


def write_results(path: Path, results: dict) -> None:
    """Replace the generated block of RESULTS.md, keeping the hand-written text around it."""
    block = render(results)
    text = path.read_text() if path.exists() else f"# Benchmark results\n\n{START}\n{END}\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)
