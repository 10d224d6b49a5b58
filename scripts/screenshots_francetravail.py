#!/usr/bin/env python3
"""Screenshots of France Travail (simulation), to look at its pages as a learner would.

    .venv/bin/python scripts/screenshots_francetravail.py [OUT_DIR] [--lang ar] [--size 390x844]

Starts the real server, opens the exercises that put the world on the right day (the
actualisation open, a registration to do or half done), taps through each part of the space
and saves one PNG per screen (the replica scrolled to the top, then its full length).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.server_process import LiveServer  # noqa: E402
from tests.e2e.conftest import system_chromium  # noqa: E402
from tests.e2e.francetravail_helpers import explore, start_exercise  # noqa: E402

FT = "/sites/francetravail"


class Shots:
    def __init__(self, page, out: Path, suffix: str):
        self.page, self.out, self.suffix, self.count = page, out, suffix, 0

    def __call__(self, name: str) -> None:
        self.count += 1
        self.page.wait_for_function("() => !document.querySelector('.htmx-request')")
        path = self.out / f"{self.count:02d}-{name}{self.suffix}.png"
        self.page.screenshot(path=path)
        replica = self.page.locator("#replica")
        if replica.count():  # the replica scrolls inside the simulated browser
            replica.screenshot(path=path.with_name(path.stem + "-page.png"))


def tour(page, shot: Shots) -> None:
    explore(page)
    shot("login")
    start_exercise(page, "francetravail-actualisation-interim", "guide")
    shot("dashboard")
    page.locator(".ft-banner--action a").click()
    shot("actualisation-1")
    page.locator("label:has(#formationNon)").click()
    page.get_by_role("button", name="Valider").click()
    page.locator("label:has(#travailOui)").click()
    page.locator("label:has(#rechercheNon)").click()
    shot("actualisation-2-open")
    page.get_by_role("button", name="Valider").click()
    shot("actualisation-2-errors")
    page.locator("#heures").fill("21")
    page.locator("#salaire").fill("248,85")
    for question in ("stage", "maladie", "maternite", "retraite", "invalidite"):
        page.locator(f"label:has(#{question}Non)").click()
    page.locator("label:has(input[name=motif][value=reprise])").click()
    page.get_by_role("button", name="Valider").click()
    shot("actualisation-3-non")
    page.get_by_role("link", name="Modifier ma déclaration").click()
    page.locator("label:has(#rechercheOui)").click()
    page.get_by_role("button", name="Valider").click()
    page.get_by_role("button", name="Confirmer ma déclaration").click()
    shot("actualisation-done")
    for path, name in [("/paiements", "payments"), ("/courriers", "courriers"),
                       ("/documents/envoi", "document-form"), ("/messagerie", "messages"),
                       ("/offres?motsCles=preparateur+de+commandes&lieux=Aubervilliers",
                        "offers"), ("/offres/201KPLM", "offer")]:
        page.goto(FT + path)
        shot(name)
    page.goto(f"{FT}/paiements")
    page.locator(".ft-table a").first.click()
    shot("avis")
    start_exercise(page, "francetravail-inscription-fin", "guide")
    page.goto(f"{FT}/inscription/etape/5")
    shot("registration-5")
    page.goto(f"{FT}/inscription/etape/1")
    shot("registration-1")
    page.goto(f"{FT}/inscription/etape/2")
    shot("registration-2")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/shots-francetravail")
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--size", default="1366x768")
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
            page.goto("/")
            if args.lang != "fr":
                page.locator(f".choice-row button[value={args.lang}]").click()
                page.locator(f"html[lang={args.lang}]").wait_for()
            tour(page, Shots(page, out, f"-{args.lang}-{width}"))
            browser.close()
    finally:
        server.stop()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
