"""The sub-commands of run_kiosk.py for authors and operators.

    run_kiosk.py scenarios check [DIR]          validate every scenario (exit 1 with the problems)
    run_kiosk.py scenarios replay FILE [--headed] [--mode autonomie|entrainement|guide]
                                                play a scenario's solution in Chromium
    run_kiosk.py scenarios schema               rewrite scenarios/schema.json from the model
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from kiosk.coach.loader import SCENARIOS_DIR, ScenarioFileError, load_catalog, load_scenario


def add_scenario_commands(subparsers) -> None:
    scenarios = subparsers.add_parser("scenarios", help="check, replay and describe scenarios")
    commands = scenarios.add_subparsers(dest="scenario_command", required=True)
    check = commands.add_parser("check", help="validate every scenario file")
    check.add_argument("folder", nargs="?", default=str(SCENARIOS_DIR))
    check.add_argument("--no-pages", action="store_true",
                       help="skip rendering pages to check the targets (faster)")
    replay = commands.add_parser("replay", help="play a scenario's solution in Chromium")
    replay.add_argument("file")
    replay.add_argument("--headed", action="store_true", help="show the browser window")
    replay.add_argument("--mode", default="autonomie",
                        choices=["autonomie", "entrainement", "guide"])
    replay.add_argument("--path", help="play this mistake path instead of the solution")
    commands.add_parser("schema", help="write scenarios/schema.json from the model")


def run_scenario_command(args: argparse.Namespace) -> int:
    if args.scenario_command == "check":
        return check(Path(args.folder), pages=not args.no_pages)
    if args.scenario_command == "replay":
        return replay(Path(args.file), headed=args.headed, mode=args.mode, path_id=args.path)
    return write_schema()


def check(folder: Path, *, pages: bool = True) -> int:
    from kiosk.coach.checks import check_catalog

    catalog = load_catalog(folder)
    problems = list(catalog.errors)
    problems += check_catalog(catalog, folder, pages=pages)
    if (folder / "diagnostic.yaml").exists():
        from kiosk.diagnostic.checks import check_diagnostic

        problems += check_diagnostic(folder / "diagnostic.yaml", catalog)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(catalog.scenarios)} scenario(s) loaded, {len(problems)} problem(s).")
    return 1 if problems else 0


def write_schema() -> int:
    from kiosk.coach.model import Scenario

    schema = Scenario.model_json_schema()
    schema["$id"] = "https://pasapas.example/scenarios/schema.json"
    schema["title"] = "Pas à pas scenario"
    (SCENARIOS_DIR / "schema.json").write_text(json.dumps(schema, ensure_ascii=False, indent=2)
                                               + "\n", encoding="utf-8")
    print(f"wrote {SCENARIOS_DIR / 'schema.json'}")
    return 0


def replay(file: Path, *, headed: bool, mode: str, path_id: str | None) -> int:
    """Start a throw-away kiosk server, play the scenario in Chromium, print each step."""
    from playwright.sync_api import sync_playwright

    from kiosk.coach.replay import ReplayError, play, start
    from kiosk.server_process import LiveServer

    try:
        scenario = load_scenario(file.resolve(), SCENARIOS_DIR)
    except ScenarioFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    actions = scenario.solution
    if path_id:
        chosen = next((p for p in scenario.mistake_paths if p.id == path_id), None)
        if chosen is None:
            print(f"no mistake path {path_id!r} in {file}", file=sys.stderr)
            return 1
        actions = chosen.actions
    instance = Path(tempfile.mkdtemp(prefix="pasapas-replay-"))
    server = LiveServer(instance, {"SCENARIOS_DIR": str(file.resolve().parents[1])}).start()
    print(f"{scenario.id} ({mode}) on {server.url}")
    try:
        with sync_playwright() as p:
            launch = {"headless": not headed,
                      "args": ["--disable-background-networking", "--disable-component-update"]}
            chromium = shutil.which("chromium") or shutil.which("chromium-browser")
            if chromium:
                launch["executable_path"] = chromium
            browser = p.chromium.launch(**launch)
            page = browser.new_page(viewport={"width": 1366, "height": 768}, base_url=server.url)
            start(page, scenario, mode)
            result = play(page, scenario, actions, report=print)
            browser.close()
    except ReplayError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        server.stop()
        shutil.rmtree(instance, ignore_errors=True)
    missing = [s.id for s in scenario.steps if s.id not in result.steps_done]
    if missing:
        print(f"not done: {', '.join(missing)}", file=sys.stderr)
        return 1
    print("all steps done")
    return 0
