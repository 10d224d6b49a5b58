"""The kiosk's settings, read the way create_app reads them, without starting the kiosk.

The records commands run beside a live server: create_app would sweep the worlds at start-up
(and could delete one being created), so they only read the configuration and open kiosk.db.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from flask import Config, Flask

from kiosk import config as kiosk_config
from kiosk.migrations import migrations
from simulator import db as dbhelpers


def load(overrides: dict | None = None) -> Config:
    """Defaults, then instance/config.py, then PASAPAS_* variables, then ``overrides``."""
    overrides = {**kiosk_config.from_environment(), **(overrides or {})}
    instance_path = overrides.get("INSTANCE_PATH")
    # The same instance folder as create_app's Flask("kiosk.app", …).
    app = Flask("kiosk.app", instance_relative_config=True,
                instance_path=str(Path(instance_path).resolve()) if instance_path else None)
    app.config.from_mapping(kiosk_config.DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(overrides)
    app.config.setdefault("KIOSK_DATABASE", str(Path(app.instance_path) / "kiosk.db"))
    return app.config


def open_database(config: Config) -> sqlite_utils.Database:
    """kiosk.db, brought up to date (a command may run before the server ever did)."""
    Path(config["KIOSK_DATABASE"]).parent.mkdir(parents=True, exist_ok=True)
    db = dbhelpers.connect(config["KIOSK_DATABASE"], wal=True)
    dbhelpers.apply_migrations(db, [migrations])
    return db
