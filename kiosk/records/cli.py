"""run_kiosk.py records …: the operator's view of the learning records.

    run_kiosk.py records status                       counts, oldest waiting statement, the relay
    run_kiosk.py records export [--status pending]    statements as JSON lines on stdout
    run_kiosk.py records requeue                      failed statements are tried again
    run_kiosk.py records relay [--once]               the relay in the foreground (systemd)
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time

from kiosk.records import relay as relay_module
from kiosk.records import settings, store
from kiosk.records.lrs import RelaySettings


def add_records_commands(subparsers) -> None:
    records = subparsers.add_parser("records", help="learning records (xAPI) for the LRS")
    commands = records.add_subparsers(dest="records_command", required=True)
    commands.add_parser("status", help="how many statements are pending, failed, sent")
    export = commands.add_parser("export", help="print statements as JSON lines")
    export.add_argument("--status", default="pending", choices=[*store.STATUSES, "all"])
    commands.add_parser("requeue", help="send the failed statements again")
    relay = commands.add_parser("relay", help="send the statements to the LRS (foreground)")
    relay.add_argument("--once", action="store_true",
                       help="send what is due, then stop (exit 1 if some are still waiting)")


def run_records_command(args: argparse.Namespace) -> int:
    config = settings.load()
    db = settings.open_database(config)
    try:
        if args.records_command == "status":
            return _status(db, config)
        if args.records_command == "export":
            for line in store.statements(db, None if args.status == "all" else args.status):
                sys.stdout.write(line + "\n")
            return 0
        if args.records_command == "requeue":
            print(f"{store.requeue_failed(db)} statement(s) re-queued.")
            return 0
    finally:
        db.conn.close()
    return _relay(config, once=args.once)


def _status(db, config) -> int:
    counts = store.counts(db)
    print(f"pending: {counts['pending']}  failed: {counts['failed']}  sent: {counts['sent']}")
    oldest = store.oldest_pending_at(db)
    if oldest:
        print(f"oldest pending: {_age(time.time() - oldest)} ago")
    lrs = RelaySettings.from_config(config).statements_url
    print(f"LRS: {lrs or 'none configured (statements stay queued; export them)'}")
    said = store.relay_status(db)
    if said:
        age = _age(time.time() - said["updated_at"])
        print(f"relay: {said['state']} — {said['detail']} ({age} ago)")
    for row in store.failures(db, limit=5):
        print(f"failed {row['id']} ({row['verb']}, HTTP {row['last_status']}): "
              f"{row['last_error']}")
    return 0


def _relay(config, *, once: bool) -> int:
    relay_settings = RelaySettings.from_config(config)
    if not relay_settings.statements_url:
        print("No LRS configured: set XAPI_LRS_URL (docs/records.md).", file=sys.stderr)
        return 1
    if once:
        relay = relay_module.Relay(config["KIOSK_DATABASE"], relay_settings)
        try:
            while (outcome := relay.run_once()) == "sent":
                pass
            left = store.counts(relay.db)["pending"]
        finally:
            relay.close()
        print(f"{outcome}; {left} statement(s) pending.")
        return 0 if outcome == "idle" and not left else 1
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    print(f"Relaying learning records to {relay_settings.statements_url}", flush=True)
    relay_module.run_when_elected(
        config["KIOSK_DATABASE"], relay_settings, stop,
        on_wait=lambda: print("Another relay holds the lock (the kiosk server?): waiting.",
                              flush=True))
    return 0


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
