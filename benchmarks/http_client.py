"""A deliberately small HTTP/1.1 client on asyncio streams: the load generator.

The generator shares the two cores with the server, so it must cost little per request:
no third-party client, keep-alive connections, one event loop for every simulated learner.
It behaves like a browser where it matters to the server: one cookie jar per learner,
303/302 redirects followed with a GET, a fresh connection when the server has probably closed
an idle one (gunicorn's keep-alive is 2 s), one retry when a reused connection turns out dead.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

try:  # Python 3.14's compression module; before it, the backport Flask-Compress brings
    from compression import zstd
except ImportError:
    from backports import zstd

KEEPALIVE_SECONDS = 1.5  # below gunicorn's default keepalive (2 s): reuse only what is alive


class HttpError(Exception):
    pass


@dataclass
class Response:
    method: str
    path: str
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Browser:
    """One learner's browser: a connection, a cookie jar, and every request it timed."""

    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    on_response: object = None  # callable(Response) -> None, for the statistics
    _reader: asyncio.StreamReader | None = None
    _writer: asyncio.StreamWriter | None = None
    _last_used: float = 0.0

    async def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return await self.navigate("GET", path, None, headers)

    async def post(self, path: str, form: dict[str, str],
                   headers: dict[str, str] | None = None) -> Response:
        return await self.navigate("POST", path, urlencode(form).encode(), headers)

    async def navigate(self, method: str, path: str, body: bytes | None,
                       headers: dict[str, str] | None) -> Response:
        """One request, then its redirects (POST → 303 → GET, like a browser)."""
        response = await self.request(method, path, body, headers)
        for _ in range(5):
            if response.status not in (301, 302, 303, 307, 308):
                break
            location = urlsplit(response.headers.get("location", "/"))
            target = location.path + (f"?{location.query}" if location.query else "")
            response = await self.request("GET", target, None, headers)
        return response

    async def request(self, method: str, path: str, body: bytes | None = None,
                      headers: dict[str, str] | None = None) -> Response:
        payload = self._encode(method, path, body, headers or {})
        fresh = self._writer is None or time.monotonic() - self._last_used > KEEPALIVE_SECONDS
        if fresh:
            await self._reconnect()
        start = time.perf_counter()
        try:
            status, response_headers, content = await self._exchange(payload)
        except (ConnectionError, asyncio.IncompleteReadError, HttpError):
            if fresh:
                raise
            await self._reconnect()  # the server closed the idle connection first: retry once
            start = time.perf_counter()
            status, response_headers, content = await self._exchange(payload)
        response = Response(method, path, status, response_headers, content,
                            time.perf_counter() - start)
        self._last_used = time.monotonic()
        if response_headers.get("connection", "").lower() == "close":
            await self.close()
        if self.on_response is not None:
            self.on_response(response)
        return response

    def _encode(self, method: str, path: str, body: bytes | None,
                headers: dict[str, str]) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 "User-Agent: pasapas-bench", "Accept: text/html",
                 "Accept-Encoding: zstd"]  # as Chromium: the server's compression is measured
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if body is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded",
                      f"Content-Length: {len(body)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")

    async def _exchange(self, payload: bytes) -> tuple[int, dict[str, str], bytes]:
        self._writer.write(payload)
        await self._writer.drain()
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[1].isdigit():
            raise HttpError(f"bad status line {status_line!r}")
        headers: dict[str, str] = {}
        for line in header_lines:
            if not line:
                continue
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                self._store_cookie(value)
            headers[name] = value
        status = int(parts[1])
        if status in (204, 304) or 100 <= status < 200:
            # No body, whatever the headers say (RFC 9112 §6.3): reading on would wait for
            # the server to close the kept-alive connection (2 s): the heartbeat's 204.
            content = b""
        elif "content-length" in headers:
            content = await self._reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            content = await self._read_chunked()
        else:
            content = await self._reader.read()
            headers["connection"] = "close"
        if headers.get("content-encoding") == "zstd":
            content = zstd.decompress(content)
        return status, headers, content

    async def _read_chunked(self) -> bytes:
        chunks = []
        while True:
            size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self._reader.readuntil(b"\r\n")
                return b"".join(chunks)
            chunks.append(await self._reader.readexactly(size))
            await self._reader.readexactly(2)

    def _store_cookie(self, header: str) -> None:
        pair, *attributes = header.split(";")
        name, _, value = pair.strip().partition("=")
        expired = any(a.strip().lower() in ("max-age=0", "expires=thu, 01 jan 1970 00:00:00 gmt")
                      for a in attributes) or not value
        if expired:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value

    async def _reconnect(self) -> None:
        await self.close()
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except OSError:
                pass
        self._reader = self._writer = None
