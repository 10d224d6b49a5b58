"""run_kiosk.py adviser …: accounts made on the command line, passwords asked with getpass."""

from __future__ import annotations

import pytest

import run_kiosk
from kiosk.app import create_app
from tests.conftest import TEST_TODAY
from tests.support.console import ConsoleClient


@pytest.fixture()
def instance(tmp_path, monkeypatch):
    path = tmp_path / "instance"
    monkeypatch.setenv("PASAPAS_INSTANCE_PATH", str(path))
    return path


def typed(monkeypatch, *answers: str) -> list[str]:
    """Feed getpass; returns the prompts it showed."""
    prompts, queue = [], list(answers)

    def fake_getpass(prompt=""):
        prompts.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    return prompts


def app_on(instance):
    return create_app({"TESTING": True, "INSTANCE_PATH": str(instance), "SECRET_KEY": "tests",
                       "SIMULATOR_TODAY": TEST_TODAY})


def test_an_adviser_made_on_the_command_line_logs_in(instance, monkeypatch, capsys):
    prompts = typed(monkeypatch, "une phrase assez longue", "une phrase assez longue")
    assert run_kiosk.main(["adviser", "add", "Claire"]) == 0
    assert len(prompts) == 2  # asked twice, never read from the command line
    assert "Claire" in capsys.readouterr().out
    console = ConsoleClient(app_on(instance))
    assert console.log_in("claire", "une phrase assez longue").status_code == 303


@pytest.mark.parametrize(("first", "again", "message"), [
    ("", "", "est vide"),
    ("court", "court", "au moins 10 caractères"),
    ("une phrase assez longue", "une phrase assez longu", "ne sont pas les mêmes"),
])
def test_bad_passwords_are_refused(instance, monkeypatch, capsys, first, again, message):
    typed(monkeypatch, first, again)
    assert run_kiosk.main(["adviser", "add", "claire"]) == 1
    assert message in capsys.readouterr().err
    assert run_kiosk.main(["adviser", "list"]) == 0
    assert "Aucun conseiller" in capsys.readouterr().out
    console = ConsoleClient(app_on(instance))
    assert console.log_in("claire", first).status_code == 200  # no account was made


def test_names_twice_and_bad_names_are_refused(instance, monkeypatch, capsys):
    typed(monkeypatch, *["une phrase assez longue"] * 2)
    assert run_kiosk.main(["adviser", "add", "claire"]) == 0
    assert run_kiosk.main(["adviser", "add", "CLAIRE"]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert run_kiosk.main(["adviser", "add", "a b"]) == 2
    assert "sans espace" in capsys.readouterr().err


def test_list_password_and_remove(instance, monkeypatch, capsys):
    typed(monkeypatch, *["une phrase assez longue"] * 2, *["un autre mot de passe"] * 2)
    run_kiosk.main(["adviser", "add", "claire"])
    app = app_on(instance)
    console = ConsoleClient(app)
    console.log_in("claire", "une phrase assez longue")
    assert run_kiosk.main(["adviser", "list"]) == 0
    out = capsys.readouterr().out
    assert "claire" in out and "dernière connexion" in out
    assert run_kiosk.main(["adviser", "password", "claire"]) == 0
    assert console.get("/agent/").status_code == 303  # the new password logs everyone out
    assert ConsoleClient(app).log_in("claire", "un autre mot de passe").status_code == 303
    assert run_kiosk.main(["adviser", "remove", "claire"]) == 0
    assert ConsoleClient(app, address="10.1.1.1").log_in(
        "claire", "un autre mot de passe").status_code == 200
    assert run_kiosk.main(["adviser", "remove", "claire"]) == 1
    assert run_kiosk.main(["adviser", "password", "personne"]) == 1


def test_the_password_never_appears_in_the_database_or_the_instance(instance, monkeypatch):
    typed(monkeypatch, *["une phrase assez longue"] * 2)
    run_kiosk.main(["adviser", "add", "claire"])
    for path in instance.rglob("*"):
        if path.is_file():
            assert b"une phrase assez longue" not in path.read_bytes()
