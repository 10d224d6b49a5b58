"""A damaged world or kiosk.db: « La borne a besoin d'un moment », never a traceback; the
operator reads what happened in the log; the learner starts again; a restart brings kiosk.db
back from its last backup (docs/reliability.md, drill « corruption »)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from kiosk.app import create_app
from kiosk.backup import back_up
from kiosk.restore import is_sound
from tests.support import attempts

KIND = "La borne a besoin d'un moment."


def _garble(path: Path) -> None:
    with path.open("r+b") as f:
        f.write(b"\x00pas une base\x00" * 8)


def _truncate(path: Path) -> None:
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size // 3)


@pytest.mark.parametrize("damage", [_garble, _truncate, lambda p: p.write_bytes(b"")],
                         ids=["garbled", "truncated", "emptied"])
def test_a_damaged_world_is_put_aside_and_the_learner_starts_again(learner, app, caplog, damage):
    attempts.start(learner, "guide")
    learner.login()
    world = learner.world()
    world_path = world.path
    world.close()
    damage(world_path)

    with caplog.at_level(logging.ERROR, logger="pasapas.storage"):
        page = learner.get("/sites/banque/synthese")
    assert page.status_code == 503
    text = learner.soup(page).get_text()
    assert KIND in text and "Traceback" not in text and "recommencer" in text
    assert "MONDE ABÎMÉ" in caplog.text
    assert not world_path.exists()
    assert (Path(app.config["WORLDS_DIR"]) / "abimes" / world_path.name).exists()
    assert attempts.latest_attempt(learner)["status"] == "abandoned"

    again = learner.get("/sites/banque/synthese", follow_redirects=True)
    assert again.status_code == 200 and "Bonjour" in again.get_data(as_text=True)
    attempts.start(learner, "guide")
    assert learner.login().status_code == 200
    assert "Synthèse de vos comptes" in learner.get("/sites/banque/synthese").get_data(
        as_text=True)
    assert attempts.latest_attempt(learner)["status"] == "running"


def test_a_damaged_kiosk_db_gets_the_kind_page_and_a_restart_restores_the_backup(
        learner, app, tmp_path, caplog):
    # The session cannot even be read: Flask's last-resort handler, as in production (tests
    # otherwise let such an exception through to the test).
    app.config["PROPAGATE_EXCEPTIONS"] = False
    attempts.play_connexion(learner)  # something worth keeping
    database = Path(app.config["KIOSK_DATABASE"])
    with sqlite3.connect(database) as conn:
        backup = back_up(conn, database.parent / "backups")
    learner.start("banque")
    learner.login()
    _garble(database)

    with caplog.at_level(logging.ERROR, logger="pasapas.storage"):
        page = learner.get("/sites/banque/synthese")
        home = learner.get("/")
    assert page.status_code == 503 and KIND in learner.soup(page).get_text()
    assert "Traceback" not in page.get_data(as_text=True)
    assert home.status_code == 503 and KIND in learner.soup(home).get_text()
    assert "BASE ABÎMÉE" in caplog.text

    with caplog.at_level(logging.CRITICAL, logger="pasapas.storage"):
        restarted = create_app({**app.config, "TESTING": True})
    assert "restaurée depuis " + backup.name in caplog.text
    assert is_sound(database)
    assert list(database.parent.glob("kiosk.db.abime-*")), "the damaged file is kept"
    client = restarted.test_client()
    assert client.get("/").status_code == 200
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM attempts WHERE status = 'passed'"
                            ).fetchone()[0] == 1


def test_the_restore_command_puts_the_newest_good_backup_back(app, tmp_path, monkeypatch,
                                                              capsys):
    import run_kiosk

    database = Path(app.config["KIOSK_DATABASE"])
    with sqlite3.connect(database) as conn:
        back_up(conn, database.parent / "backups")
    (database.parent / "backups" / "kiosk-29990101-000000.db").write_bytes(b"not a database")
    _garble(database)
    monkeypatch.setenv("PASAPAS_INSTANCE_PATH", str(database.parent))
    assert run_kiosk.main(["restore"]) == 0
    assert "kiosk.db restaurée" in capsys.readouterr().out
    assert is_sound(database)


def test_a_busy_world_is_not_taken_for_a_damaged_one(learner, app, caplog, monkeypatch):
    """A world another request is writing answers « database is locked »: the learner gets
    « Réessayer », and keeps the world and the exercise (the soak drill, docs/reliability.md)."""
    from simulator import db as dbhelpers

    monkeypatch.setattr(dbhelpers, "BUSY_TIMEOUT_MS", 200)  # the wait, shortened for the test
    attempts.start(learner, "guide")
    learner.login()
    world = learner.world()
    world_path = world.path
    world.close()
    other_request = sqlite3.connect(world_path, isolation_level=None)
    other_request.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.WARNING, logger="pasapas.storage"):
            page = learner.get("/sites/banque/synthese")
    finally:
        other_request.execute("ROLLBACK")
        other_request.close()
    assert page.status_code == 503
    text = learner.soup(page).get_text()
    assert KIND in text and "Réessayer" in text and "Traceback" not in text
    assert "MONDE ABÎMÉ" not in caplog.text and "STOCKAGE" in caplog.text
    assert world_path.exists()
    assert attempts.latest_attempt(learner)["status"] == "running"
    assert "Synthèse de vos comptes" in learner.get("/sites/banque/synthese").get_data(
        as_text=True)
