"""Chromium in kiosk mode on the kiosk's own address, with a throw-away profile, restarted with a
fresh one whenever it stops, whenever a session of its kiosk ends, and whenever its page stops
sending its heartbeat (a dead renderer: « Aw, Snap! » keeps the browser process alive).

    python -m kiosk.terminal.launcher --server https://pasapas.agence.lan --borne borne-2
    python run_kiosk.py --kiosk [--borne borne-1]      the server and its own screen, on one box

Why a fresh profile each time: it is the only wipe that also takes the HTTP cache, the
back/forward cache, autofill and every kind of storage (reference kiosk-security-reliability.md
§1.4, step 4). The launcher asks the server every few seconds (GET /borne/<id>/etat,
kiosk/terminal/status.py) how many sessions of its kiosk have ended: one more, and the browser
restarts. Ctrl-C (or systemd's SIGTERM) stops the browser, then removes its profile.

Standard library only: a terminal can run it with the system's Python.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

# reference kiosk-security-reliability.md §1.2 (flags checked against Chromium's sources).
KIOSK_FLAGS = (
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
    "--autoplay-policy=no-user-gesture-required",  # the coach reads aloud
    # Chromium speaks through speech-dispatcher on Linux only when asked to (the voices of
    # « Écouter » and of « Vous êtes toujours là ? »); the policy file hides the warning
    # Chromium shows for this flag (CommandLineFlagSecurityWarningsEnabled).
    "--enable-speech-dispatcher",
    "--password-store=basic",  # never a keyring dialog (nothing is saved anyway)
    "--disable-features=Translate",  # the replica pages are in French on purpose
    "--lang=fr-FR",  # dates and numbers in forms as a French learner's browser shows them
    "--ozone-platform-hint=auto",  # Wayland under cage, X11 elsewhere
)

StatusFetcher = Callable[[str, str], "dict | None"]


def find_browser() -> str:
    for candidate in (os.environ.get("PASAPAS_CHROMIUM"), "chromium", "chromium-browser",
                      "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    raise SystemExit("Chromium est introuvable : installez le paquet « chromium » "
                     "ou donnez son chemin avec --browser.")


def fetch_status(server_url: str, kiosk_id: str, timeout: float = 3.0) -> dict | None:
    """The server's view of this kiosk, or None when the server does not answer."""
    try:
        with urllib.request.urlopen(f"{server_url}/borne/{kiosk_id}/etat", timeout=timeout) as r:
            return json.load(r)
    except (OSError, ValueError):
        return None


