"""A scripted LRS on 127.0.0.1 (http.server) for the relay's answer handling.

    lrs = FakeLRS().start()
    lrs.answer(500)                  # the next POST gets a 500 (then the default again)
    lrs.on_post = lambda ids: (400, b"{}") if BAD in ids else None   # decide per request
    lrs.requests                     # [(method, path, headers, body)]
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeLRS:
    def __init__(self):
        self.requests: list[tuple[str, str, dict, bytes]] = []
        self.scripted: list[tuple[int, bytes]] = []
        self.on_post = None  # f(ids) -> (status, body) | None
        self.stored: dict[str, dict] = {}  # what GET ?statementId= finds
        self.delay = threading.Event()  # set by a test to hold answers (timeouts)
        self.hold_seconds = 0.0
        self.server: ThreadingHTTPServer | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"

    def answer(self, status: int, body: bytes = b"") -> None:
        self.scripted.append((status, body))

    def posted_ids(self) -> list[list[str]]:
        return [[s["id"] for s in json.loads(body)] for method, _, _, body in self.requests
                if method == "POST"]

    def start(self) -> FakeLRS:
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_):  # quiet
                pass

            def _reply(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                lrs.requests.append(("POST", self.path, _lower(self.headers), body))
                if lrs.hold_seconds:
                    lrs.delay.wait(lrs.hold_seconds)
                ids = [s["id"] for s in json.loads(body)]
                decided = lrs.on_post(ids) if lrs.on_post else None
                if decided is None and lrs.scripted:
                    decided = lrs.scripted.pop(0)
                if decided is None:
                    decided = (200, json.dumps(ids).encode())
                self._reply(*decided)

            def do_GET(self):
                lrs.requests.append(("GET", self.path, _lower(self.headers), b""))
                wanted = self.path.split("statementId=")[-1]
                found = lrs.stored.get(wanted)
                if found is None:
                    self._reply(404, b'{"detail":"not found"}')
                else:  # Ralph's shape: a list where the spec says a statement
                    self._reply(200, json.dumps({"statements": [found]}).encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.delay.set()
            self.server.shutdown()
            self.server.server_close()


def _lower(headers) -> dict[str, str]:
    """Header names are case-insensitive (urllib sends « X-experience-api-version »)."""
    return {name.lower(): value for name, value in headers.items()}
