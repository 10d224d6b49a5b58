"""The kiosk database's connection for the current request, and its start-up migration."""

from __future__ import annotations

import os
import sqlite3
import threading

import sqlite_utils
from flask import Flask, current_app, g

from kiosk.migrations import migrations
from simulator import db as dbhelpers


def get_db() -> sqlite_utils.Database:
    if "kiosk_db" not in g:
        path = current_app.config["KIOSK_DATABASE"]
        if current_app.testing:  # the tests' many apps would each keep connections open
            g.kiosk_db = _connect(path)
        else:
            keep_the_log_open(path)  # already done when the worker started (kiosk.server)
            g.kiosk_db = _thread_connection(path)
    return g.kiosk_db


def _connect(path: str) -> sqlite_utils.Database:
    # WAL is recorded in the file (init_app set it): only the per-connection setting here.
    db = dbhelpers.connect(path)
    db.conn.execute("PRAGMA synchronous = NORMAL")
    return db


# Each server thread keeps its connection from one request to the next: opening one and
# setting it up cost about a third of a millisecond, as much as a whole bare Flask request
# (benchmarks/RESULTS.md, « wrk against bare Flask »).
_per_thread = threading.local()


def _thread_connection(path: str) -> sqlite_utils.Database:
    kept = getattr(_per_thread, "connections", None)
    if kept is None:
        kept = _per_thread.connections = {}
    entry = kept.get(path)
    inode = _inode(path)
    if entry is not None and entry[1] == inode and inode is not None:
        return entry[0]
    if entry is not None:  # the file was restored or put aside meanwhile: a fresh connection
        _close_quietly(entry[0])
    db = _connect(path)
    kept[path] = (db, inode)
    return db


def _inode(path: str) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def _close_quietly(db: sqlite_utils.Database) -> None:
    try:
        db.conn.close()
    except sqlite3.Error:
        pass


_anchors: dict[tuple[int, str], sqlite3.Connection] = {}
_anchors_lock = threading.Lock()


def keep_the_log_open(path: str) -> None:
    """One connection per process stays open on kiosk.db, unused. When the last connection to
    a WAL database closes, SQLite deletes its -wal and -shm files, and the next one must
    create them: on a full disk it cannot, and even reading fails (« disk I/O error »). Each
    request has its own connection, so between two requests there could be none. (Opened in
    each worker: a connection must not cross a fork.)"""
    key = (os.getpid(), path)
    if key in _anchors:
        return
    with _anchors_lock:
        if key not in _anchors:
            anchor = sqlite3.connect(path, check_same_thread=False)
            # Only a connection that has read the database holds its -wal and -shm open.
            anchor.execute("SELECT count(*) FROM sqlite_master").fetchone()
            _anchors[key] = anchor


def close_db(exc: BaseException | None = None) -> None:
    """End of the request: a test's connection is closed; a server thread's is kept, clean (a
    transaction left open by a failure is rolled back) or, after a database error, dropped."""
    db = g.pop("kiosk_db", None)
    if db is None:
        return
    kept = getattr(_per_thread, "connections", {})
    path = next((p for p, (conn, _i) in kept.items() if conn is db), None)
    if path is None:
        db.conn.close()
        return
    try:
        if db.conn.in_transaction:
            db.conn.rollback()
        if not isinstance(exc, sqlite3.Error):
            return
    except sqlite3.Error:
        pass
    kept.pop(path, None)  # a damaged file or a full disk: the next request opens it anew
    _close_quietly(db)


def init_app(app: Flask) -> None:
    from pathlib import Path

    from kiosk.restore import repair_at_start_up

    repair_at_start_up(Path(app.config["KIOSK_DATABASE"]))  # a damaged file: the last backup
    db = dbhelpers.connect(app.config["KIOSK_DATABASE"], wal=True)
    try:
        dbhelpers.apply_migrations(db, [migrations])
    finally:
        db.conn.close()
    app.teardown_appcontext(close_db)