class Launcher:
    def __init__(self, server_url: str, kiosk_id: str, *, browser: Sequence[str] | None = None,
                 profile_root: str | Path | None = None, poll_seconds: float = 2.0,
                 stale_after: float = 30.0, start_grace: float = 60.0,
                 status: StatusFetcher = fetch_status, extra_flags: Sequence[str] = (),
                 browser_output: int | None = subprocess.DEVNULL,
                 log: Callable[[str], None] | None = None):
        self.server_url = server_url.rstrip("/")
        self.kiosk_id = kiosk_id
        self.browser = list(browser) if browser else [find_browser()]
        self.profile_root = Path(profile_root) if profile_root else default_profile_root()
        self.poll_seconds = poll_seconds
        self.stale_after = stale_after  # seconds without a heartbeat: the page is dead
        self.start_grace = start_grace  # a new browser has this long to send its first one
        self.status = status
        self.extra_flags = list(extra_flags)
        self.browser_output = browser_output
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.process: subprocess.Popen | None = None
        self.profile: Path | None = None
        self.started_at = 0.0
        self.ended_seen: int | None = None  # the server's count of ended sessions, last seen
        self.restarts = 0

    @property
    def address(self) -> str:
        """The kiosk's own address: the session learns which terminal it runs on."""
        return f"{self.server_url}/borne/{self.kiosk_id}"

    def command(self, profile: Path) -> list[str]:
        return [*self.browser, *KIOSK_FLAGS, *self.extra_flags, f"--user-data-dir={profile}",
                self.address]

    # --- the browser ----------------------------------------------------------------------
    def start_browser(self) -> None:
        self.profile_root.mkdir(parents=True, exist_ok=True)
        self.profile = Path(tempfile.mkdtemp(prefix=f"pasapas-{self.kiosk_id}-",
                                             dir=self.profile_root))
        # Its own process group: Ctrl-C reaches the launcher only, which stops the browser
        # (and its helpers) itself, in order.
        self.process = subprocess.Popen(self.command(self.profile), start_new_session=True,
                                        stdin=subprocess.DEVNULL, stdout=self.browser_output,
                                        stderr=self.browser_output)
        self.started_at = time.monotonic()

    def stop_browser(self) -> None:
        if self.process is not None:
            self._signal_group(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self.process.wait()
            self._signal_group(signal.SIGKILL)  # helpers left behind by a browser that died
            self.process = None
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None

    def restart_browser(self, reason: str) -> None:
        self.log(f"borne {self.kiosk_id} : Chromium redémarre ({reason}), profil neuf")
        self.stop_browser()
        self.start_browser()
        self.restarts += 1

    def _signal_group(self, signum: int) -> None:
        try:
            os.killpg(self.process.pid, signum)
        except (ProcessLookupError, PermissionError):
            pass

    # --- supervision ----------------------------------------------------------------------
    def check(self) -> str | None:
        """One look at the browser and at the server; restarts Chromium if it must, and
        returns why (None: all is well, or the server cannot be asked)."""
        reason = self._reason_to_restart()
        if reason:
            self.restart_browser(reason)
        return reason

    def _reason_to_restart(self) -> str | None:
        if self.process is None or self.process.poll() is not None:
            return "Chromium s'est arrêté"
        status = self.status(self.server_url, self.kiosk_id)
        if status is None:
            return None  # the server is away: keep the screen as it is
        ended = int(status.get("sessions_ended") or 0)
        previous, self.ended_seen = self.ended_seen, ended
        if previous is not None and ended > previous:
            return "fin de séance"
        if time.monotonic() - self.started_at > self.start_grace:
            beat = status.get("seconds_since_beat")
            if beat is None or beat > self.stale_after:
                return "la page ne répond plus"
        return None

    def run(self, stop: threading.Event | None = None) -> None:
        """Start the browser and watch it until ``stop`` is set (or SIGINT/SIGTERM)."""
        stop = stop or threading.Event()
        self.remove_leftover_profiles()
        first = self.status(self.server_url, self.kiosk_id)  # what has ended before this start
        if first is not None:
            self.ended_seen = int(first.get("sessions_ended") or 0)
        self.start_browser()
        self.log(f"borne {self.kiosk_id} : Chromium ouvert sur {self.address}")
        try:
            while not stop.wait(self.poll_seconds):
                self.check()
        finally:
            self.stop_browser()
            self.log(f"borne {self.kiosk_id} : Chromium arrêté, profil effacé")

    def remove_leftover_profiles(self) -> None:
        """Profiles of this kiosk left by a launcher that was killed (power cut, SIGKILL)."""
        for leftover in self.profile_root.glob(f"pasapas-{self.kiosk_id}-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def default_profile_root() -> Path:
    """In memory when the system offers it (/run/user/<uid> is a tmpfs): nothing of a
    learner's browsing is ever written to the disk."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return Path(runtime) / "pasapas" if runtime else Path(tempfile.gettempdir()) / "pasapas"


def stop_on_signals(stop: threading.Event) -> None:
    """Ctrl-C and systemd's SIGTERM end the watch; the launcher then stops the browser."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())


def add_arguments(parser: argparse.ArgumentParser, *, with_server: bool) -> None:
    if with_server:
        parser.add_argument("--server", required=True,
                            help="the kiosk server's address, e.g. https://pasapas.agence.lan")
    parser.add_argument("--borne", default="borne-1", metavar="ID",
                        help="this terminal's name: lowercase letters, digits, dashes "
                             "(default borne-1)")
    parser.add_argument("--browser", help="Chromium's path (default: chromium on the PATH)")
    parser.add_argument("--browser-flag", action="append", default=[], metavar="FLAG",
                        help="one more Chromium flag (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="show Chromium's own messages")


def launcher_from(args: argparse.Namespace, server_url: str) -> Launcher:
    import re

    if not re.match(r"^[a-z0-9][a-z0-9-]{0,31}$", args.borne):
        raise SystemExit(f"--borne {args.borne!r} : lettres minuscules, chiffres et tirets.")
    return Launcher(server_url, args.borne, browser=[args.browser] if args.browser else None,
                    extra_flags=args.browser_flag,
                    browser_output=None if args.verbose else subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.terminal.launcher",
                                     description=__doc__.split("\n\n")[0])
    add_arguments(parser, with_server=True)
    args = parser.parse_args(argv)
    launcher = launcher_from(args, args.server)
    stop = threading.Event()
    stop_on_signals(stop)
    launcher.run(stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
