"""`python run_kiosk.py --kiosk`, for real: the production server starts, then « Chromium » (the
fake of tests/support/fake_chromium.py: no display here) opens the kiosk's own address with a
throw-away profile; a learner's session on that kiosk ends, and the browser is restarted with a
fresh profile; Ctrl-C stops the browser, removes its profile, then stops the server."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

from kiosk.server_process import free_port
from tests.unit.test_terminal_launcher import FAKE, ROOT, Fake, alive, wait_for


def stop_everything(kiosk: subprocess.Popen) -> None:
    """Whatever happened, leave no server nor browser behind: the launcher starts Chromium in
    a session of its own, so killing the launcher alone would orphan it."""
    import psutil

    if kiosk.poll() is not None:
        return
    for child in psutil.Process(kiosk.pid).children(recursive=True):
        child.kill()
    kiosk.kill()
    kiosk.wait()


def test_the_kiosk_command_runs_the_server_and_its_screen(tmp_path, monkeypatch):
    fake = Fake(tmp_path, monkeypatch)
    browser = tmp_path / "chromium"
    browser.write_text(f"#!/bin/sh\nexec {sys.executable} {FAKE} \"$@\"\n")
    browser.chmod(0o755)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PASAPAS_INSTANCE_PATH": str(tmp_path / "instance"),
           "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    with subprocess.Popen(
            [sys.executable, "run_kiosk.py", "--kiosk", "--port", str(port), "--workers", "1",
             "--borne", "borne-e2e", "--browser", str(browser)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True) as kiosk:
        try:
            (first,) = wait_for(lambda: fake.records("started"), timeout=60,
                                what="the server, then the browser, to start")
            assert first["argv"][-1] == f"{url}/borne/borne-e2e"
            assert ("--kiosk" in first["argv"]
                    and "--user-data-dir=" + first["profile"] in first["argv"])

            # What the browser does on that address: its home page (no session yet), its
            # heartbeat, a learner's first tap (a language: the session is born, named after
            # the kiosk as kiosk.js names it), then « Terminer ».
            jar = http.cookiejar.CookieJar()
            browser_http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            home = browser_http.open(f"{url}/borne/borne-e2e").read().decode()
            browser_http.open(f"{url}/borne/battement?page=/&seance=0&borne=borne-e2e").read()
            assert not list(jar)  # nobody acted: no cookie
            token = re.search(r'name="csrf_token" value="([^"]+)"', home).group(1)
            home = browser_http.open(f"{url}/langue", urllib.parse.urlencode(
                {"csrf_token": token, "lang": "en", "next": "/", "borne": "borne-e2e"}
            ).encode()).read().decode()
            browser_http.open(f"{url}/borne/battement?page=/&seance=0").read()
            token = re.search(r'name="csrf_token" value="([^"]+)"', home).group(1)
            browser_http.open(f"{url}/seance/terminer",
                              urllib.parse.urlencode({"csrf_token": token}).encode()).read()

            second = wait_for(lambda: fake.records("started")[1:], timeout=20,
                              what="the browser to restart after the session ended")[0]
            assert second["profile"] != first["profile"] and second["profile_existed"]
            assert not Path(first["profile"]).exists()
            assert fake.records("stopped")[0]["pid"] == first["pid"]

            kiosk.send_signal(signal.SIGINT)  # Ctrl-C
            assert kiosk.wait(timeout=30) == 0
        finally:
            stop_everything(kiosk)
        messages = kiosk.stderr.read()
    assert [r["pid"] for r in fake.records("stopped")] == [first["pid"], second["pid"]]
    assert not Path(second["profile"]).exists()
    assert not alive(second["pid"]) and not alive(second["helper"])
    try:
        urllib.request.urlopen(f"{url}/healthz", timeout=2)
        raise AssertionError("the server is still answering")
    except OSError:
        pass
    assert "Chromium redémarre (fin de séance)" in messages


def attach(playwright, devtools: int):
    """Playwright attached to the kiosk's running Chromium through its DevTools port.

    pytest-playwright's own driver: a second sync_playwright() in a worker that already ran
    browser tests is refused (« Sync API inside the asyncio loop »). In full runs (two and four
    workers) the attachment now and then never completes — the websocket connects, then
    Playwright waits on the browser's targets for good (90 s seen once; four of these tests side
    by side pass).
    Three attempts of 30 s, and what the browser's targets were if none succeeds."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _attempt in range(3):
        try:
            return playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{devtools}",
                                                        timeout=30_000)
        except PlaywrightTimeout:
            continue
    with urllib.request.urlopen(f"http://127.0.0.1:{devtools}/json", timeout=5) as response:
        targets = response.read().decode()
    raise AssertionError(f"could not attach to the kiosk's Chromium; its targets: {targets}")


