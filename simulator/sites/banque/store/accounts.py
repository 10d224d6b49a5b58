"""Accounts with their balances, operations, and the codes sent by SMS."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import sqlite_utils

from simulator.formats import euros
from simulator.world import rng


@dataclass
class Account:
    id: int
    key: str
    token: str
    kind: str
    title: str
    short: str
    number: str
    iban: str
    balance_cents: int
    upcoming_cents: int
    ceiling_cents: int | None
    overdraft_cents: int

    @property
    def masked_number(self) -> str:
        """``0458213K020`` → ``04XXXX3K``: the masked form of the bank's lists."""
        core = self.number[:8]
        return f"{core[:2]}XXXX{core[-2:]}"

    def label(self, holder: str) -> str:
        """``CCP - 04XXXX3K - MME MARTINE DURAND - Solde : 684,27 €`` (the real shape)."""
        balance = euros(self.balance_cents)
        return f"{self.short} - {self.masked_number} - {holder} - Solde : {balance}"

    @property
    def is_savings(self) -> bool:
        return self.kind in ("livret_a", "ldds", "lep")


_ACCOUNT_SQL = """
SELECT a.id, a.key, a.token, a.kind, a.title, a.short, a.number, a.iban,
       a.opening_cents + COALESCE(SUM(CASE WHEN o.upcoming = 0 THEN o.amount_cents END), 0),
       COALESCE(SUM(CASE WHEN o.upcoming = 1 THEN o.amount_cents END), 0),
       a.ceiling_cents, a.overdraft_cents
FROM accounts a LEFT JOIN operations o ON o.account_id = a.id
{where}
GROUP BY a.id ORDER BY a.position
"""


def accounts(db: sqlite_utils.Database) -> list[Account]:
    return [Account(*row) for row in db.execute(_ACCOUNT_SQL.format(where=""))]


def account_by_token(db: sqlite_utils.Database, token: str | None) -> Account | None:
    if not token:
        return None
    rows = db.execute(_ACCOUNT_SQL.format(where="WHERE a.token = ?"), [token]).fetchall()
    return Account(*rows[0]) if rows else None


def account_by_key(db: sqlite_utils.Database, key: str) -> Account | None:
    rows = db.execute(_ACCOUNT_SQL.format(where="WHERE a.key = ?"), [key]).fetchall()
    return Account(*rows[0]) if rows else None


def add_operation(db: sqlite_utils.Database, account_id: int, *, day: dt.date, label: str,
                  detail: str, amount_cents: int, category: str, upcoming: bool = False,
                  transfer_id: int | None = None) -> int:
    return db["operations"].insert(
        {"account_id": account_id, "day": day.isoformat(), "label": label, "detail": detail,
         "amount_cents": amount_cents, "category": category, "upcoming": int(upcoming),
         "transfer_id": transfer_id}
    ).last_pk


def new_security_code(db: sqlite_utils.Database, purpose: str,
                      subject_id: int | None = None) -> str:
    """Draw a 6-digit code for ``purpose``; older unused codes for it stop working."""
    code = f"{rng(db, 'sms-code').randrange(10**6):06d}"
    db.execute("UPDATE security_codes SET used = 1 WHERE purpose = ? AND used = 0", [purpose])
    db["security_codes"].insert({"purpose": purpose, "subject_id": subject_id, "code": code,
                                 "created_at": time.time()})
    return code


def pending_security_code(db: sqlite_utils.Database, purpose: str) -> dict | None:
    rows = list(db["security_codes"].rows_where("purpose = ? AND used = 0", [purpose],
                                                order_by="id DESC", limit=1))
    return rows[0] if rows else None


def record_security_code_failure(db: sqlite_utils.Database, code_id: int) -> int:
    db.execute("UPDATE security_codes SET failures = failures + 1 WHERE id = ?", [code_id])
    return db["security_codes"].get(code_id)["failures"]


def use_security_code(db: sqlite_utils.Database, code_id: int) -> None:
    db.execute("UPDATE security_codes SET used = 1 WHERE id = ?", [code_id])
