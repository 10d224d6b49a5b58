"""SQLite helpers shared by the whole project.

Every write that reads first must start with BEGIN IMMEDIATE: a DEFERRED transaction that
reads, then tries to write after another connection committed, fails at once with
"database is locked" whatever the busy timeout (reference: kiosk-security-reliability §4.1).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

BUSY_TIMEOUT_MS = 10_000


def connect(path: str | Path, *, wal: bool = False, throwaway: bool = False,
            must_exist: bool = False) -> sqlite_utils.Database:
    """Open a database with the project's settings (busy timeout, foreign keys).

    ``throwaway``: a learner's world, deleted at the end of the session anyway; it need not
    wait for the disk at each commit (a power cut loses the exercise, not the records).
    """
    target, uri = str(path), False
    if must_exist:  # SQLite would create a missing file; "mode=rw" makes it an error instead
        # abspath, not resolve(): no system call per request (a world is opened by each one).
        target, uri = f"{Path(os.path.abspath(path)).as_uri()}?mode=rw", True
    # The busy timeout is sqlite3's own ``timeout`` (sqlite3_busy_timeout): no PRAGMA needed.
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
                           isolation_level=None, uri=uri)
    conn.execute("PRAGMA foreign_keys = ON")
    if wal:
        # WAL lets the kiosk's readers run while one writer commits; it persists in the file.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    if throwaway:
        # Measured: the guard's write on every bank page went from 0.8–1.6 ms to 0.1 ms
        # (benchmarks/RESULTS.md).
        conn.execute("PRAGMA synchronous = OFF")
    return Database(conn, execute_plugins=False)


class Database(sqlite_utils.Database):
    """sqlite-utils' database, with its lists of tables and views read once per schema.

    Every ``db[name]``, ``rows_where`` or ``update`` asks whether the table exists, and
    sqlite-utils reads ``sqlite_master`` for it, three times per call: on a replica page that
    was a third of its queries. ``PRAGMA schema_version`` changes with every change of the
    schema, by this connection or another: the lists are read again only then."""

    def __init__(self, *args, **kwargs):
        self._schema_seen: tuple[int, list[str], list[str]] | None = None
        super().__init__(*args, **kwargs)

    def _names(self) -> tuple[int, list[str], list[str]]:
        version = self.conn.execute("PRAGMA schema_version").fetchone()[0]
        if self._schema_seen is None or self._schema_seen[0] != version:
            rows = self.conn.execute("SELECT type, name FROM sqlite_master "
                                     "WHERE type IN ('table', 'view')").fetchall()
            self._schema_seen = (version, [n for t, n in rows if t == "table"],
                                 [n for t, n in rows if t == "view"])
        return self._schema_seen

    def table_names(self, fts4: bool = False, fts5: bool = False) -> list[str]:
        if fts4 or fts5:
            return super().table_names(fts4=fts4, fts5=fts5)
        return list(self._names()[1])

    def view_names(self) -> list[str]:
        return list(self._names()[2])


def first_row(db: sqlite_utils.Database, sql: str, params: Iterable = ()) -> dict | None:
    """The first row of a query, as a dict, or None: one statement (sqlite-utils' ``query``
    wraps each in a savepoint, and ``rows_where`` first looks the table up)."""
    cursor = db.conn.execute(sql, list(params))
    row = cursor.fetchone()
    return None if row is None else dict(zip([c[0] for c in cursor.description], row, strict=True))


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run the block in one transaction that holds the write lock from its first statement.

    Inside a transaction that is already open (a nested block, or the request's transaction of
    a world whose writes are held, see :func:`hold_writes`) the block is a savepoint: it is
    undone alone if it fails, and made durable with the enclosing transaction."""
    if db.conn.in_transaction:
        with _savepoint(db):
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    if getattr(db, "writes_held", False):
        # The transaction stays open until release_writes(): the block is a savepoint in it.
        with _savepoint(db):
            yield db
        return
    try:
        yield db
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


@contextmanager
def _savepoint(db: sqlite_utils.Database) -> Iterator[None]:
    db.conn.execute("SAVEPOINT block")
    try:
        yield
    except BaseException:
        db.conn.execute("ROLLBACK TO block")
        db.conn.execute("RELEASE block")
        raise
    db.conn.execute("RELEASE block")


def hold_writes(db: sqlite_utils.Database) -> None:
    """From now on, the first write transaction on ``db`` is not committed at the end of its
    block but by :func:`release_writes`: every write of a request becomes one transaction,
    made durable after what the request recorded elsewhere (kiosk.app says why)."""
    db.writes_held = True


def release_writes(db: sqlite_utils.Database, *, commit: bool) -> None:
    """Commit (or roll back) what :func:`hold_writes` kept open; later writes commit as usual."""
    db.writes_held = False
    if db.conn.in_transaction:
        db.conn.execute("COMMIT" if commit else "ROLLBACK")


def apply_migrations(db: sqlite_utils.Database, sets: Iterable[Migrations]) -> None:
    """Bring a database up to date with every migration set given, in order."""
    for migrations in sets:
        migrations.apply(db)
