"""All SQL of the cookie banner: the choice made on each site."""

from __future__ import annotations

import sqlite_utils

from simulator.db import write_transaction


def choice(db: sqlite_utils.Database, site: str) -> str | None:
    row = db.execute("SELECT choice FROM cookie_consents WHERE site = ?", [site]).fetchone()
    return row[0] if row else None


def record(db: sqlite_utils.Database, site: str, choice: str, accepted: int) -> None:
    with write_transaction(db):
        db["cookie_consents"].upsert({"site": site, "choice": choice, "accepted": accepted},
                                     pk="site")
