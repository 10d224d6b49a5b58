"""All SQL of France Travail (simulation), one module per part of the space. Every function
takes the world's database first; those that change something run inside the caller's
``write_transaction``. Callers use ``from simulator.sites.francetravail import store``."""

from __future__ import annotations

import sqlite_utils

from simulator.sites.francetravail.store import (  # noqa: F401
    access,
    actualisation,
    documents,
    mail,
    messages,
    offers,
    registration,
)
from simulator.sites.francetravail.store.access import (  # noqa: F401
    account,
    close_online_session,
    open_online_session,
    update_account,
)


def page_placeholder(db: sqlite_utils.Database, kind: str, key: str) -> str | None:
    """``{courrier:avis_paiement}`` → the token of the newest courrier of that kind."""
    if kind == "courrier":
        found = mail.latest_of_kind(db, key)
        return found["token"] if found else None
    return None
