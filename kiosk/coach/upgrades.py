"""Upgrades of old scenario files to the current schema_version.

When the format changes, bump SCHEMA_VERSION in model.py, add ``upgrade_N_to_N+1`` here (a
comment says what moved), and keep one file of each old version in
tests/fixtures/scenarios/vN/ so that a test upgrades and validates it. Authors never migrate
their files by hand: the loader upgrades them in memory.
"""

from __future__ import annotations

from typing import Any

from kiosk.coach.model import SCHEMA_VERSION

# version -> function turning a file of that version into the next version
UPGRADES: dict[int, Any] = {}


def upgrade(data: dict) -> dict:
    version = data.get("schema_version")
    while isinstance(version, int) and version < SCHEMA_VERSION:
        data = UPGRADES[version](dict(data))
        version = data["schema_version"]
    return data
