"""Transfers: drafts, execution in one transaction, references."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import sqlite_utils

from simulator.sites.banque.store.accounts import _ACCOUNT_SQL, Account, add_operation
from simulator.world import rng


@dataclass
class Payee:
    """A beneficiary as the transfer form lists it (another bank's account)."""

    id: int
    token: str
    name: str
    label: str
    iban: str
    active_from: float

    def is_active(self, now: float) -> bool:
        return self.active_from <= now


def payees(db: sqlite_utils.Database) -> list[Payee]:
    """The confirmed beneficiaries (active or « en cours d'activation »), by name."""
    return [Payee(*row) for row in db.execute(
        "SELECT id, token, name, label, iban, active_from FROM beneficiaries "
        "WHERE status = 'active' ORDER BY name")]


def payee_by_token(db: sqlite_utils.Database, token: str | None) -> Payee | None:
    if not token:
        return None
    rows = db.execute("SELECT id, token, name, label, iban, active_from FROM beneficiaries "
                      "WHERE status = 'active' AND token = ?", [token]).fetchall()
    return Payee(*rows[0]) if rows else None


def _account_by_id(db: sqlite_utils.Database, account_id: int | None) -> Account | None:
    if account_id is None:
        return None
    rows = db.execute(_ACCOUNT_SQL.format(where="WHERE a.id = ?"), [account_id]).fetchall()
    return Account(*rows[0]) if rows else None


def _payee_by_id(db: sqlite_utils.Database, beneficiary_id: int | None) -> Payee | None:
    if beneficiary_id is None:
        return None
    rows = db.execute("SELECT id, token, name, label, iban, active_from FROM beneficiaries "
                      "WHERE id = ?", [beneficiary_id]).fetchall()
    return Payee(*rows[0]) if rows else None


@dataclass
class Transfer:
    id: int
    reference: str
    status: str  # draft | awaiting_code | done | scheduled | cancelled
    amount_cents: int
    requested_day: dt.date
    execution_day: dt.date
    reason: str
    from_account: Account
    to_account: Account | None  # one of the customer's own accounts…
    payee: Payee | None  # …or a beneficiary
    confirmed_at: float | None


def transfer_by_reference(db: sqlite_utils.Database, reference: str | None) -> Transfer | None:
    """The transfer with this reference, balances as they are now; None if unknown."""
    if not reference:
        return None
    rows = list(db["transfers"].rows_where("reference = ?", [reference], limit=1))
    if not rows:
        return None
    row = rows[0]
    return Transfer(
        id=row["id"], reference=row["reference"], status=row["status"],
        amount_cents=row["amount_cents"],
        requested_day=dt.date.fromisoformat(row["requested_day"]),
        execution_day=dt.date.fromisoformat(row["execution_day"]),
        reason=row["reason"] or "",
        from_account=_account_by_id(db, row["from_account_id"]),
        to_account=_account_by_id(db, row["to_account_id"]),
        payee=_payee_by_id(db, row["beneficiary_id"]),
        confirmed_at=row["confirmed_at"],
    )


def _new_reference(db: sqlite_utils.Database) -> str:
    """The « référence n° » of the récapitulatif, drawn when the draft is made."""
    while True:
        reference = str(rng(db, "transfer-reference").randrange(10**9, 10**10))
        if not db.execute("SELECT 1 FROM transfers WHERE reference = ?", [reference]).fetchone():
            return reference


def save_transfer_draft(db: sqlite_utils.Database, *, from_account_id: int,
                        to_account_id: int | None, beneficiary_id: int | None, amount_cents: int,
                        requested_day: dt.date, execution_day: dt.date, reason: str) -> str:
    """Record a new draft; returns its reference.

    One draft at a time: an unfinished one (« Modifier », or a new form sent while a code was
    awaited) is cancelled, and its SMS code stops working.
    """
    unfinished = [r for (r,) in db.execute(
        "SELECT id FROM transfers WHERE status IN ('draft', 'awaiting_code')")]
    for transfer_id in unfinished:
        db.execute("UPDATE security_codes SET used = 1 WHERE purpose = 'transfer' "
                   "AND subject_id = ?", [transfer_id])
        set_transfer_status(db, transfer_id, "cancelled")
    reference = _new_reference(db)
    db["transfers"].insert({
        "reference": reference, "from_account_id": from_account_id,
        "to_account_id": to_account_id, "beneficiary_id": beneficiary_id,
        "amount_cents": amount_cents, "requested_day": requested_day.isoformat(),
        "execution_day": execution_day.isoformat(), "reason": reason, "status": "draft",
        "created_at": time.time(),
    })
    return reference


def set_transfer_status(db: sqlite_utils.Database, transfer_id: int, status: str) -> None:
    db["transfers"].update(transfer_id, {"status": status})


def execute_transfer(db: sqlite_utils.Database, transfer: Transfer, *, holder_name: str,
                     today: dt.date, confirmed_at: float) -> str:
    """Book (or schedule, as « opérations à venir ») both sides. Returns the new status.

    ``holder_name`` is the name the statements print on transfers between the customer's own
    accounts: ``MME DURAND MARTINE``.
    """
    deferred = transfer.execution_day > today
    day = transfer.execution_day if deferred else today
    recipient = transfer.payee.name.upper() if transfer.payee else holder_name
    add_operation(db, transfer.from_account.id, day=day, label=f"VIREMENT POUR {recipient}",
                  detail=transfer.reason, amount_cents=-transfer.amount_cents,
                  category="virement_emis", upcoming=deferred, transfer_id=transfer.id)
    if transfer.to_account is not None:
        add_operation(db, transfer.to_account.id, day=day, label=f"VIREMENT DE {holder_name}",
                      detail=transfer.reason, amount_cents=transfer.amount_cents,
                      category="virement_recu", upcoming=deferred, transfer_id=transfer.id)
    status = "scheduled" if deferred else "done"
    db["transfers"].update(transfer.id, {"status": status, "confirmed_at": confirmed_at})
    return status


def transfer_operations(db: sqlite_utils.Database, transfer_id: int) -> list[dict]:
    """The operations a transfer booked (what the tests and the récapitulatif look at)."""
    return list(db["operations"].rows_where("transfer_id = ?", [transfer_id], order_by="id"))
