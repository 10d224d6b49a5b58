"""Drill « taps hostiles »: what a curious, lost or mischievous user — or a script on the
branch's network — can try, each tried against the production server, with what happens.

    python -m drills.hostile

Over raw HTTP (what a browser would normalise away is sent as it is): another learner's world
tokens, two browsers on one session cookie, a 10 MB body (announced, and chunked), header
tricks (Host, X-Forwarded-*), path tricks (``..``, %00, a 10,000-character path, a 20 KB
header), and a few connections that send half a request and wait. Then the fast tests that
keep these in ``make test`` (tests/web/test_hostile_taps.py, Flask's test client) and
Chromium's own keys and gestures in the browser (tests/e2e/test_hostile_keys.py). The keys that
only the terminal's Chromium can refuse (its flags, its policy) are checked in those files.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.http_client import Browser
from benchmarks.learner import Learner
from drills.common import ROOT, DrillServer, save, server_errors
from kiosk.terminal import launcher, policy

KIND = ("Cette page n", "trop long", "Revenez", "La borne")


def _raw(server: DrillServer, head: bytes, body: bytes = b"", timeout: float = 20.0
         ) -> tuple[int, str, float]:
    """One request written byte for byte; (status, body text, seconds)."""
    started = time.monotonic()
    with socket.create_connection((server.host, server.port), timeout=timeout) as s:
        s.sendall(head)
        try:
            sent = 0
            while sent < len(body):  # the server may answer and close before the end
                sent += s.send(body[sent:sent + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    status = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    text = data.split(b"\r\n\r\n", 1)[-1].decode("utf-8", "replace")
    return (int(status.group(1)) if status else 0), text, round(time.monotonic() - started, 2)


def _get(path: str, host: str = "127.0.0.1", extra: str = "", cookie: str = "") -> bytes:
    cookie_line = f"Cookie: pasapas={cookie}\r\n" if cookie else ""
    return (f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{cookie_line}{extra}"
            "Connection: close\r\n\r\n").encode("latin-1")


def _row(attack: str, what: str, held: bool) -> dict:
    return {"attack": attack, "what_happens": what, "held": bool(held)}


def _paths(server: DrillServer, cookie: str) -> list[dict]:
    rows = []
    for label, path in (
            ("`..` in the path, raw", "/static/../../instance/kiosk.db"),
            ("`..` encoded (%2e%2e, %2f)", "/static/%2e%2e/%2e%2e/run_kiosk.py"),
            ("`..` towards the console", "/sites/banque/..%2f..%2fagent"),
            ("%00 in the path", "/sites/banque/synthese%00.pdf"),
            ("a script in the path (shown in the address bar)",
             "/sites/banque/%3Cscript%3Ealert(1)%3C/script%3E")):
        status, text, _ = _raw(server, _get(path, cookie=cookie))
        leaked = "SQLite format" in text or "import " in text or "<script>alert" in text
        rows.append(_row(label, f"{status}, kiosk page « Cette page n'existe pas »"
                         if status == 404 else f"{status}", status in (400, 404) and not leaked
                         and "Traceback" not in text))
    status, text, _ = _raw(server, _get("/sites/banque/" + "a" * 10_000))
    rows.append(_row("a 10,000-character path", f"{status} from gunicorn (request line over "
                     "4,094 bytes), its own short page; nothing reaches the app",
                     status in (400, 414)))
    status, text, _ = _raw(server, _get("/", extra="X-Junk: " + "a" * 20_000 + "\r\n"))
    rows.append(_row("a 20 KB header", f"{status} from gunicorn (a header over 8,190 "
                     "bytes)", status in (400, 431)))
    return rows


def _headers(server: DrillServer) -> list[dict]:
    status, text, _ = _raw(server, _get("/", host="evil.example"))
    rows = [_row("Host: evil.example", f"{status}, the home page; no link names the forged "
                 "host (links and redirects are relative)", status == 200
                 and "evil.example" not in text)]
    forged = ("X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Host: evil.example\r\n"
              "X-Forwarded-Proto: http\r\nX-Forwarded-Prefix: /evil\r\n")
    status, text, _ = _raw(server, _get("/", extra=forged))
    rows.append(_row("X-Forwarded-For / -Host / -Proto / -Prefix", f"{status}; ignored (no "
                     "trusted proxy unless TRUSTED_PROXIES is set, docs/operators.md)",
                     status == 200 and "evil" not in text))
    return rows


def _bodies(server: DrillServer) -> list[dict]:
    ten_mb = b"x=" + b"a" * (10 * 2**20)
    head = (f"POST /seance/commencer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            f"application/x-www-form-urlencoded\r\nContent-Length: {len(ten_mb)}\r\n"
            "Connection: close\r\n\r\n").encode()
    status, text, seconds = _raw(server, head, ten_mb)
    rows = [_row("a 10 MB form (Content-Length)", f"{status} « Ce que vous avez envoyé est "
                 f"trop long. » in {seconds} s, refused before it is read",
                 status == 413 and "trop long" in text)]
    chunked = b"".join(b"%x\r\n%s\r\n" % (65536, b"a" * 65536) for _ in range(160)) + \
        b"0\r\n\r\n"
    head = (b"POST /seance/commencer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            b"application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
            b"Connection: close\r\n\r\n")
    status, text, seconds = _raw(server, head, chunked)
    rows.append(_row("a 10 MB form, chunked (no length announced)",
                     f"{status} in {seconds} s", status in (400, 413) and "Traceback" not in
                     text))
    return rows


async def _worlds(server: DrillServer) -> list[dict]:
    """Alice's account token, replayed by Bob; Alice's cookie in a second browser."""
    alice, bob = (Learner(Browser(server.host, server.port)) for _ in range(2))
    for learner in (alice, bob):
        await Learner.home(learner)
        await Learner.start_bank(learner)
        await Learner.open_bank(learner)
        await Learner.log_in(learner)
    synthesis = await alice.browser.get("/sites/banque/synthese")
    token = re.search(r'href="/sites/banque/comptes/([^"/?#]+)"', synthesis.text).group(1)
    mine = await alice.browser.get(f"/sites/banque/comptes/{token}")
    stolen = await bob.browser.get(f"/sites/banque/comptes/{token}")
    stolen_pdf = await bob.browser.get(f"/sites/banque/rib/{token}/pdf")
    rows = [_row("another learner's account token (history, RIB PDF)",
                 f"{stolen.status} and {stolen_pdf.status}: tokens are drawn for each world, "
                 "and each learner reads only their own world (the owner gets "
                 f"{mine.status})", mine.status == 200 and stolen.status == 404
                 and stolen_pdf.status == 404)]
    twin = Browser(server.host, server.port, cookies=dict(alice.browser.cookies))
    same = await twin.get("/sites/banque/synthese")
    await Learner.end(alice)
    after = await twin.get("/sites/banque/synthese")
    rows.append(_row("a second browser (tab or kiosk) with the learner's session cookie",
                     f"{same.status} while the session lasts — it is the same learner at "
                     f"the same world; after « Terminer » on one, the other gets "
                     f"{after.status} (the home page, nothing of the session)",
                     same.status == 200 and after.status == 200
                     and "Synthèse" not in after.text))
    for browser in (alice.browser, bob.browser, twin):
        await browser.close()
    return rows


async def _a_session(server: DrillServer) -> str:
    """A learner at the bank: the path tricks are tried with a session, as a kiosk's are."""
    learner = Learner(Browser(server.host, server.port))
    await Learner.home(learner)
    await Learner.start_bank(learner)
    await learner.browser.close()
    return learner.browser.cookies.get("pasapas", "")


