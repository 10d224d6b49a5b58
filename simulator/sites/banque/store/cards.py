"""Cards: lock, unlock, opposition."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from simulator.world import rng


@dataclass
class Card:
    id: int
    token: str
    product: str
    last_digits: str
    expiry: str
    status: str  # active | locked | opposed
    opposition_reason: str | None
    opposition_number: str | None
    opposed_at: str | None  # ISO date and time
    account_title: str
    account_number: str

    @property
    def masked_number(self) -> str:
        return f"•••• •••• •••• {self.last_digits}"

    @property
    def account_masked_number(self) -> str:
        core = self.account_number[:8]
        return f"{core[:2]}XXXX{core[-2:]}"


_CARD_SQL = """
SELECT c.id, c.token, c.product, c.last_digits, c.expiry, c.status, c.opposition_reason,
       c.opposition_number, c.opposed_at, a.title, a.number
FROM cards c JOIN accounts a ON a.id = c.account_id
{where}
ORDER BY a.position, c.id
"""


def cards(db: sqlite_utils.Database) -> list[Card]:
    return [Card(*row) for row in db.execute(_CARD_SQL.format(where=""))]


def card_by_token(db: sqlite_utils.Database, token: str | None) -> Card | None:
    if not token:
        return None
    rows = db.execute(_CARD_SQL.format(where="WHERE c.token = ?"), [token]).fetchall()
    return Card(*rows[0]) if rows else None


def set_card_status(db: sqlite_utils.Database, card_id: int, status: str) -> None:
    """Lock or unlock; an opposed card never changes again."""
    db.execute("UPDATE cards SET status = ? WHERE id = ? AND status != 'opposed'",
               [status, card_id])


def record_opposition(db: sqlite_utils.Database, card_id: int, *, reason: str,
                      at: dt.datetime) -> str:
    """Cancel the card for good; returns the « N° d'opposition » drawn for it."""
    number = f"{rng(db, 'opposition').randrange(10**10):010d}"
    db["cards"].update(card_id, {"status": "opposed", "opposition_reason": reason,
                                 "opposition_number": number,
                                 "opposed_at": at.isoformat(timespec="minutes")})
    return number
