"""Beneficiaries: adding one, its SMS code, its activation."""

from __future__ import annotations

import sqlite_utils

from simulator.world import rng

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
