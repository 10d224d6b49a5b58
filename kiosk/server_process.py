"""The real kiosk server (run_kiosk.py, gunicorn) in a child process on a free port.

Used by the browser tests, the benchmarks, scenario replays and screenshots.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(process: subprocess.Popen | None, timeout: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if it has not stopped within ``timeout`` seconds; reaped either
    way."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class LiveServer:
    def __init__(self, instance: Path, settings: dict[str, str] | None = None,
                 port: int | None = None, *, workers: int = 1, threads: int = 8):
        self.instance = Path(instance)
        self.port = port or free_port()
        self.host = "127.0.0.1"  # run_kiosk.py's default address
        self.url = f"http://{self.host}:{self.port}"
        self.settings = settings or {}
        self.workers = workers
        self.threads = threads
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 90.0) -> LiveServer:
        env = {**os.environ, "PASAPAS_INSTANCE_PATH": str(self.instance), **{
            f"PASAPAS_{k}": v for k, v in self.settings.items()}}
        self.log_path = self.instance / "server.log"
        self.instance.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "run_kiosk.py"), "--port", str(self.port),
                 "--workers", str(self.workers), "--threads", str(self.threads)],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the kiosk server stopped:\n{self.log()}")
            if self.ready():
                return self
            time.sleep(0.1)  # polling the health check, not waiting for a fixed delay
        self.stop()
        raise RuntimeError("the kiosk server did not answer /healthz in time")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def ready(self) -> bool:
        return self.healthy()

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def stop(self) -> None:
        stop_process(self.process)