def _slow_clients(server: DrillServer, count: int = 12) -> dict:
    """Connections that send half a request and wait (slowloris), then a learner's page."""
    sockets = []
    for _ in range(count):
        s = socket.create_connection((server.host, server.port), timeout=5)
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        sockets.append(s)
    time.sleep(0.5)  # the drill lets the server hand them to its threads (bounded, not a test)
    started = time.monotonic()
    try:
        status, _, _ = _raw(server, _get("/healthz"), timeout=40)
    except TimeoutError:
        status = 0
    seconds = round(time.monotonic() - started, 2)
    for s in sockets:
        s.close()
    answer = status or "none"
    held = status == 200 and seconds < 2
    what = (f"a learner's page then took {seconds} s (status {answer})" + (
        ": the half-sent requests held none of the threads it needed" if held else
        ": each of the 8 threads (2 workers × 4) waited on a half-read request, up to "
        "gunicorn's 30 s timeout") + ". In a branch only Caddy reaches gunicorn "
            "(docs/operators.md), and Caddy passes a request on once its headers are whole")
    row = _row(f"{count} connections to gunicorn itself that send half a request and wait "
               "(slowloris)", what, held)
    row["known"] = True  # a finding of the deployment, not a regression: reported, not failed
    return row


def _tests() -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/web/test_hostile_taps.py", "tests/e2e/test_hostile_keys.py",
         "tests/unit/test_terminal_launcher.py", "tests/unit/test_terminal_policy.py"],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    passed = sum(int(n) for n in re.findall(r"(\d+) passed", done.stdout))
    failed = sum(int(n) for n in re.findall(r"(\d+) (?:failed|error)", done.stdout))
    return {"passed": passed, "failed": failed, "exit": done.returncode}


