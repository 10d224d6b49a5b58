"""All SQL of the bank replica. Every function takes the world's database first.

Functions that change something are called inside the caller's ``write_transaction`` (one
BEGIN IMMEDIATE per learner action), so a transfer debits and credits in one commit.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from dataclasses import dataclass

import sqlite_utils

from simulator.formats import euros
from simulator.sites.banque import keypad, ledger
from simulator.world import rng

# --- customer and online access -----------------------------------------------------------


def customer(db: sqlite_utils.Database) -> dict:
    row = db["customer"].get(1)
    row["address_lines"] = json.loads(row["address"] or "[]")
    return row


def update_customer(db: sqlite_utils.Database, **changes) -> None:
    db["customer"].update(1, changes)


def record_code_failure(db: sqlite_utils.Database, max_failures: int) -> int:
    """Count one more wrong secret code; block the access at ``max_failures``. Returns failures."""
    failures = customer(db)["failed_codes"] + 1
    update_customer(db, failed_codes=failures, blocked=int(failures >= max_failures))
    return failures


def open_online_session(db: sqlite_utils.Database, *, strong_auth_needed: bool) -> None:
    update_customer(db, connected=1, failed_codes=0, last_activity=time.time(),
                    strong_auth_pending=int(strong_auth_needed))


def close_online_session(db: sqlite_utils.Database) -> None:
    update_customer(db, connected=0, strong_auth_pending=0)


def unblock(db: sqlite_utils.Database) -> None:
    """What the adviser does for a learner who typed three wrong codes."""
    update_customer(db, blocked=0, failed_codes=0)


# --- the keypad ---------------------------------------------------------------------------


def new_keypad(db: sqlite_utils.Database, *, seed: int | None = None,
               accessible: bool = False) -> list[str | None]:
    """Draw (and remember) the layout of the keypad about to be displayed."""
    if accessible:
        layout = keypad.ordered_layout()
    else:
        draw = random.Random(seed) if seed is not None else rng(db, "keypad")
        layout = keypad.shuffled_layout(draw)
    db["keypad"].upsert({"id": 1, "layout": keypad.dump(layout), "shown_at": time.time()}, pk="id")
    return layout


def current_keypad(db: sqlite_utils.Database) -> list[str | None] | None:
    row = db.execute("SELECT layout FROM keypad WHERE id = 1").fetchone()
    return keypad.load(row[0]) if row else None


# --- accounts -----------------------------------------------------------------------------


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
        return f"{self.short} - {self.masked_number} - {holder} - Solde : {euros(self.balance_cents)}"

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


# --- operations (history) -----------------------------------------------------------------


def add_operation(db: sqlite_utils.Database, account_id: int, *, day: dt.date, label: str,
                  detail: str, amount_cents: int, category: str, upcoming: bool = False,
                  transfer_id: int | None = None) -> int:
    return db["operations"].insert(
        {"account_id": account_id, "day": day.isoformat(), "label": label, "detail": detail,
         "amount_cents": amount_cents, "category": category, "upcoming": int(upcoming),
         "transfer_id": transfer_id}
    ).last_pk


# --- security codes sent by SMS -----------------------------------------------------------


def new_security_code(db: sqlite_utils.Database, purpose: str, subject_id: int | None = None) -> str:
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


# --- transfers: drafts, execution, references ---------------------------------------------


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


# --- history, e-Relevés and RIB (read only) -----------------------------------------------


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


# --- beneficiaries ------------------------------------------------------------------------
# An addition goes draft (form checked) → awaiting_code (SMS sent) → active. Only active rows
# are beneficiaries; they stay « en cours d'activation » until active_from (epoch seconds).


def active_beneficiaries(db: sqlite_utils.Database) -> list[dict]:
    return list(db["beneficiaries"].rows_where("status = 'active'",
                                               order_by="name COLLATE NOCASE, id"))


def beneficiary_by_token(db: sqlite_utils.Database, token: str | None) -> dict | None:
    if not token:
        return None
    rows = list(db["beneficiaries"].rows_where("token = ?", [token], limit=1))
    return rows[0] if rows else None


def is_beneficiary(db: sqlite_utils.Database, iban: str) -> bool:
    row = db.execute("SELECT 1 FROM beneficiaries WHERE iban = ? AND status = 'active'",
                     [iban]).fetchone()
    return row is not None


def start_beneficiary(db: sqlite_utils.Database, *, name: str, label: str, iban: str,
                      country: str, now: float) -> dict:
    """Keep the checked form as a draft. One addition at a time: an unfinished one is dropped."""
    db.execute("DELETE FROM beneficiaries WHERE status != 'active'")
    token = f"{rng(db, 'beneficiary-token').getrandbits(48):012x}"
    db["beneficiaries"].insert({"token": token, "name": name, "label": label, "iban": iban,
                                "country": country, "status": "draft", "created_at": now,
                                "active_from": None})
    return beneficiary_by_token(db, token)


def await_beneficiary_code(db: sqlite_utils.Database, beneficiary_id: int) -> None:
    db["beneficiaries"].update(beneficiary_id, {"status": "awaiting_code"})


def activate_beneficiary(db: sqlite_utils.Database, beneficiary_id: int,
                         active_from: float) -> None:
    db["beneficiaries"].update(beneficiary_id, {"status": "active", "active_from": active_from})


def drop_beneficiary(db: sqlite_utils.Database, beneficiary_id: int) -> None:
    """Cancel an addition (three wrong codes): the row and its code go."""
    db.execute("UPDATE security_codes SET used = 1 WHERE purpose = 'beneficiary' "
               "AND subject_id = ?", [beneficiary_id])
    db.execute("DELETE FROM beneficiaries WHERE id = ? AND status != 'active'", [beneficiary_id])


# --- cards --------------------------------------------------------------------------------


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
