"""A scenario puts its world on its own day (``setup.date``); the phone's status bar shows that
day, and the bank works on the same clock."""

from __future__ import annotations

import pytest

from kiosk.app import create_app
from tests.support.kiosk_client import KioskClient


@pytest.fixture()
def dated_app(tmp_path):
    root = tmp_path / "scenarios"
    (root / "banque").mkdir(parents=True)
    (root / "parcours.yaml").write_text("parcours: []\n")
    (root / "banque" / "le-2-du-mois.yaml").write_text("""schema_version: 1
id: le-2-du-mois
site: banque
persona: martine
level: 1
title: {fr: "Le 2 du mois"}
goal: {fr: "Ouvrez le téléphone."}
setup:
  date: {day: 2}
  signed_in: true
  sms:
    - {sender: "Sophie", body: "Bonjour maman"}
steps:
  - id: ouvrir
    instruction: {fr: "Touchez « Téléphone »."}
    done_when: {event: telephone.opened}
solution:
  - tap: {role: button, name: "Téléphone", within: kiosk}
""")
    return create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"),
                       "SECRET_KEY": "t", "SCENARIOS_DIR": str(root),
                       "SIMULATOR_TODAY": "2026-11-26"})


def test_the_world_of_a_dated_scenario_lives_on_its_day(dated_app):
    learner = KioskClient(dated_app.test_client(), dated_app)
    learner.get("/exercices/le-2-du-mois")
    assert learner.post("/exercices/le-2-du-mois/commencer", {"mode": "guide"}).status_code == 303
    world = learner.world()
    try:
        assert world.today.isoformat() == "2026-12-02"
    finally:
        world.close()
    phone = learner.soup(learner.htmx_get("/sites/telephone/"))
    assert phone.select_one(".phone__status time")["datetime"] == "2026-12-02"
    assert "mercredi 2 décembre" in phone.select_one(".phone__status").get_text()
    # The SMS of the setup arrived on the world's day, like everything the world writes.
    message = learner.soup(learner.htmx_get("/sites/telephone/sms/3"))
    assert "02/12/2026" in message.select_one(".sms-view__time").get_text()
    # The bank reads the same clock: its transfer form proposes the world's date.
    form = learner.soup(learner.get("/sites/banque/virements"))
    assert form.select_one("#date")["value"] == "02/12/2026"


def test_a_world_without_a_date_lives_on_the_kiosk_day(learner):
    learner.start("banque")
    world = learner.world()
    try:
        assert world.today.isoformat() == "2026-11-26"
    finally:
        world.close()
