"""SQLite helpers shared by the whole project.

Every write that reads first must start with BEGIN IMMEDIATE: a DEFERRED transaction that
reads, then tries to write after another connection committed, fails at once with
"database is locked" whatever the busy timeout (reference: kiosk-security-reliability §4.1).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

BUSY_TIMEOUT_MS = 10_000


def connect(path: str | Path, *, wal: bool = False,
            throwaway: bool = False) -> sqlite_utils.Database:
    """Open a database with the project's settings (busy timeout, foreign keys).

    ``throwaway``: a learner's world, deleted at the end of the session anyway; it need not
    wait for the disk at each commit (a power cut loses the exercise, not the records).
    """
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if wal:
        # WAL lets the kiosk's readers run while one writer commits; it persists in the file.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    if throwaway:
        # Measured: the guard's write on every bank page went from 0.8–1.6 ms to 0.1 ms
        # (benchmarks/RESULTS.md).
        conn.execute("PRAGMA synchronous = OFF")
    return sqlite_utils.Database(conn, execute_plugins=False)


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run the block in one transaction that holds the write lock from its first statement."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def apply_migrations(db: sqlite_utils.Database, sets: Iterable[Migrations]) -> None:
    """Bring a database up to date with every migration set given, in order."""
    for migrations in sets:
        migrations.apply(db)
