"""All SQL of the CAF replica. Every function takes the world's database first; those that
change something are called inside the caller's ``write_transaction``."""

from __future__ import annotations

import hashlib
import json
import time

import sqlite_utils


def allocataire(db: sqlite_utils.Database) -> dict | None:
    row = next(db["caf_allocataire"].rows_where(limit=1), None)
    if row is not None:
        row["person"] = json.loads(row["identity"] or "{}")
        row["address_lines"] = json.loads(row["address"] or "[]")
    return row


def update_allocataire(db: sqlite_utils.Database, **changes) -> None:
    if "address_lines" in changes:
        changes["address"] = json.dumps(changes.pop("address_lines"), ensure_ascii=False)
    db["caf_allocataire"].update(1, changes)


def record_failure(db: sqlite_utils.Database, column: str, limit: int) -> int:
    failures = allocataire(db)[column] + 1
    update_allocataire(db, **{column: failures, "blocked": int(failures >= limit)})
    return failures


def open_session(db: sqlite_utils.Database, via: str) -> None:
    update_allocataire(db, connected=1, connected_via=via, failed_passwords=0, failed_codes=0,
                       code_pending=0)


def close_session(db: sqlite_utils.Database) -> None:
    update_allocataire(db, connected=0, code_pending=0)


# --- verification codes (hashes only) --------------------------------------------------------


def code_hash(code: str) -> str:
    return hashlib.sha256(f"caf-code:{code}".encode()).hexdigest()


def new_code(db: sqlite_utils.Database, code: str) -> None:
    db.execute("UPDATE caf_codes SET used = 1")
    db["caf_codes"].insert({"code_hash": code_hash(code), "sent_at": time.time()})


def issued_code(db: sqlite_utils.Database) -> dict | None:
    return next(db["caf_codes"].rows_where("used = 0", order_by="id DESC", limit=1), None)


def used_code_hashes(db: sqlite_utils.Database) -> set[str]:
    return {row["code_hash"] for row in db["caf_codes"].rows_where("used = 1")}


def use_codes(db: sqlite_utils.Database) -> None:
    db.execute("UPDATE caf_codes SET used = 1")


# --- the quarterly declaration ----------------------------------------------------------------


def prefill(db: sqlite_utils.Database, months: list[str]) -> list[dict]:
    rows = {row["month"]: row for row in db["caf_prefill"].rows_where(
        f"month IN ({', '.join('?' for _ in months)})", months)}
    return [rows.get(month, {"month": month, "net_social": 0, "payslip": 0}) for month in months]


def set_prefill(db: sqlite_utils.Database, month: str, net_social: int, payslip: int) -> None:
    db["caf_prefill"].upsert({"month": month, "net_social": net_social, "payslip": payslip},
                             pk="month")


def _declaration(row: dict) -> dict:
    row["salaries"] = json.loads(row["salaries"]) if row["salaries"] else None
    row["others"] = json.loads(row["others"] or "[]")
    row["amounts"] = json.loads(row["amounts"] or "{}")
    return row


def declaration(db: sqlite_utils.Database, quarter: str) -> dict | None:
    row = next(db["caf_declarations"].rows_where("quarter = ?", [quarter], limit=1), None)
    return _declaration(row) if row else None


def declarations(db: sqlite_utils.Database) -> list[dict]:
    return [_declaration(r) for r in db["caf_declarations"].rows_where(order_by="quarter DESC")]


def start_declaration(db: sqlite_utils.Database, quarter: str) -> None:
    db["caf_declarations"].insert({"quarter": quarter}, ignore=True)


def save_declaration(db: sqlite_utils.Database, quarter: str, **changes) -> None:
    for key in ("salaries", "others", "amounts"):
        if key in changes:
            changes[key] = json.dumps(changes[key])
    db["caf_declarations"].update(quarter, changes)


# --- payments and changes ---------------------------------------------------------------------


def add_payment(db: sqlite_utils.Database, paid_on: str, aid: str, period: str,
                amount: int) -> None:
    db["caf_payments"].insert({"paid_on": paid_on, "aid": aid, "period": period,
                               "amount": amount})


def payments(db: sqlite_utils.Database, since: str | None = None) -> list[dict]:
    where, args = ("paid_on >= ?", [since]) if since else (None, [])
    return list(db["caf_payments"].rows_where(where, args, order_by="paid_on DESC, id"))


def record_change(db: sqlite_utils.Database, kind: str, content: dict, declared_on: str) -> None:
    db["caf_changes"].insert({"kind": kind, "content": json.dumps(content, ensure_ascii=False),
                              "declared_on": declared_on})


def changes(db: sqlite_utils.Database) -> list[dict]:
    rows = list(db["caf_changes"].rows_where(order_by="id DESC"))
    for row in rows:
        row["content"] = json.loads(row["content"])
    return rows
