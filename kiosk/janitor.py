"""The janitor when the disk is full: free what can be freed without losing a learner's work.

Ordinary housekeeping (idle sessions expired, orphan worlds deleted) runs once a minute from
requests (kiosk.sessions.sweep). When a write fails for lack of space, this runs at once (at
most every few seconds) and goes further: worlds put aside, goldens of other days and half
written files, the write-ahead log of kiosk.db folded back into the database. It never touches
a world that a session owns, the learning records, or the operator's backups.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

from flask import Flask

from simulator import clock

log = logging.getLogger("pasapas.storage")

_last_run = 0.0
_lock = threading.Lock()
RUN_AT_MOST_EVERY_SECONDS = 5.0
# A world younger than this may be one being born in another thread (its session row is saved
# at the end of the request that creates it): even a full disk does not delete it.
YOUNG_WORLD_SECONDS = 60


def free_space_now_and_then(app: Flask) -> int:
    """:func:`free_space`, unless it ran a moment ago (every request fails on a full disk)."""
    global _last_run
    with _lock:
        if time.monotonic() - _last_run < RUN_AT_MOST_EVERY_SECONDS:
            return 0
        _last_run = time.monotonic()
    return free_space(app)


def free_space(app: Flask) -> int:
    """Delete what no learner needs; returns the bytes freed (logged for the operator)."""
    worlds_dir = Path(app.config["WORLDS_DIR"])
    freed = 0
    freed += _delete(list((worlds_dir / "abimes").glob("*")))
    golden = Path(app.extensions["pasapas.worlds"].golden_dir)
    freed += _delete(list(golden.glob(".*.tmp")))
    today = clock.real_today().isoformat()
    freed += _delete([p for p in golden.glob("*.db") if today not in p.name])
    freed += _sweep_worlds(app)
    freed += _fold_the_log(Path(app.config["KIOSK_DATABASE"]))
    log.warning("MÉNAGE : %s Kio libérés (mondes mis de côté, mondes sans séance, bases d'autres "
                "jours, journal de kiosk.db).", freed // 1024)
    return freed


def _delete(paths: list[Path]) -> int:
    freed = 0
    for path in paths:
        try:
            size = path.stat().st_size
            path.unlink()
            freed += size
        except OSError:
            continue
    return freed


def _sweep_worlds(app: Flask) -> int:
    """Sessions past their time go (their worlds with them), and worlds nobody owns."""
    from kiosk import sessions
    from kiosk.database import get_db
    from kiosk.store import owned_worlds

    worlds = app.extensions["pasapas.worlds"]
    before = _size_of(worlds.live_dir)
    try:
        sessions.sweep(app)
        worlds.sweep(owned_worlds(get_db()), grace=YOUNG_WORLD_SECONDS)
    except (sqlite3.DatabaseError, OSError) as exc:
        log.warning("MÉNAGE : les séances n'ont pas pu être relues (%s)", exc)
    return max(0, before - _size_of(worlds.live_dir))


def _fold_the_log(database: Path) -> int:
    """Checkpoint kiosk.db's write-ahead log and truncate it (it only grows otherwise)."""
    wal = Path(f"{database}-wal")
    before = wal.stat().st_size if wal.exists() else 0
    try:
        conn = sqlite3.connect(database, timeout=2)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return 0
    return max(0, before - (wal.stat().st_size if wal.exists() else 0))


def _size_of(folder: Path) -> int:
    total = 0
    for path in folder.glob("*"):
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total
