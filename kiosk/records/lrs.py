"""The LRS as the relay sees it: its settings and two HTTP calls (xAPI 1.0.3, basic auth).

Plain urllib: two requests do not need another dependency, and the relay runs in a thread of
the kiosk server where a small, synchronous client is the simplest thing that works.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import NamedTuple

XAPI_VERSION = "1.0.3"
MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class RelaySettings:
    statements_url: str | None  # None: no LRS configured, statements stay queued
    username: str | None = None
    password: str | None = None
    batch_size: int = 50
    timeout: float = 10.0
    retry_min: float = 30.0
    retry_max: float = 3600.0
    max_tries: int = 20
    auth_pause: float = 600.0
    poll: float = 5.0
    keep_sent_days: float = 30

    @classmethod
    def from_config(cls, config) -> RelaySettings:
        return cls(
            statements_url=statements_url(config.get("XAPI_LRS_URL")),
            username=config.get("XAPI_LRS_USERNAME"), password=config.get("XAPI_LRS_PASSWORD"),
            batch_size=int(config["XAPI_BATCH_SIZE"]),
            timeout=float(config["XAPI_TIMEOUT_SECONDS"]),
            retry_min=float(config["XAPI_RETRY_MIN_SECONDS"]),
            retry_max=float(config["XAPI_RETRY_MAX_SECONDS"]),
            max_tries=int(config["XAPI_MAX_TRIES"]),
            auth_pause=float(config["XAPI_AUTH_PAUSE_SECONDS"]),
            poll=float(config["XAPI_RELAY_POLL_SECONDS"]),
            keep_sent_days=float(config["XAPI_KEEP_SENT_DAYS"]),
        )


def statements_url(endpoint: str | None) -> str | None:
    """``https://lrs.example/xAPI`` or ``…/xAPI/`` → ``https://lrs.example/xAPI/statements``."""
    if not endpoint:
        return None
    endpoint = str(endpoint).strip()
    if endpoint.rstrip("/").endswith("/statements"):
        return endpoint.rstrip("/")
    return endpoint.rstrip("/") + "/statements"


class Answer(NamedTuple):
    status: int
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8", "replace").strip()[:500]


class Unreachable(Exception):
    """No HTTP answer: connection refused, timeout, name not found, connection reset."""


class LrsClient:
    def __init__(self, settings: RelaySettings):
        self.settings = settings
        self.headers = {"X-Experience-API-Version": XAPI_VERSION,
                        "Content-Type": "application/json"}
        if settings.username is not None:
            pair = f"{settings.username}:{settings.password or ''}".encode()
            self.headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")

    def post_statements(self, body: bytes) -> Answer:
        return self._request("POST", self.settings.statements_url, body)

    def stored_statement(self, statement_id: str) -> dict | None:
        """The statement the LRS holds under this id, or None."""
        query = urllib.parse.urlencode({"statementId": statement_id})
        answer = self._request("GET", f"{self.settings.statements_url}?{query}")
        if answer.status != 200:
            return None
        try:
            found = json.loads(answer.body)
        except ValueError:
            return None
        if isinstance(found, dict) and isinstance(found.get("statements"), list):
            # Ralph answers a list where the spec expects the statement itself (§5.2).
            found = found["statements"][0] if found["statements"] else None
        return found if isinstance(found, dict) else None

    def _request(self, method: str, url: str, body: bytes | None = None) -> Answer:
        request = urllib.request.Request(url, data=body, method=method, headers=self.headers)
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
                return Answer(response.status, response.read(MAX_ANSWER_BYTES))
        except urllib.error.HTTPError as error:
            with error:
                return Answer(error.code, error.read(MAX_ANSWER_BYTES))
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            raise Unreachable(str(getattr(error, "reason", error)) or type(error).__name__) \
                from error


def same_statement(ours: dict, theirs: dict | None) -> bool:
    """The LRS holds our statement (not another one under the same id): compared on what
    identifies it, since an LRS may add or normalise other fields (stored, authority…)."""
    if not theirs:
        return False

    def key(s: dict) -> tuple:
        return (s.get("id"), (s.get("verb") or {}).get("id"), (s.get("object") or {}).get("id"),
                json.dumps((s.get("actor") or {}).get("account"), sort_keys=True),
                (s.get("context") or {}).get("registration"))

    return key(ours) == key(theirs)
