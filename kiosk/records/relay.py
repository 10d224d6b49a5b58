"""The relay: sends the outbox to the LRS, outside the request path.

Each answer is treated as reference kiosk-security-reliability.md §5.5 says:

    200, 204          stored (ids missing from a 200's list were already stored): sent
    409               one statement: the LRS holds that id already; if what it holds is ours,
                      sent, otherwise failed (a bug of ours, shown to the operator)
    400, 413, 422     one statement: failed at once, never retried (shown, re-queueable);
                      in a batch, the batch is split to find the one at fault (Ralph says
                      422 where the spec says 400: its validation is FastAPI's)
    401, 403          our credentials are refused: the relay pauses and says so; no row changes
    429, 5xx          the LRS cannot take it now: each row is tried again later (exponential
                      backoff with jitter) and after XAPI_MAX_TRIES answers like these, failed
    no answer         (connection refused, timeout…) the relay waits, backing off; the rows keep
                      their place and are never failed for it: a kiosk may be offline for days
    anything else     (404, a redirect…) a configuration problem: paused, like 401

Exactly one relay runs per kiosk database: every candidate (a thread in each gunicorn worker,
or ``run_kiosk.py records relay`` under systemd) takes an exclusive ``flock`` on
``xapi-relay.lock`` beside kiosk.db first. The operating system drops the lock when its process
dies, and a waiting candidate takes over.
"""

from __future__ import annotations

import fcntl
import json
import logging
import random
import threading
import time
from pathlib import Path

from kiosk.records import store
from kiosk.records.lrs import LrsClient, RelaySettings, Unreachable, same_statement
from simulator import db as dbhelpers

log = logging.getLogger("pasapas.records")

ELECTION_SECONDS = 15.0  # how often a waiting candidate asks for the lock
CLEAN_EVERY_SECONDS = 3600.0


