#!/usr/bin/env python3
"""Stands in for Chromium in the launcher's tests (no display needed).

It appends one JSON line to $FAKE_BROWSER_LOG when it starts (its pid, its arguments, whether
its profile folder existed, the pid of a helper process it spawns in its own process group, as
Chromium's zygote does) and one when SIGTERM stops it. $FAKE_BROWSER_EXIT_AFTER (seconds) makes
it exit by itself, as a crashed browser would.
"""

import json
import os
import signal
import subprocess
import sys
import time

LOG = os.environ["FAKE_BROWSER_LOG"]


def write(record: dict) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")


profile = next(a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--user-data-dir="))
existed = os.path.isdir(profile)
with open(os.path.join(profile, "Local State"), "w", encoding="utf-8") as state:
    state.write("{}")  # as Chromium does: the launcher must remove a folder that is not empty
helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
write({"event": "started", "pid": os.getpid(), "argv": sys.argv[1:], "profile": profile,
       "profile_existed": existed, "helper": helper.pid})


def stopped(*_):
    write({"event": "stopped", "pid": os.getpid()})
    sys.exit(0)


signal.signal(signal.SIGTERM, stopped)
exit_after = float(os.environ.get("FAKE_BROWSER_EXIT_AFTER", "0"))
started = time.monotonic()
while not exit_after or time.monotonic() - started < exit_after:
    time.sleep(0.02)
write({"event": "crashed", "pid": os.getpid()})
sys.exit(3)
