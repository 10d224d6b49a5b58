"""Events: declared by the sites, emitted with their declared fields, documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator import events as world_events
from simulator.events_doc import render

ROOT = Path(__file__).resolve().parents[2]


def test_docs_events_md_is_current():
    assert (ROOT / "docs" / "events.md").read_text() == render(), (
        "regenerate it: .venv/bin/python -m simulator.events_doc > docs/events.md")


def test_every_event_is_named_after_its_site():
    from simulator.sites import SITES

    for site in SITES:
        for spec in site.events:
            assert spec.name.startswith(site.name + "."), spec.name


def test_an_undeclared_event_cannot_be_emitted():
    with pytest.raises(world_events.UndeclaredEvent):
        world_events.emit("banque.nothing.happened")


def test_an_undeclared_field_cannot_be_emitted():
    with pytest.raises(world_events.UndeclaredEvent):
        world_events.emit("banque.logout", password="123456")


def test_listeners_receive_the_event(events):
    world_events.emit("banque.logout")
    assert [e.name for e in events] == ["banque.logout"]
    assert events[0].world_id is None and events[0].data == {}
