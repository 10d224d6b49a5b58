"""``run_kiosk.py backup``: a consistent, checked copy of kiosk.db; only the newest kept."""

from __future__ import annotations

import datetime as dt
import sqlite3

import run_kiosk
from kiosk.backup import back_up


def test_a_backup_is_a_checked_copy_and_old_ones_go(tmp_path):
    source = sqlite3.connect(tmp_path / "kiosk.db")
    source.execute("CREATE TABLE attempts (id INTEGER PRIMARY KEY, score REAL)")
    source.executemany("INSERT INTO attempts (score) VALUES (?)", [(0.5,), (1.0,)])
    source.commit()
    folder = tmp_path / "backups"
    copies = [back_up(source, folder, keep=2, now=dt.datetime(2026, 11, day, 3))
              for day in (24, 25, 26)]
    assert sorted(p.name for p in folder.iterdir()) == [copies[1].name, copies[2].name]
    with sqlite3.connect(copies[2]) as copy:
        assert copy.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 2


def test_the_command_backs_up_the_servers_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PASAPAS_INSTANCE_PATH", str(tmp_path))
    assert run_kiosk.main(["backup"]) == 0
    (copy,) = (tmp_path / "backups").glob("kiosk-*.db")
    with sqlite3.connect(copy) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sessions", "attempts", "xapi_outbox"} <= tables
    assert str(copy) in capsys.readouterr().out
