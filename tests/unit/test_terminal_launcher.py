"""The terminal's launcher, with a fake Chromium (tests/support/fake_chromium.py): its exact
command line, a throw-away profile per start, restarts when the browser stops, when a session of
its kiosk ends and when its page stops beating, and a clean stop on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk.terminal.launcher import KIOSK_FLAGS, Launcher

ROOT = Path(__file__).resolve().parents[2]
FAKE = ROOT / "tests" / "support" / "fake_chromium.py"


def wait_for(condition, timeout: float = 10.0, what: str = "the condition"):
    """Poll until ``condition()`` is true (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its parent's wait is missing


class Fake:
    """The fake browser's journal."""

    def __init__(self, tmp_path: Path, monkeypatch):
        self.log = tmp_path / "browser.log"
        monkeypatch.setenv("FAKE_BROWSER_LOG", str(self.log))

    def records(self, event: str | None = None) -> list[dict]:
        if not self.log.exists():
            return []
        lines = [json.loads(line) for line in self.log.read_text().splitlines()]
        return [r for r in lines if event is None or r["event"] == event]


@pytest.fixture()
def fake(tmp_path, monkeypatch) -> Fake:
    return Fake(tmp_path, monkeypatch)


class Server:
    """What the kiosk server answers at /borne/<id>/etat (None: it does not answer)."""

    def __init__(self):
        self.answer: dict | None = {"kiosk": "borne-7", "sessions_ended": 0,
                                    "seconds_since_beat": 1.0}
        self.asked = 0

    def __call__(self, server_url: str, kiosk_id: str) -> dict | None:
        self.asked += 1
        assert (server_url, kiosk_id) == ("https://pasapas.agence.lan", "borne-7")
        return None if self.answer is None else dict(self.answer)


@pytest.fixture()
def launcher(tmp_path, fake):
    server = Server()
    launcher = Launcher("https://pasapas.agence.lan/", "borne-7",
                        browser=[sys.executable, str(FAKE)], profile_root=tmp_path / "profiles",
                        status=server, log=lambda message: None)
    launcher.server = server
    yield launcher
    launcher.stop_browser()


def test_the_exact_chromium_command_line(tmp_path):
    launcher = Launcher("https://pasapas.agence.lan", "borne-7", browser=["/usr/bin/chromium"],
                        profile_root=tmp_path, extra_flags=["--force-device-scale-factor=1.25"])
    assert launcher.command(Path("/run/user/1000/pasapas/pasapas-borne-7-x1")) == [
        "/usr/bin/chromium",
        "--kiosk",
        "--no-first-run",
        "--no-default-browser-check",
        "--noerrdialogs",
        "--hide-crash-restore-bubble",
        "--disable-component-update",
        "--disable-background-networking",
        "--simulate-outdated-no-au=Tue, 31 Dec 2099 23:59:59 GMT",
        "--disable-pinch",
        "--overscroll-history-navigation=0",
        "--touch-events=enabled",
        "--autoplay-policy=no-user-gesture-required",
        "--enable-speech-dispatcher",
        "--password-store=basic",
        "--disable-features=Translate",
        "--lang=fr-FR",
        "--ozone-platform-hint=auto",
        "--force-device-scale-factor=1.25",
        "--user-data-dir=/run/user/1000/pasapas/pasapas-borne-7-x1",
        "https://pasapas.agence.lan/borne/borne-7",
    ]
    # Never the flags that would open the browser to the learner or to the network.
    assert not {"--remote-debugging-port", "--kiosk-printing", "--disable-web-security",
                "--disable-session-crashed-bubble"} & {f.split("=")[0] for f in KIOSK_FLAGS}


def test_each_start_gets_a_new_profile_folder_removed_when_the_browser_stops(launcher, fake):
    launcher.start_browser()
    (started,) = wait_for(lambda: fake.records("started"), what="the browser to start")
    profile = Path(started["profile"])
    assert started["profile_existed"], "the profile folder exists before Chromium starts"
    assert profile.parent == launcher.profile_root and profile.name.startswith("pasapas-borne-7-")
    assert started["argv"][-1] == "https://pasapas.agence.lan/borne/borne-7"
    assert f"--user-data-dir={profile}" in started["argv"]
    assert (profile / "Local State").exists()

    launcher.stop_browser()
    assert fake.records("stopped"), "the browser was asked to stop (SIGTERM), not killed"
    assert not profile.exists()
    assert not alive(started["pid"])  # waited for by stop_browser
    # SIGKILL to the group is delivered at once, but a loaded machine takes a moment to end it.
    wait_for(lambda: not alive(started["helper"]), what="the browser's helper to be killed")
    assert launcher.process is None and launcher.profile is None


def test_a_browser_that_stops_by_itself_is_restarted_with_a_fresh_profile(launcher, fake,
                                                                          monkeypatch):
    monkeypatch.setenv("FAKE_BROWSER_EXIT_AFTER", "0.2")
    launcher.start_browser()
    wait_for(lambda: launcher.process.poll() is not None, what="the browser to stop")
    (first,) = fake.records("started")
    assert fake.records("crashed")
    monkeypatch.setenv("FAKE_BROWSER_EXIT_AFTER", "0")  # the new one stays up

    assert launcher.check() == "Chromium s'est arrêté"
    second = wait_for(lambda: fake.records("started")[1:], what="the second start")[0]
    assert second["profile"] != first["profile"] and second["profile_existed"]
    assert not Path(first["profile"]).exists()
    wait_for(lambda: not alive(first["helper"]),
             what="what the dead browser left behind to be stopped too")
    assert launcher.restarts == 1
    assert launcher.server.asked == 0, "a dead browser is restarted without asking the server"


def test_the_end_of_a_session_of_its_kiosk_restarts_the_browser(launcher, fake):
    launcher.server.answer["sessions_ended"] = 4  # sessions that ended before this start
    launcher.start_browser()
    assert launcher.check() is None, "the first count seen is where we start from"
    assert launcher.check() is None
    (first,) = wait_for(lambda: fake.records("started"), what="the browser to start")

    launcher.server.answer["sessions_ended"] = 5  # « Terminer », the countdown, the adviser…
    assert launcher.check() == "fin de séance"
    second = wait_for(lambda: fake.records("started")[1:], what="the second start")[0]
    assert second["profile"] != first["profile"] and not Path(first["profile"]).exists()
    assert fake.records("stopped")[0]["pid"] == first["pid"]
    assert launcher.check() is None, "one end, one restart"


def test_a_page_without_heartbeat_restarts_the_browser_after_the_grace(launcher, fake):
    launcher.start_browser()
    launcher.server.answer["seconds_since_beat"] = None  # not one heartbeat yet
    assert launcher.check() is None, "a new browser has a minute to load its page"
    launcher.started_at -= launcher.start_grace + 1
    assert launcher.check() == "la page ne répond plus"

    launcher.started_at -= launcher.start_grace + 1
    launcher.server.answer["seconds_since_beat"] = 4.0
    assert launcher.check() is None
    launcher.server.answer["seconds_since_beat"] = launcher.stale_after + 5  # « Aw, Snap! »
    assert launcher.check() == "la page ne répond plus"
    assert launcher.restarts == 2
    wait_for(lambda: [r for r in fake.records("started") if r["profile"] == str(launcher.profile)],
             what="the last browser to start")


def test_while_the_server_does_not_answer_the_screen_stays_as_it_is(launcher, fake):
    launcher.start_browser()
    launcher.server.answer = None
    launcher.started_at -= launcher.start_grace + 1
    assert [launcher.check() for _ in range(3)] == [None, None, None]
    assert launcher.restarts == 0


def test_run_stops_cleanly_when_asked_and_removes_leftover_profiles(launcher, fake, tmp_path):
    leftover = launcher.profile_root / "pasapas-borne-7-old"
    other_kiosk = launcher.profile_root / "pasapas-borne-8-current"
    for folder in (leftover, other_kiosk):
        folder.mkdir(parents=True)
    launcher.poll_seconds = 0.05
    stop = threading.Event()
    watcher = threading.Thread(target=launcher.run, args=(stop,))
    watcher.start()
    (started,) = wait_for(lambda: fake.records("started"), what="the browser to start")
    wait_for(lambda: launcher.server.asked >= 2, what="the launcher to ask the server")
    assert not leftover.exists() and other_kiosk.exists()

    stop.set()
    watcher.join(timeout=10)
    assert not watcher.is_alive()
    assert fake.records("stopped") and not Path(started["profile"]).exists()
    assert not alive(started["pid"])


def test_ctrl_c_stops_the_browser_then_the_launcher(tmp_path, fake):
    """The real command line, as systemd or an operator runs it; the server is unreachable."""
    browser = tmp_path / "chromium"
    browser.write_text(f"#!/bin/sh\nexec {sys.executable} {FAKE} \"$@\"\n")
    browser.chmod(0o755)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    with subprocess.Popen(
            [sys.executable, "-m", "kiosk.terminal.launcher", "--server", "http://127.0.0.1:9",
             "--borne", "borne-9", "--browser", str(browser)],
            cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True) as launcher:
        try:
            (started,) = wait_for(lambda: fake.records("started"), what="the browser to start")
            assert started["argv"][-1] == "http://127.0.0.1:9/borne/borne-9"
            assert Path(started["profile"]).parent == tmp_path / "run" / "pasapas"
            launcher.send_signal(signal.SIGINT)
            assert launcher.wait(timeout=15) == 0
        finally:
            if launcher.poll() is None:
                launcher.kill()
        messages = launcher.stderr.read()
    assert fake.records("stopped")[0]["pid"] == started["pid"]
    assert not Path(started["profile"]).exists()
    assert not alive(started["pid"])
    wait_for(lambda: not alive(started["helper"]), what="the browser's helper to be killed")
    assert "Chromium ouvert sur http://127.0.0.1:9/borne/borne-9" in messages
    assert "Chromium arrêté, profil effacé" in messages


def test_a_bad_kiosk_name_is_refused_before_anything_starts(tmp_path, fake):
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.terminal.launcher", "--server", "http://127.0.0.1:9",
         "--borne", "Borne 1", "--browser", sys.executable],
        cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "--borne" in result.stderr
    assert fake.records() == []
