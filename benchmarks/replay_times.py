"""The whole curriculum replayed in Chromium: time per scenario, and tap-to-screen per tap.

    .venv/bin/python -m benchmarks.replay_times [--only ID,ID] [--mode autonomie]

The production server (run_kiosk.py: gunicorn, 2 workers × 4 threads), real Chromium at kiosk
size (1366×768), and each scenario's solution tapped as the test suite does
(kiosk/coach/replay.py), one after the other. Two figures:

- **replay time per scenario**: from the exercise's page to the last step done, what a
  regression test of that scenario costs (without the browser's start);
- **tap-to-screen**: from a tap (pointerdown) to the second frame after the page or the
  fragment it brought is in place (htmx's afterSwap, or the load of a full page), read in the
  page itself; redirects (a form's 303) are inside it. The aim (issue « Drills », speed): p95
  under 100 ms.

Results: benchmarks/out/replay-*.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.page_weight import system_chromium
from benchmarks.server import ROOT, TODAY
from kiosk.coach.loader import load_catalog
from kiosk.coach.replay import play, start
from kiosk.server_process import LiveServer

# A tap counts when a request leaves within half a second of it (a tap on a text field or a
# digit of the keypad sends nothing); the heartbeat's requests are nobody's tap. A full page
# load must not lose its tap: the moment waits in sessionStorage.
TAP_CLOCK = """
(() => {
  const key = "pasapas-bench-taps";
  let tapped = null;
  const fresh = () => tapped !== null && Date.now() - tapped < 500;
  const painted = (at) => requestAnimationFrame(() => requestAnimationFrame(() => {
    const taps = JSON.parse(sessionStorage.getItem(key) || "[]");
    sessionStorage.setItem(key, JSON.stringify([...taps, Date.now() - at]));
  }));
  document.addEventListener("pointerdown", () => { tapped = Date.now(); }, true);
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (fresh()) { event.detail.xhr.pasapasTap = tapped; tapped = null; }
  });
  document.addEventListener("htmx:afterSwap", (event) => {
    const at = event.detail.xhr && event.detail.xhr.pasapasTap;
    if (at) { event.detail.xhr.pasapasTap = null; painted(at); }
  });
  window.addEventListener("beforeunload", () => {
    if (fresh()) sessionStorage.setItem(key + "-at", String(tapped));
  });
  window.addEventListener("load", () => {
    const at = sessionStorage.getItem(key + "-at");
    if (at) { sessionStorage.removeItem(key + "-at"); painted(Number(at)); }
  });
})();
"""
READ_TAPS = "() => JSON.parse(sessionStorage.getItem('pasapas-bench-taps') || '[]')"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


def measure(only: set[str] | None = None, mode: str = "autonomie") -> dict:
    from playwright.sync_api import sync_playwright

    catalog = load_catalog(ROOT / "scenarios")
    chosen = [s for sid, s in sorted(catalog.scenarios.items()) if not only or sid in only]
    per_scenario, all_taps = [], []
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(Path(folder) / "instance",
                            {"SIMULATOR_TODAY": TODAY, "SIMULATOR_SEED": "1234",
                             "KEYPAD_SEED_FROM_URL": "true"}, workers=2, threads=4).start()
        try:
            with sync_playwright() as playwright:
                launch = {"executable_path": system_chromium()} if system_chromium() else {}
                browser = playwright.chromium.launch(**launch)
                for scenario in chosen:
                    context = browser.new_context(base_url=server.url, locale="fr-FR",
                                                  viewport={"width": 1366, "height": 768})
                    context.add_init_script(TAP_CLOCK)
                    page = context.new_page()
                    page.goto("/")
                    started = time.perf_counter()
                    error = None
                    try:
                        start(page, scenario, mode)
                        replay = play(page, scenario, scenario.solution)
                        done = len(replay.steps_done) == len(scenario.steps)
                    except AssertionError as exc:
                        done, error = False, str(exc)[:300]
                    seconds = time.perf_counter() - started
                    taps = page.evaluate(READ_TAPS)
                    context.close()
                    all_taps.extend(taps)
                    per_scenario.append({"scenario": scenario.id, "seconds": round(seconds, 2),
                                         "actions": len(scenario.solution), "taps": len(taps),
                                         "passed": done, "error": error})
                browser.close()
        finally:
            server.stop()
    seconds = [s["seconds"] for s in per_scenario]
    return {
        "mode": mode, "scenarios": len(per_scenario),
        "passed": sum(s["passed"] for s in per_scenario),
        "replay_seconds": {"total": round(sum(seconds), 1),
                           "mean": round(statistics.mean(seconds), 2) if seconds else 0,
                           "median": round(statistics.median(seconds), 2) if seconds else 0,
                           "max": max(seconds, default=0)},
        "tap_to_screen_ms": {"taps": len(all_taps),
                             "p50": _percentile(all_taps, 0.5), "p95": _percentile(all_taps, 0.95),
                             "max": max(all_taps, default=0)},
        "per_scenario": per_scenario,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="scenario ids, comma-separated")
    parser.add_argument("--mode", default="autonomie")
    args = parser.parse_args()
    only = {s for s in args.only.split(",") if s} or None
    result = measure(only, args.mode)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"replay-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    slowest = sorted(result["per_scenario"], key=lambda s: -s["seconds"])[:10]
    print(json.dumps({k: v for k, v in result.items() if k != "per_scenario"}, indent=1))
    for s in slowest:
        print(f"  {s['seconds']:6.1f} s  {s['scenario']} ({s['actions']} actions)"
              + ("" if s["passed"] else f"  NOT PASSED: {s['error']}"))
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
