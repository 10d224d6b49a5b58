"""Drill « minuit et heure d'été »: exercises that straddle midnight and the two clock changes.

    python -m drills.clocks

The production server runs with its clock moved (``SIMULATOR_CLOCK_SHIFT_SECONDS``) so that,
a few seconds into a learner's exercise, it reads midnight (26 → 27 November 2026), then the
spring-forward hour (29 March 2026, 01:59:59 CET → 03:00 CEST), then the fall-back hour
(25 October 2026, 02:59:59 CEST → 02:00 CET). The learner logs in before the change and makes
the transfer after it. Checked: every tap answered with the page a learner expects, the
exercise passed, its duration (in kiosk.db) equal to the time really spent, the world on the
next day after midnight (the transfer form proposes it) and on the same day across the clock
changes; after midnight a new learner's world is built from the new day's golden database.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.http_client import Browser
from benchmarks.learner import BOOSTED, FlowError, Learner
from benchmarks.visits import coach
from drills.common import DrillServer, save, server_errors
from simulator.clock import PARIS

CHANGES = {
    "minuit": dt.datetime(2026, 11, 27, 0, 0, 0, tzinfo=PARIS),
    "heure d'été (29 mars)": dt.datetime(2026, 3, 29, 1, 0, 0, tzinfo=dt.UTC),
    "heure d'hiver (25 octobre)": dt.datetime(2026, 10, 25, 1, 0, 0, tzinfo=dt.UTC),
}
LEAD_SECONDS = 60  # the server's start (slow on a busy machine), the login, then the change
_DATE = re.compile(r'id="date"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="date"')


async def _straddle(server: DrillServer, change_at_real: float) -> dict:
    learner = Learner(Browser(server.host, server.port))
    steps = coach.TRANSFER_EXERCISE
    await steps[0][1](learner)  # home
    # The attempt starts while the server answers « Commencer » (after building the world,
    # which takes seconds for the day's first one) and ends while it answers « Confirmer »:
    # each moment is checked inside the window of its own tap.
    taps = {"start": [time.time()]}
    await steps[1][1](learner)  # start the exercise
    taps["start"].append(time.time())
    await steps[2][1](learner)  # log in
    if time.time() > change_at_real:
        raise RuntimeError("the change came before the login: give it more lead")
    while time.time() < change_at_real + 1:  # the drill waits for the kiosk's clock to pass
        await asyncio.sleep(0.2)
    form = await learner.browser.get("/sites/banque/virements", BOOSTED)
    found = _DATE.search(form.text)
    proposed = (found.group(1) or found.group(2)) if found else None
    errors = []
    for name, step in steps[3:-1]:  # the form, Valider, Confirmer (the coach checks each)
        taps["confirm"] = [time.time()]
        try:
            await step(learner)
        except FlowError as exc:
            errors.append(f"{name}: {exc}")
        taps["confirm"].append(time.time())
    session = learner.browser.cookies.get("pasapas")
    await Learner.end(learner)
    fresh = Learner(Browser(server.host, server.port))
    await Learner.home(fresh)
    await Learner.start_bank(fresh)
    await fresh.browser.close()
    await learner.browser.close()
    return {"date_proposed_after": proposed, "errors": errors, "taps": taps,
            "session": session}


def _attempt(instance: Path) -> dict:
    with sqlite3.connect(instance / "kiosk.db") as conn:
        row = conn.execute("SELECT status, started_at, ended_at FROM attempts ORDER BY id "
                           "DESC LIMIT 1").fetchone()
    return {"status": row[0], "started_at": row[1], "ended_at": row[2] or 0.0}


def _within(moment: float, window: list[float], slack: float = 0.01) -> bool:
    return window[0] - slack <= moment <= window[1] + slack


def run() -> dict:
    rows = []
    for label, change in CHANGES.items():
        change_at_real = time.time() + LEAD_SECONDS
        shift = change.timestamp() - change_at_real
        instance = Path(tempfile.mkdtemp(prefix="pasapas-drill-clock-")) / "instance"
        server = DrillServer(instance, {"SIMULATOR_CLOCK_SHIFT_SECONDS": str(shift)}).start()
        try:
            seen = asyncio.run(_straddle(server, change_at_real))
            attempt = _attempt(instance)
            goldens = sorted(p.name.split("-", 1)[1][:10] for p in
                             (instance / "worlds" / "golden").glob("martine-*.db"))
            log = server.log()
        finally:
            server.stop()
        before = dt.datetime.fromtimestamp(change.timestamp() - 1, PARIS)
        after = dt.datetime.fromtimestamp(change.timestamp() + 1, PARIS)
        expected_date = after.strftime("%d/%m/%Y")
        rows.append({
            "change": label, "kiosk_clock_before": before.isoformat(),
            "kiosk_clock_after": after.isoformat(), "errors": seen["errors"],
            "date_proposed_after": seen["date_proposed_after"], "date_expected": expected_date,
            "attempt_status": attempt["status"],
            "attempt_seconds": round(attempt["ended_at"] - attempt["started_at"], 1),
            "seconds_between_the_taps": [  # the attempt's duration must lie in between
                round(seen["taps"]["confirm"][0] - seen["taps"]["start"][1], 1),
                round(seen["taps"]["confirm"][1] - seen["taps"]["start"][0], 1)],
            "start_within_its_tap": _within(attempt["started_at"], seen["taps"]["start"]),
            "end_within_its_tap": _within(attempt["ended_at"], seen["taps"]["confirm"]),
            "goldens": goldens, "server_errors": server_errors(log)[:5],
        })
    ok = all(not r["errors"] and r["attempt_status"] == "passed"
             and r["date_proposed_after"] == r["date_expected"]
             and r["start_within_its_tap"] and r["end_within_its_tap"]
             and not r["server_errors"] for r in rows)
    midnight = rows[0]
    ok = ok and midnight["goldens"] == ["2026-11-26", "2026-11-27"]
    return {"changes": rows, "ok": ok}


def main(argv: list[str] | None = None) -> int:
    result = run()
    print(json.dumps(result, indent=1, ensure_ascii=False))
    save("clocks", result)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
