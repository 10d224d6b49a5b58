"""History, e-Relevés and RIB (read only)."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from simulator.sites.banque import ledger


def account_operations(db: sqlite_utils.Database, account_id: int, *,
                       since: dt.date | None = None, until: dt.date | None = None,
                       upcoming: bool | None = False) -> list[ledger.Operation]:
    """An account's operations, newest first; ``upcoming=None`` for booked and upcoming ones."""
    where, params = ["account_id = ?"], [account_id]
    if upcoming is not None:
        where.append("upcoming = ?")
        params.append(int(upcoming))
    if since is not None:
        where.append("day >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append("day <= ?")
        params.append(until.isoformat())
    rows = db.execute(
        "SELECT id, day, label, detail, amount_cents, category, upcoming FROM operations "
        f"WHERE {' AND '.join(where)} ORDER BY day DESC, id DESC", params)
    return [ledger.Operation(id_, dt.date.fromisoformat(day), label, detail or "", cents,
                             category or "", bool(upcoming_))
            for id_, day, label, detail, cents, category, upcoming_ in rows]


def statement_months(db: sqlite_utils.Database, account_id: int, before: dt.date) -> list[str]:
    """The months (``YYYY-MM``, newest first) before ``before`` with booked operations."""
    rows = db.execute(
        "SELECT DISTINCT substr(day, 1, 7) AS month FROM operations "
        "WHERE account_id = ? AND upcoming = 0 AND day < ? ORDER BY month DESC",
        [account_id, before.isoformat()])
    return [month for (month,) in rows]


def balance_before(db: sqlite_utils.Database, account_id: int, day: dt.date) -> int:
    """The booked balance at the start of ``day`` (the « ancien solde » of a statement)."""
    (cents,) = db.execute(
        "SELECT a.opening_cents + COALESCE((SELECT SUM(o.amount_cents) FROM operations o "
        "WHERE o.account_id = a.id AND o.upcoming = 0 AND o.day < ?), 0) "
        "FROM accounts a WHERE a.id = ?", [day.isoformat(), account_id]).fetchone()
    return cents