def test_the_real_chromium_takes_the_flags_opens_the_kiosk_and_restarts_after_a_session(
        tmp_path, playwright):
    """Debian's Chromium, headless (no screen here), with every kiosk flag: its page beats, a
    learner taps a language (the session is born with the kiosk's name), the adviser ends the
    session on the screen, and a new Chromium with a new profile takes over."""
    import json
    import sqlite3
    from contextlib import closing

    from tests.e2e.conftest import system_chromium

    chromium = system_chromium()
    assert chromium, "the browser tests need Chromium (make browser)"
    port, devtools = free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    instance, profiles = tmp_path / "instance", tmp_path / "run" / "pasapas"
    env = {**os.environ, "PASAPAS_INSTANCE_PATH": str(instance),
           "XDG_RUNTIME_DIR": str(tmp_path / "run")}

    def status() -> dict:
        with urllib.request.urlopen(f"{url}/borne/borne-real/etat", timeout=2) as response:
            return json.load(response)

    def beating() -> bool:
        try:
            beat = status()["seconds_since_beat"]
        except OSError:
            return False
        return beat is not None and beat < 3

    with subprocess.Popen(
            [sys.executable, "run_kiosk.py", "--kiosk", "--port", str(port), "--workers", "1",
             "--borne", "borne-real", "--browser", chromium,
             "--browser-flag=--headless=new", "--browser-flag=--no-sandbox",
             f"--browser-flag=--remote-debugging-port={devtools}"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True) as kiosk:
        try:
            wait_for(beating, timeout=60, what="Chromium's page to send its heartbeat")
            (first_profile,) = profiles.iterdir()

            def session_on_screen():
                with closing(sqlite3.connect(instance / "kiosk.db")) as db:
                    return db.execute("SELECT session_id FROM kiosks WHERE id = 'borne-real'"
                                      ).fetchone()[0]

            # The home page alone opens no session; a learner's tap does, and the heartbeat
            # then says which session is on the screen.
            assert session_on_screen() is None
            screen = attach(playwright, devtools)
            page = screen.contexts[0].pages[0]
            page.get_by_role("button", name="English").click()
            page.locator("html[lang=en]").wait_for()
            screen.close()
            sid = wait_for(session_on_screen, timeout=20, what="the page's session to beat")

            from kiosk import remote
            from kiosk.app import create_app

            with create_app({"INSTANCE_PATH": str(instance)}).test_request_context():
                remote.end(sid)  # the adviser ends the session from the console
            wait_for(lambda: not first_profile.exists() and list(profiles.iterdir()), timeout=20,
                     what="a new profile for a new Chromium")
            assert status()["sessions_ended"] == 1
            # The new Chromium's home page beats, with no session: the next learner starts
            # from nothing.
            wait_for(lambda: beating() and session_on_screen() is None, timeout=30,
                     what="the new Chromium's page to beat, with no session yet")
            kiosk.send_signal(signal.SIGINT)
            assert kiosk.wait(timeout=30) == 0
        finally:
            stop_everything(kiosk)
        messages = kiosk.stderr.read()
    assert list(profiles.iterdir()) == []
    assert "Chromium redémarre (fin de séance)" in messages
