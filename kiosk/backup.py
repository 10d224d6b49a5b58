"""``python run_kiosk.py backup [FOLDER] [--keep N]``: a consistent copy of kiosk.db.

``VACUUM INTO`` gives a consistent snapshot without stopping the server (0.13 s for 100 000
rows under a writer, where the online backup API kept restarting: reference
kiosk-security-reliability §4.3). The copy is checked with ``PRAGMA integrity_check``, and only
the newest N copies are kept. Learners' worlds are throw-away and never backed up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from pathlib import Path


def add_command(subparsers) -> None:
    backup = subparsers.add_parser("backup", help="copy kiosk.db (VACUUM INTO), checked")
    backup.add_argument("folder", nargs="?", help="where to write (default instance/backups)")
    backup.add_argument("--keep", type=int, default=14, help="copies kept (default 14)")


def run(args: argparse.Namespace) -> int:
    from kiosk.agent.cli import kiosk_database

    db = kiosk_database()
    try:
        source = Path(db.execute("PRAGMA database_list").fetchone()[2])
        folder = Path(args.folder) if args.folder else source.parent / "backups"
        copy = back_up(db.conn, folder, keep=args.keep)
    finally:
        db.conn.close()
    print(f"sauvegarde : {copy}")
    return 0


def back_up(conn: sqlite3.Connection, folder: Path, *, keep: int = 14,
            now: dt.datetime | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"kiosk-{stamp}.db"
    conn.execute("VACUUM INTO ?", [str(target)])
    with sqlite3.connect(target) as check:
        verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        target.unlink(missing_ok=True)
        raise RuntimeError(f"the copy failed its integrity check: {verdict}")
    for old in sorted(folder.glob("kiosk-*.db"))[:-max(1, keep)]:
        old.unlink()
    return target


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(argparse.Namespace(folder=None, keep=14)))
