"""Where a request's time goes, in-process (Flask test client: no gunicorn, no sockets).

The time of each route alone, then a cProfile of the synthesis page grouped by what spends
it (exclusive time of each function, by the file it lives in). cProfile slows Python
functions more than C calls, so the Jinja share is somewhat overstated and SQLite's understated.
"""

from __future__ import annotations

import cProfile
import pstats
import re
import tempfile
import time

from benchmarks.learner import _CSRF, _KEYPAD_KEY, IDENTIFIANT, SECRET_CODE
from benchmarks.server import ROOT, TODAY

# (label, pattern of the profiled function's file or name), first match wins.
CATEGORIES = [
    ("Jinja templates (rendering the page)", re.compile(r"jinja2|\.html$|markupsafe")),
    ("SQLite (queries, BEGIN/COMMIT, connect)", re.compile(r"sqlite")),
    ("Flask-Babel / Babel (translations)", re.compile(r"babel")),
    ("Flask / Werkzeug (routing, request, response)", re.compile(r"flask|werkzeug|itsdangerous")),
    ("the kiosk's and the bank's own code", re.compile(r"/kiosk/|/simulator/")),
]


def _category(filename: str, function: str) -> str:
    where = f"{filename} {function}"
    return next((label for label, pattern in CATEGORIES if pattern.search(where)), "other")


def profile_routes(runs: int = 200) -> dict:
    from kiosk.app import create_app

    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out) as instance:
        app = create_app({"INSTANCE_PATH": instance, "SIMULATOR_TODAY": TODAY,
                          "BENCHMARK_ROUTES": True})
        client = app.test_client()
        token = _CSRF.search(client.get("/").get_data(as_text=True)).group(1)
        client.post("/seance/commencer", data={"csrf_token": token, "site": "banque"})
        login = client.get("/sites/banque/connexion").get_data(as_text=True)
        keypad = {digit: cell for cell, digit in _KEYPAD_KEY.findall(login)}
        client.post("/sites/banque/connexion", data={
            "csrf_token": token, "identifiant": IDENTIFIANT,
            "cells": ",".join(keypad[d] for d in SECRET_CODE)})
        synthesis = client.get("/sites/banque/synthese").get_data(as_text=True)
        history = re.search(r'href="(/sites/banque/comptes/[^"?]+)"', synthesis).group(1)
        routes = {"bare page": "/_bench/bare", "home": "/", "persona card": "/seance/fiche",
                  "synthesis": "/sites/banque/synthese", "history (CCP)": history,
                  "transfer form": "/sites/banque/virements"}
        timings = {}
        for name, path in routes.items():
            for _ in range(20):
                client.get(path)
            started = time.perf_counter()
            for _ in range(runs):
                response = client.get(path)
            timings[name] = {"path": path, "status": response.status_code,
                             "ms": round((time.perf_counter() - started) / runs * 1000, 3)}
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(runs):
            client.get("/sites/banque/synthese")
        profiler.disable()
    shares: dict[str, float] = {}
    stats = pstats.Stats(profiler).stats
    for (filename, _line, function), (_cc, _nc, exclusive, _cum, callers) in stats.items():
        label = _category(filename, function)
        if label == "other" and filename == "~" and callers:
            # A builtin (str.join, dict.get…) works for whoever called it.
            for (caller_file, _l, caller_function), timing in callers.items():
                caller = _category(caller_file, caller_function)
                shares[caller] = shares.get(caller, 0.0) + timing[2]
            continue
        shares[label] = shares.get(label, 0.0) + exclusive
    total = sum(shares.values()) or 1.0
    return {"runs": runs, "routes": timings,
            "synthesis_breakdown": {k: round(v / total * 100, 1)
                                    for k, v in sorted(shares.items(), key=lambda kv: -kv[1])},
            "guard_write_ms": time_guard_write(runs)}


def time_guard_write(runs: int) -> dict[str, float]:
    """The write the @online guard makes on every bank page (last_activity), on a world file,
    with the worlds' journal settings and with two cheaper ones a throw-away file could use."""
    import datetime as dt
    import statistics
    from pathlib import Path

    from simulator import db as dbhelpers
    from simulator.sandbox import Worlds
    from simulator.sites.banque import store

    out = ROOT / "benchmarks" / "out"
    with tempfile.TemporaryDirectory(dir=out) as folder:
        world = Worlds(Path(folder)).create("martine", day=dt.date.fromisoformat(TODAY))
        db = world.db
        synchronous = db.execute("PRAGMA synchronous").fetchone()[0]
        settings = (f"journal_mode={db.execute('PRAGMA journal_mode').fetchone()[0]}, "
                    f"synchronous={['OFF', 'NORMAL', 'FULL', 'EXTRA'][synchronous]}")
        results = {}
        for label, pragmas in ((f"as the worlds are ({settings})", []),
                               ("synchronous=OFF", ["PRAGMA synchronous = OFF"]),
                               ("WAL, synchronous=NORMAL", ["PRAGMA journal_mode = WAL",
                                                            "PRAGMA synchronous = NORMAL"])):
            for pragma in pragmas:
                db.execute(pragma)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                with dbhelpers.write_transaction(db):
                    store.update_customer(db, last_activity=time.time())
                times.append(time.perf_counter() - started)
            results[label] = round(statistics.median(times) * 1000, 3)
        world.close()
    return results
