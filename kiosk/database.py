"""The kiosk database's connection for the current request, and its start-up migration."""

from __future__ import annotations

import sqlite_utils
from flask import Flask, current_app, g

from kiosk.migrations import migrations
from simulator import db as dbhelpers


def get_db() -> sqlite_utils.Database:
    if "kiosk_db" not in g:
        g.kiosk_db = dbhelpers.connect(current_app.config["KIOSK_DATABASE"], wal=True)
    return g.kiosk_db


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
