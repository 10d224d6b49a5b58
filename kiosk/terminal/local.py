"""`python run_kiosk.py --kiosk`: the kiosk server and, on the same box, its own screen.

The server runs as a child process (gunicorn wants to be a main process of its own), the
launcher watches Chromium in this one. Ctrl-C or SIGTERM: Chromium stops first, its profile is
removed, then the server stops. If the server stops by itself, the screen closes too (and
systemd, if it runs this, starts both again).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from kiosk.terminal.launcher import launcher_from, stop_on_signals

RUN_KIOSK = Path(__file__).resolve().parents[2] / "run_kiosk.py"


def serve_with_screen(args: argparse.Namespace) -> int:
    stop = threading.Event()
    stop_on_signals(stop)
    host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    url = f"http://{host}:{args.port}"
    server = subprocess.Popen(
        [sys.executable, str(RUN_KIOSK), "--host", args.host, "--port", str(args.port),
         "--workers", str(args.workers), "--threads", str(args.threads)],
        start_new_session=True)  # Ctrl-C reaches this process only: it stops things in order
    try:
        if not wait_until_healthy(url, server, stop):
            return 0 if stop.is_set() else 1
        threading.Thread(target=_stop_when_done, args=(server, stop), daemon=True).start()
        launcher_from(args, url).run(stop)
    finally:
        stop_server(server)
    return 0 if server.returncode in (0, -signal.SIGTERM) else 1


def wait_until_healthy(url: str, server: subprocess.Popen, stop: threading.Event,
                       timeout: float = 120.0) -> bool:
    """True once /healthz answers; False if the server stopped, or we were asked to stop."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not stop.is_set():
        if server.poll() is not None:
            print("Le serveur de la borne s'est arrêté au démarrage.", file=sys.stderr)
            return False
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            stop.wait(0.2)  # polling the health check, not a fixed delay
    return False


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # gunicorn: graceful shutdown
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _stop_when_done(server: subprocess.Popen, stop: threading.Event) -> None:
    server.wait()
    stop.set()
