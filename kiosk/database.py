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
        if not current_app.testing:  # the tests' many apps would each keep one
            keep_the_log_open(path)  # already done when the worker started (kiosk.server)
        # WAL is recorded in the file (init_app set it): only the per-connection setting here.
        # A connection per request, not one kept per thread: a kept one served kiosk.db from
        # its page cache after the file was garbled on disk, and nobody was told (corruption
        # drill, docs/reliability.md); a fresh one costs ~0.2 ms, and only requests of a session
        # open kiosk.db at all.
        g.kiosk_db = dbhelpers.connect(path)
        g.kiosk_db.conn.execute("PRAGMA synchronous = NORMAL")
    return g.kiosk_db


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


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("kiosk_db", None)
    if db is not None:
        db.conn.close()


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
