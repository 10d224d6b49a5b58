#!/usr/bin/env python3
"""Screenshots of the kiosk's pages, to look at them as a learner would.

    .venv/bin/python scripts/screenshots.py [OUT_DIR] [--lang ar] [--size 390x844]

Starts the real server, taps through home → persona card → bank login → every bank page given
in PAGES, and saves one PNG per page.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.server_process import LiveServer  # noqa: E402
from tests.e2e.conftest import persona_secrets, system_chromium  # noqa: E402

# Pages of the bank to capture once logged in (path, file name).
PAGES = [
    ("/sites/banque/synthese", "synthese"),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/shots")
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--pages", nargs="*", default=None, help="extra bank paths to capture")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(x) for x in args.size.split("x"))
    server = LiveServer(Path(tempfile.mkdtemp()), {"SIMULATOR_TODAY": "2026-11-26",
                                                   "SIMULATOR_SEED": "1234"}).start()
    try:
        with sync_playwright() as p:
            launch = {"args": ["--disable-background-networking", "--disable-component-update"]}
            if system_chromium():
                launch["executable_path"] = system_chromium()
            browser = p.chromium.launch(**launch)
            page = browser.new_page(viewport={"width": width, "height": height},
                                    base_url=server.url)
            suffix = f"-{args.lang}-{width}"
            page.goto("/")
            if args.lang != "fr":
                page.locator(f".choice-row button[value={args.lang}]").click()
                page.locator(f"html[lang={args.lang}]").wait_for()
            page.screenshot(path=out / f"home{suffix}.png", full_page=True)
            page.locator("form.site-tile button").first.click()
            page.locator(".persona-card").first.wait_for()
            page.screenshot(path=out / f"fiche{suffix}.png", full_page=True)
            page.locator(".screen-card .actions a").first.click()
            page.locator("#imageclavier").wait_for()
            page.screenshot(path=out / f"login{suffix}.png")
            identifiant, code = persona_secrets(page) if args.lang == "fr" else _secrets(page)
            page.locator("#identifiant").fill(identifiant)
            for digit in code:
                page.locator(".bq-keypad__key", has_text=re.compile(f"^{digit}$")).click()
            page.locator("#valider").click()
            page.locator(".bq-accounts").first.wait_for()
            for path, name in PAGES + [(p_, p_.strip("/").replace("/", "_"))
                                       for p_ in args.pages or []]:
                page.goto(path)
                page.screenshot(path=out / f"{name}{suffix}.png")
                page.screenshot(path=out / f"{name}{suffix}-full.png", full_page=True)
            browser.close()
    finally:
        server.stop()
    print(f"screenshots in {out}")
    return 0


def _secrets(page):
    values = page.locator(".side-panel dd").all_inner_texts()
    return values[0].strip(), values[1].strip()


if __name__ == "__main__":
    sys.exit(main())
