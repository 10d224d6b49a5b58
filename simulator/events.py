"""How the simulated world reports what the learner did.

A replica calls ``emit("banque.transfer.confirmed", from_account="livret_a", ...)``. The world
does not know who listens: the kiosk's coach subscribes to :data:`world_event` (a blinker
signal). Every event name must be declared by its site (``EVENTS`` in the site's
``__init__.py``) so that scenario authors can rely on the list in ``docs/events.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from blinker import Namespace
from flask import g, has_request_context

_signals = Namespace()
#: Sent with ``sender=<event name>`` and ``event=<Event>``.
world_event = _signals.signal("world-event")

_declared: dict[str, EventSpec] = {}


@dataclass(frozen=True)
class EventSpec:
    """One event a site can emit: its meaning and the data fields it carries."""

    name: str
    description: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    name: str
    world_id: str | None
    data: dict[str, Any]


class UndeclaredEvent(LookupError):
    pass


def declare(specs: list[EventSpec]) -> None:
    for spec in specs:
        _declared[spec.name] = spec


def declared() -> dict[str, EventSpec]:
    return dict(_declared)


def emit(name: str, /, **data: Any) -> Event:
    """Report one thing the learner did in their world.

    ``name`` is positional-only so that an event may carry a field called ``name`` itself
    (``banque.beneficiary.added`` does).
    """
    spec = _declared.get(name)
    if spec is None:
        raise UndeclaredEvent(f"event {name!r} is not declared by any site")
    unknown = set(data) - set(spec.fields)
    if unknown:
        raise UndeclaredEvent(f"event {name!r} has undeclared fields {sorted(unknown)}")
    world = getattr(g, "world", None) if has_request_context() else None
    event = Event(name=name, world_id=getattr(world, "id", None), data=data)
    world_event.send(name, event=event)
    return event
