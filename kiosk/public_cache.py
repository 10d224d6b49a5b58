"""The kiosk's home page, as a visitor without a session sees it, drawn once every few seconds.

Every learner's session ends on this page (« Terminer », the inactivity wipe), and so does every
client that keeps no cookie: a health check, a crawler, a script. Without a session the page is
the same for every request of one browser (nothing of it comes from a database), so it is drawn
once and answered from memory for ``PUBLIC_PAGE_CACHE_SECONDS``, the way a reverse proxy's
micro-cache would (benchmarks/RESULTS.md, « wrk against bare Flask »).

What is kept is exactly what one browser would have received: the key holds the visitor's
address and browser (the page's forms carry a visit token bound to them, kiosk/csrf.py), the
encodings it accepts (the body is kept compressed) and the terminal it names. Anything else
goes to the application as usual: a request with a cookie, a query string, an htmx request, a
method other than GET, and any answer that is not a plain 200 or that sets a cookie.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

CACHED_PATHS = frozenset({"/"})
MAX_ENTRIES = 256  # a branch has a few terminals; many more keys means somebody is probing
_LONGEST_HEADER = 512


@dataclass(frozen=True)
class _Entry:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    expires: float


class PublicPageCache:
    def __init__(self, wsgi_app: Callable, seconds: float):
        self.wsgi_app = wsgi_app
        self.seconds = seconds
        self._entries: dict[tuple, _Entry] = {}
        self._lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        entry = self._entries.get(key)
        if entry is not None and entry.expires > time.monotonic():
            start_response(entry.status, list(entry.headers))
            return [entry.body]
        return self._draw(key, environ, start_response)

    def _key(self, environ: dict) -> tuple | None:
        if (self.seconds <= 0 or environ.get("REQUEST_METHOD") != "GET"
                or environ.get("PATH_INFO") not in CACHED_PATHS
                or environ.get("QUERY_STRING") or environ.get("HTTP_COOKIE")
                or any(name.startswith("HTTP_HX_") for name in environ)):
            return None
        parts = (environ.get("REMOTE_ADDR", ""), environ.get("HTTP_USER_AGENT", ""),
                 environ.get("HTTP_ACCEPT_ENCODING", ""), environ.get("HTTP_X_KIOSK_ID", ""))
        if any(len(part) > _LONGEST_HEADER for part in parts):
            return None
        return (environ["PATH_INFO"], *parts)

    def _draw(self, key: tuple, environ: dict, start_response: Callable) -> Iterable[bytes]:
        seen: dict = {}

        def remember(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        answer = self.wsgi_app(environ, remember)
        try:
            body = b"".join(answer)
        finally:
            if hasattr(answer, "close"):
                answer.close()
        headers = seen.get("headers") or []
        if seen.get("status", "").startswith("200") and not any(
                name.lower() == "set-cookie" for name, _ in headers):
            with self._lock:
                if len(self._entries) >= MAX_ENTRIES:
                    self._entries.clear()
                self._entries[key] = _Entry(seen["status"], tuple(headers), body,
                                            time.monotonic() + self.seconds)
        return [body]