def _terminal() -> list[dict]:
    """What only the terminal's Chromium can refuse: its flags and its policy, as shipped."""
    flags, rules = set(launcher.KIOSK_FLAGS), policy.policy_for("https://borne.agence.lan")
    gestures = (ROOT / "kiosk" / "templates" / "layout.html").read_text()
    return [
        _row("Ctrl+L, then an address", "--kiosk shows no address bar; whatever is typed, "
             "URLBlocklist « * » lets only the kiosk's origin open, and not its /agent console",
             "--kiosk" in flags and rules["URLBlocklist"][0] == "*"
             and rules["URLBlocklist"][-1].endswith("/agent")),
        _row("Ctrl+P", "PrintingEnabled false: nothing happens", rules["PrintingEnabled"] is False),
        _row("F12, Ctrl+Shift+I, « Inspecter »", "DeveloperToolsAvailability 2: nothing",
             rules["DeveloperToolsAvailability"] == 2),
        _row("pinch zoom, swipe back", "--disable-pinch, --overscroll-history-navigation=0; "
             "Ctrl + wheel and Ctrl + « = » refused by gestures.js",
             {"--disable-pinch", "--overscroll-history-navigation=0"} <= flags
             and "js/gestures.js" in gestures),
        _row("Ctrl+W, Alt+F4 (close the window)", "Chromium reserves these keys: the window "
             "closes, the launcher sees it and opens a fresh one (new empty profile) on the "
             "home page; the learner's session is left and wiped by the inactivity timer",
             "--kiosk" in flags),
        _row("right-click, long press", "gestures.js cancels the menu (open in a new window, "
             "search Google, save as); a text field keeps it (« Coller »)",
             "js/gestures.js" in gestures),
        _row("a link or an image dragged away", "gestures.js cancels the drag",
             "js/gestures.js" in gestures),
        _row("F5, Alt+← (reload, back)", "harmless: the same page in the same session "
             "(Post/Redirect/Get); after « Terminer », back shows the home page",
             True),
    ]


def run() -> dict:
    instance = Path(tempfile.mkdtemp(prefix="pasapas-drill-hostile-")) / "instance"
    server = DrillServer(instance).start()
    try:
        attacks = asyncio.run(_worlds(server))
        cookie = asyncio.run(_a_session(server))
        attacks += _paths(server, cookie) + _headers(server) + _bodies(server)
        attacks.append(_slow_clients(server))
        status, _, _ = _raw(server, _get("/healthz"))
        log = server.log()
    finally:
        server.stop()
    attacks += _terminal()
    tests = _tests()
    attacks.append(_row("the same, in `make test` (" + ", ".join(
        ["tests/web/test_hostile_taps.py", "tests/e2e/test_hostile_keys.py"]) + ")",
        f"{tests['passed']} passed, {tests['failed']} failed", tests["exit"] == 0))
    errors = server_errors(log)
    return {"attacks": attacks, "healthy_after": status == 200, "server_errors": errors[:10],
            "tests": tests, "ok": all(a["held"] or a.get("known") for a in attacks)
            and status == 200
            and not errors}


def main(argv: list[str] | None = None) -> int:
    result = run()
    print(json.dumps(result, indent=1, ensure_ascii=False))
    save("hostile", result)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
