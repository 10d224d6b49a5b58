"""The learner's world as the replica routes see it: ``current_world().db``.

The host application (the kiosk) opens the world of the request's session and puts it in
``g.world``; a replica never needs to know how.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from flask import g

from simulator import clock
from simulator import db as dbhelpers


@dataclass
class World:
    """A learner's sandbox: its id, its file, and a lazily opened connection."""

    id: str
    path: Path
    _db: sqlite_utils.Database | None = field(default=None, repr=False)
    _today: dt.date | None = field(default=None, repr=False)
    _held: bool = field(default=False, repr=False)

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            # Never created by opening it: a world deleted meanwhile (its session ended in
            # another request) must not come back as an empty file nobody owns.
            self._db = dbhelpers.connect(self.path, throwaway=True, must_exist=True)
            if self._held:
                dbhelpers.hold_writes(self._db)
        return self._db

    def hold_writes(self) -> None:
        """Keep this world's writes in one transaction until :meth:`release_writes` (the host
        makes a request's writes durable after what it recorded about them)."""
        self._held = True
        if self._db is not None:
            dbhelpers.hold_writes(self._db)

    def release_writes(self, *, commit: bool) -> None:
        self._held = False
        if self._db is not None:
            dbhelpers.release_writes(self._db, commit=commit)

    @property
    def today(self) -> dt.date:
        """The world's own date (simulator.clock): the day it was given at its creation, moved
        on by the real days gone since (a session that crosses midnight)."""
        if self._today is None:
            given = dt.date.fromisoformat(meta(self.db, "today"))
            created_on = meta(self.db, "real_day")
            self._today = given + dt.timedelta(days=clock.days_since(created_on))
        return self._today

    @property
    def persona_id(self) -> str:
        return meta(self.db, "persona")

    def option(self, name: str, default: str | None = None) -> str | None:
        return meta(self.db, f"option:{name}", default)

    def close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None


def meta(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM world_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def rng(db: sqlite_utils.Database, purpose: str) -> random.Random:
    """A random generator for one draw (keypad layout, SMS code, reference number).

    Seeded from the world's seed and a counter kept in the world, so a world created with a
    fixed seed (tests) draws the same sequence every time, and a normal world is unpredictable.
    Call it inside the caller's write transaction.
    """
    seed = meta(db, "seed")
    counter = int(meta(db, "draws", "0")) + 1
    db.execute("UPDATE world_meta SET value = ? WHERE key = 'draws'", [str(counter)])
    return random.Random(f"{seed}:{counter}:{purpose}")


class NoWorld(RuntimeError):
    """A replica page was asked for without a learner's world (the host must redirect)."""


def current_world() -> World:
    """The world of the learner making this request, bound by the host application."""
    world = getattr(g, "world", None)
    if world is None:
        raise NoWorld()
    return world


@contextmanager
def bound_to(world: World) -> Iterator[World]:
    """Run the block as if a request of that world's learner were being served (its date, its
    events); the world the request had before comes back afterwards."""
    had = g.get("world")
    g.world = world
    try:
        yield world
    finally:
        g.world = had