class Relay:
    def __init__(self, db_path: str, settings: RelaySettings, client: LrsClient | None = None):
        self.db = dbhelpers.connect(db_path, wal=True)
        self.settings = settings
        self.client = client or LrsClient(settings)
        self._said: tuple[str, str] | None = None
        self._cleaned_at = 0.0

    def close(self) -> None:
        self.db.conn.close()

    def run_once(self) -> str:
        """Send one batch. Returns idle, sent, retry (the LRS answered « later »), offline
        (no answer), paused (credentials or address refused) or unconfigured."""
        if not self.settings.statements_url:
            self._say("unconfigured", "no LRS configured (XAPI_LRS_URL): statements stay queued")
            return "unconfigured"
        rows = store.due(self.db, time.time(), self.settings.batch_size)
        if not rows:
            return "idle"
        return self._deliver(rows)

    def run_forever(self, stop: threading.Event) -> None:
        failures = 0
        while not stop.is_set():
            try:
                outcome = self.run_once()
            except Exception:  # a relay that dies would leave statements queued for ever
                log.exception("xAPI relay: unexpected error")
                outcome = "retry"
            if outcome == "sent":
                failures = 0
                continue  # more may be waiting
            if outcome in ("retry", "offline"):
                failures += 1
                wait = self.backoff(failures)
            elif outcome == "paused":
                wait = self.settings.auth_pause
            else:
                failures = 0
                wait = self.settings.poll
                self._clean_now_and_then()
            stop.wait(wait)

    def backoff(self, failures: int) -> float:
        """min(max, min·2^(n-1)), drawn between half and all of it so that kiosks that lost
        the same LRS do not all come back at the same second."""
        ceiling = min(self.settings.retry_max, self.settings.retry_min * 2 ** max(0, failures - 1))
        return ceiling * random.uniform(0.5, 1.0)

    # --- one batch ----------------------------------------------------------------------------

    def _deliver(self, rows: list[dict]) -> str:
        body = ("[" + ",".join(r["statement"] for r in rows) + "]").encode()
        ids = [r["id"] for r in rows]
        try:
            answer = self.client.post_statements(body)
        except Unreachable as error:
            self._say("offline", f"the LRS does not answer: {error}")
            return "offline"
        status = answer.status
        if status in (200, 204):
            store.mark_sent(self.db, ids, status)
            self._say("ok", f"{len(ids)} statement(s) stored", sent=True)
            return "sent"
        if status in (400, 409, 413, 422) and len(rows) > 1:
            return self._one_by_one(rows)
        if status == 409:
            return self._conflict(rows[0], answer.text())
        if status in (400, 413, 422):
            store.mark_failed(self.db, ids, status, answer.text() or f"HTTP {status}")
            log.error("xAPI relay: the LRS refused statement %s (%s): %s", ids[0], status,
                      answer.text())
            self._say("ok", f"the LRS refused a statement ({status})")
            return "sent"  # that one is settled; carry on with the others
        if status == 429 or status >= 500:
            self._retry_later(rows, status, answer.text() or f"HTTP {status}")
            self._say("lrs-error", f"the LRS answered {status}: {answer.text()}")
            return "retry"
        kind = "refused our credentials" if status in (401, 403) else "answered"
        self._say("paused", f"the LRS {kind} ({status}); check XAPI_LRS_URL, "
                            f"XAPI_LRS_USERNAME and XAPI_LRS_PASSWORD")
        log.error("xAPI relay paused: the LRS %s (%s): %s", kind, status, answer.text())
        return "paused"

    def _one_by_one(self, rows: list[dict]) -> str:
        """A batch was refused as a whole: each statement alone tells which one is at fault."""
        outcome = "sent"
        for row in rows:
            outcome = self._deliver([row])
            if outcome not in ("sent",):
                return outcome
        return outcome

    def _conflict(self, row: dict, detail: str) -> str:
        ours = json.loads(row["statement"])
        try:
            theirs = self.client.stored_statement(row["id"])
        except Unreachable as error:
            self._say("offline", f"the LRS does not answer: {error}")
            return "offline"
        if same_statement(ours, theirs):
            store.mark_sent(self.db, [row["id"]], 409)
            self._say("ok", "statement already stored", sent=True)
        else:
            store.mark_failed(self.db, [row["id"]], 409,
                              "the LRS holds a different statement under this id: " + detail)
            log.error("xAPI relay: the LRS holds another statement under id %s", row["id"])
        return "sent"

    def _retry_later(self, rows: list[dict], status: int, error: str) -> None:
        now = time.time()
        worn_out = [r["id"] for r in rows if r["tries"] + 1 >= self.settings.max_tries]
        if worn_out:
            store.mark_failed(self.db, worn_out, status, error)
        store.retry_later(self.db, {r["id"]: now + self.backoff(r["tries"] + 1) for r in rows
                                    if r["id"] not in worn_out}, status, error)

    def _say(self, state: str, detail: str, sent: bool = False) -> None:
        """Keep the relay's state in kiosk.db for the console (written when it changes)."""
        if sent or self._said != (state, detail):
            store.set_relay_status(self.db, state, detail, sent=sent)
            if state != (self._said or ("",))[0] and state != "unconfigured":
                log.warning("xAPI relay: %s", detail)
            self._said = (state, detail)

    def _clean_now_and_then(self) -> None:
        if time.time() - self._cleaned_at > CLEAN_EVERY_SECONDS:
            self._cleaned_at = time.time()
            store.delete_sent_before(self.db, time.time() - self.settings.keep_sent_days * 86400)


# --- one relay per kiosk database ---------------------------------------------------------------

def lock_path(db_path: str) -> Path:
    return Path(db_path).with_name("xapi-relay.lock")


def run_when_elected(db_path: str, settings: RelaySettings, stop: threading.Event,
                     on_wait=None) -> None:
    """Wait for the relay lock, then relay until ``stop`` is set (or the process ends)."""
    with lock_path(db_path).open("a") as lock:
        while not stop.is_set():
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait:
                    on_wait()
                    on_wait = None
                stop.wait(ELECTION_SECONDS)
                continue
            relay = Relay(db_path, settings)
            try:
                relay.run_forever(stop)
            finally:
                relay.close()
                fcntl.flock(lock, fcntl.LOCK_UN)
            return


def start_in_background(config, stop: threading.Event | None = None) -> threading.Thread | None:
    """The relay inside the kiosk server (one thread per worker process, one of them elected).
    Started by gunicorn's post_worker_init hook (kiosk/server.py): a thread started before the
    fork, in the master, would not exist in the workers, and a thread running while the master
    forks a new worker may hold locks that the child then waits on for ever."""
    settings = RelaySettings.from_config(config)
    if not settings.statements_url or not config.get("XAPI_RELAY_IN_SERVER", True):
        return None
    thread = threading.Thread(target=run_when_elected, name="xapi-relay", daemon=True,
                              args=(config["KIOSK_DATABASE"], settings,
                                    stop or threading.Event()))
    thread.start()
    return thread
