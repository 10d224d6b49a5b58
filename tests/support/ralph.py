"""A real Ralph LRS for the tests: its own virtual environment (make lrs), the file-system
backend, basic auth written by `ralph auth`, on 127.0.0.1 and a free port; started, stopped and
restarted on the same port and the same statements file.

    lrs = RalphLRS(tmp_path / "ralph").start()
    lrs.endpoint            # http://127.0.0.1:PORT/xAPI/  (XAPI_LRS_URL)
    lrs.statements()        # every statement it holds (GET /xAPI/statements, all pages)
    lrs.stop()
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from kiosk.server_process import free_port, stop_process

ROOT = Path(__file__).resolve().parents[2]
RALPH_VENV = Path(os.environ.get("PASAPAS_RALPH_VENV", ROOT / ".venv-ralph"))
LAUNCHER = ROOT / "tests" / "lrs" / "ralph_launcher.py"


class RalphLRS:
    def __init__(self, workdir: Path, port: int | None = None):
        self.workdir = workdir
        self.port = port or free_port()
        self.username = "kiosk"
        self.password = secrets.token_urlsafe(16)
        self.process: subprocess.Popen | None = None
        self.log_path = workdir / "ralph.log"

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    @property
    def statements_file(self) -> Path:
        return self.workdir / "data" / "fs_lrs.jsonl"

    def _env(self) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.workdir),
            "RALPH_APP_DIR": str(self.workdir / "app"),
            "RALPH_AUTH_FILE": str(self.workdir / "app" / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",  # `ralph auth` fails without it (default es)
            "RALPH_RUNSERVER_AUTH_BACKENDS": "basic",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.workdir / "data"),
        }

    def start(self, timeout: float = 60.0) -> RalphLRS:
        python = RALPH_VENV / "bin" / "python"
        if not python.exists():
            raise RuntimeError(f"Ralph's virtual environment is missing ({RALPH_VENV}): "
                               "run `make lrs` (make test does it)")
        (self.workdir / "app").mkdir(parents=True, exist_ok=True)
        (self.workdir / "data").mkdir(parents=True, exist_ok=True)
        if not (self.workdir / "app" / "auth.json").exists():
            done = subprocess.run(
                [str(RALPH_VENV / "bin" / "ralph"), "auth", "--write-to-disk",
                 "--username", self.username, "--password", self.password,
                 "--scope", "statements/write", "--scope", "statements/read",
                 "--agent-ifi-mbox", "mailto:kiosk@example.com"],
                env=self._env(), cwd=self.workdir, capture_output=True, text=True,
                timeout=timeout)
            if done.returncode:
                raise RuntimeError(f"`ralph auth` failed:\n{done.stdout}{done.stderr}")
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(
                [str(python), str(LAUNCHER), "--port", str(self.port)], env=self._env(),
                cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped at start-up:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__",
                                            timeout=1) as response:
                    if json.load(response) == {"database": "ok"}:
                        return self
            except (OSError, ValueError):
                time.sleep(0.1)  # polling the heartbeat, not waiting for a fixed delay
        self.stop()
        raise RuntimeError(f"Ralph did not answer its heartbeat in {timeout} s:\n{self.log()}")

    def stop(self) -> None:
        stop_process(self.process)

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def get(self, path: str) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"X-Experience-API-Version": "1.0.3", "Authorization": "Basic " +
                     base64.b64encode(f"{self.username}:{self.password}".encode()).decode()})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def statements(self, query: str = "") -> list[dict]:
        """Every statement Ralph returns for the query, following its « more » links."""
        found = []
        path = "/xAPI/statements/?limit=100" + (f"&{query}" if query else "")
        while path:
            status, page = self.get(path)
            if status != 200:
                raise AssertionError(f"GET {path}: {status} {page}")
            found += page["statements"]
            path = page.get("more") or ""
        return found
