"""Bring kiosk.db back from a backup (``run_kiosk.py backup``): by hand, or at start-up when
the file is found damaged.

    python run_kiosk.py restore              the newest good copy in instance/backups
    python run_kiosk.py restore FILE         that copy

Run it with the server stopped (docs/operators.md, « Restaurer kiosk.db »). The damaged file is
never deleted: it is renamed ``kiosk.db.abime-<time>`` beside the new one, for whoever wants to
salvage what came after the backup (``sqlite3 kiosk.db.abime-… .recover``). At start-up the
server does the same by itself when kiosk.db fails its check, so that a branch whose database
got damaged opens again with its last backup instead of staying closed until someone comes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import shutil
import sqlite3
from pathlib import Path

log = logging.getLogger("pasapas.storage")


def add_command(subparsers) -> None:
    restore = subparsers.add_parser("restore",
                                    help="put a backup of kiosk.db back (server stopped)")
    restore.add_argument("backup", nargs="?",
                         help="the copy to restore (default: the newest good one in backups/)")


def run(args: argparse.Namespace) -> int:
    from kiosk.agent.cli import kiosk_database_path

    database = Path(kiosk_database_path())
    chosen = Path(args.backup) if args.backup else newest_good_backup(database.parent / "backups")
    if chosen is None or not is_sound(chosen):
        print("aucune sauvegarde en bon état : rien n'a été changé")
        return 1
    aside = put_aside(database)
    install(chosen, database)
    print(f"kiosk.db restaurée depuis {chosen}" + (f" ; l'ancienne est gardée : {aside}"
                                                   if aside else ""))
    return 0


def is_sound(path: Path) -> bool:
    """An integrity check that passes, on a file that holds the kiosk's tables."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            has_sessions = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'sessions'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return verdict == "ok" and has_sessions is not None


def newest_good_backup(folder: Path) -> Path | None:
    for candidate in sorted(folder.glob("kiosk-*.db"), reverse=True):
        if is_sound(candidate):
            return candidate
    return None


def put_aside(database: Path) -> Path | None:
    """Rename the damaged file (and its journal files) out of the way; returns its new name."""
    if not database.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = database.with_name(f"{database.name}.abime-{stamp}")
    database.rename(aside)
    for suffix in ("-wal", "-shm", "-journal"):
        sidecar = Path(f"{database}{suffix}")
        if sidecar.exists():
            sidecar.rename(Path(f"{aside}{suffix}"))
    return aside


def install(backup: Path, database: Path) -> None:
    tmp = database.with_name(f".{database.name}.restoring")
    shutil.copyfile(backup, tmp)
    tmp.replace(database)


def repair_at_start_up(database: Path) -> str | None:
    """Called before the migrations: kiosk.db missing is a first start; kiosk.db damaged is put
    aside and replaced by the newest good backup (or by a new, empty database). Returns what
    was done, for the log, or None when there was nothing to do."""
    if not database.exists() or is_sound(database):
        return None
    aside = put_aside(database)
    backup = newest_good_backup(database.parent / "backups")
    if backup is not None:
        install(backup, database)
        done = f"restaurée depuis {backup.name}"
    else:
        done = "aucune sauvegarde : une base neuve est créée"
    log.critical("BASE ABÎMÉE au démarrage : kiosk.db a été mise de côté (%s) ; %s. Les "
                 "séances en cours sont perdues ; ce qui suit la sauvegarde peut se récupérer "
                 "depuis le fichier mis de côté (docs/operators.md).", aside, done)
    return done
