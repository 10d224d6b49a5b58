#!/usr/bin/env python3
"""Pas à pas — start the kiosk server, and the commands for authors and operators.

    python run_kiosk.py                       serve on http://127.0.0.1:8000 (gunicorn)
    python run_kiosk.py --port 8080           another port; --host 0.0.0.0 for kiosks on the LAN
    python run_kiosk.py --dev                 Flask's development server with reloading
    python run_kiosk.py --kiosk               the server and Chromium in kiosk mode on it
                                              (--borne ID)
    python run_kiosk.py scenarios check       validate every scenario (exit 1 with the problems)
    python run_kiosk.py scenarios replay FILE play a scenario's solution in Chromium (--headed)
    python run_kiosk.py scenarios schema      regenerate scenarios/schema.json
    python run_kiosk.py records status        learning records (xAPI): pending, failed, sent
    python run_kiosk.py records export        pending statements as JSON lines (also requeue, relay)
    python run_kiosk.py adviser add NAME      create an adviser of the console
                                              (list, remove, password)
    python run_kiosk.py purge --older-than DAYS   delete the records older than DAYS days
    python run_kiosk.py backup [FOLDER]       a checked copy of kiosk.db (VACUUM INTO)
    python run_kiosk.py restore [BACKUP]      put a backup of kiosk.db back (server stopped)
"""

from __future__ import annotations

import argparse
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="run_kiosk.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--dev", action="store_true", help="development server with auto-reload")
    parser.add_argument("--kiosk", action="store_true",
                        help="also open Chromium in kiosk mode on this server, restarted with a "
                             "fresh profile after every session (docs/operators.md)")
    from kiosk.terminal.launcher import add_arguments as add_terminal_arguments

    add_terminal_arguments(parser, with_server=False)
    from kiosk.cli import add_scenario_commands

    subparsers = parser.add_subparsers(dest="command")
    add_scenario_commands(subparsers)
    from kiosk.records.cli import add_records_commands

    add_records_commands(subparsers)
    from kiosk.agent.cli import add_commands as add_console_commands

    add_console_commands(subparsers)
    from kiosk.backup import add_command as add_backup_command

    add_backup_command(subparsers)
    from kiosk.restore import add_command as add_restore_command

    add_restore_command(subparsers)
    return parser.parse_args(argv)


def serve(args: argparse.Namespace) -> None:
    from kiosk.app import create_app

    url = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}/"
    if args.dev:
        app = create_app({"TEMPLATES_AUTO_RELOAD": True})
        from kiosk.records.relay import start_in_background

        start_in_background(app.config)  # when an LRS is configured
        print(f"Pas à pas (développement) : {url}", flush=True)
        app.run(host=args.host, port=args.port, debug=True)
        return
    from kiosk.server import KioskServer

    print(f"Pas à pas est prêt : ouvrez {url}", flush=True)
    KioskServer(create_app, host=args.host, port=args.port, workers=args.workers,
                threads=args.threads).run()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "scenarios":
        from kiosk.cli import run_scenario_command

        return run_scenario_command(args)
    if args.command == "records":
        from kiosk.records.cli import run_records_command

        return run_records_command(args)
    if args.command in ("adviser", "purge"):
        from kiosk.agent.cli import run as run_console_command

        return run_console_command(args)
    if args.command == "backup":
        from kiosk.backup import run as run_backup

        return run_backup(args)
    if args.command == "restore":
        from kiosk.restore import run as run_restore

        return run_restore(args)
    if args.kiosk:
        from kiosk.terminal.local import serve_with_screen

        return serve_with_screen(args)
    serve(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
