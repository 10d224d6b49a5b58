"""One world per learner session.

A world is a SQLite file copied from its persona's golden database (built once per persona and
per day, because the history is dated relative to today). Copying a small file takes a few
milliseconds; deleting it is the wipe, so two learners can never see each other's operations.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import random
import re
import secrets
import shutil
import threading
import time
from pathlib import Path

from simulator import clock
from simulator import db as dbhelpers
from simulator.personas import Persona, load_persona, persona_path
from simulator.sites import SITES, core_migrations
from simulator.world import World

_WORLD_ID = re.compile(r"^[0-9a-f]{32}$")
_golden_lock = threading.Lock()
GOLDEN_KEEP_SECONDS = 2 * 86400


class Worlds:
    """The folder of worlds and the golden databases they are copied from."""

    def __init__(self, root: Path, golden_dir: Path | None = None):
        self.root = Path(root)
        # Goldens depend only on the persona, the day and the code: instances may share them
        # (the test suite does, instead of building the same ones for every test).
        self.golden_dir = Path(golden_dir) if golden_dir else self.root / "golden"
        self.live_dir = self.root / "live"
        self.golden_dir.mkdir(parents=True, exist_ok=True)
        self.live_dir.mkdir(parents=True, exist_ok=True)

    # --- golden databases -------------------------------------------------------------
    def golden(self, persona_id: str, day: dt.date) -> Path:
        """Path of the persona's golden database for ``day``, built if missing."""
        path = self.golden_dir / f"{persona_id}-{day.isoformat()}-{_fingerprint(persona_id)}.db"
        if path.exists():
            return path
        with _golden_lock:
            if not path.exists():
                _build_golden(path, load_persona(persona_id), day)
        return path

    # --- worlds -----------------------------------------------------------------------
    def create(
        self,
        persona_id: str,
        *,
        day: dt.date,  # the world's own date (simulator.clock): its golden is built for it
        seed: int | None = None,
        options: dict[str, str] | None = None,
    ) -> World:
        world_id = secrets.token_hex(16)
        path = self.path_of(world_id)
        try:
            shutil.copyfile(self.golden(persona_id, day), path)
            world = World(world_id, path, _today=day)
            self._personalise(world, day, seed, options)
        except BaseException:
            # A full disk stops the copy half way: no half world is left behind.
            self.destroy(world_id)
            raise
        return world

    @staticmethod
    def _personalise(world: World, day: dt.date, seed: int | None,
                     options: dict[str, str] | None) -> None:
        world_seed = str(seed if seed is not None else secrets.randbits(64))
        with dbhelpers.write_transaction(world.db) as wdb:
            wdb["world_meta"].insert_all(
                [
                    {"key": "id", "value": world.id},
                    {"key": "seed", "value": world_seed},
                    {"key": "draws", "value": "0"},
                    {"key": "created_at", "value": dt.datetime.now(dt.UTC).isoformat()},
                    {"key": "today", "value": day.isoformat()},
                    # The kiosk's date then: the world's date moves on with it (clock.py).
                    {"key": "real_day", "value": clock.real_today().isoformat()},
                ]
                + [{"key": f"option:{k}", "value": str(v)} for k, v in (options or {}).items()]
            )
            # Tokens must differ from world to world even when draws are seeded (tests): an
            # account id seen in one learner's session must mean nothing in another's.
            personalise_rng = random.Random(secrets.randbits(64))
            for site in SITES:
                if site.personalise:
                    site.personalise(wdb, personalise_rng)

    def open(self, world_id: str | None) -> World | None:
        if not world_id or not _WORLD_ID.match(world_id):
            return None
        path = self.path_of(world_id)
        return World(world_id, path) if path.exists() else None

    def destroy(self, world_id: str | None) -> None:
        if not world_id or not _WORLD_ID.match(world_id):
            return
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path_of(world_id)}{suffix}").unlink(missing_ok=True)

    def existing_ids(self) -> set[str]:
        return {p.stem for p in self.live_dir.glob("*.db") if _WORLD_ID.match(p.stem)}

    # A world is created before the session that owns it is saved (at the end of the same
    # request): the janitor leaves young files alone, or it would delete a world being born.
    ORPHAN_GRACE_SECONDS = 300

    def sweep(self, keep: set[str], *, grace: float = ORPHAN_GRACE_SECONDS) -> int:
        """Delete every world that no session owns any more; returns how many went."""
        now = time.time()
        orphans = []
        for world_id in self.existing_ids() - keep:
            try:
                age = now - self.path_of(world_id).stat().st_mtime
            except FileNotFoundError:
                continue
            if age >= grace:
                orphans.append(world_id)
        for world_id in orphans:
            self.destroy(world_id)
        return len(orphans)

    def path_of(self, world_id: str) -> Path:
        return self.live_dir / f"{world_id}.db"


def _build_golden(path: Path, persona: Persona, day: dt.date) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    gdb = dbhelpers.connect(tmp)
    built = False
    try:
        dbhelpers.apply_migrations(gdb, [core_migrations] + [s.migrations for s in SITES])
        with dbhelpers.write_transaction(gdb):
            gdb["world_meta"].insert({"key": "persona", "value": persona.id})
            for site in SITES:
                # A site is seeded for the personas that have a section for it (the bank for
                # Martine); in the others' worlds its tables stay empty.
                if site.seed and persona.has(site.name):
                    site.seed(gdb, persona, day, random.Random(f"{persona.id}:{site.name}"))
        gdb.execute("VACUUM")
        built = True
    finally:
        gdb.conn.close()
        if not built:  # a full disk: no half-built file left to fill it more
            tmp.unlink(missing_ok=True)
    os.replace(tmp, path)
    # Goldens of older code are no longer needed; those of other days are, while scenarios put
    # their worlds on nearby days (simulator.clock), but not for long.
    fingerprint = path.stem.rsplit("-", 1)[-1]
    for old in path.parent.glob(f"{persona.id}-*.db"):
        try:
            too_old = time.time() - old.stat().st_mtime > GOLDEN_KEEP_SECONDS
        except FileNotFoundError:  # another worker tidied it first
            continue
        if old != path and (too_old or not old.stem.endswith(fingerprint)):
            old.unlink(missing_ok=True)


@functools.cache
def _fingerprint(persona_id: str) -> str:
    """Changes whenever the persona or any site's code changes, so goldens are never stale."""
    digest = hashlib.sha256(persona_path(persona_id).read_bytes())
    sites_dir = Path(__file__).parent / "sites"
    for source in sorted(sites_dir.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]

