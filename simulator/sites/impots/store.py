"""All SQL of the tax replica. Every function takes the world's database first; those that
change something are called inside the caller's ``write_transaction``."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass

import sqlite_utils

# --- the taxpayer and the access to the space ---------------------------------------------


def taxpayer(db: sqlite_utils.Database) -> dict | None:
    row = next(db["impots_taxpayer"].rows_where(limit=1), None)
    if row is not None:
        row["person"] = json.loads(row["identity"] or "{}")
    return row


def update_taxpayer(db: sqlite_utils.Database, **changes) -> None:
    db["impots_taxpayer"].update(1, changes)


def record_password_failure(db: sqlite_utils.Database, limit: int) -> int:
    failures = taxpayer(db)["failed_passwords"] + 1
    update_taxpayer(db, failed_passwords=failures, blocked=int(failures >= limit))
    return failures


def open_session(db: sqlite_utils.Database, via: str) -> None:
    update_taxpayer(db, connected=1, connected_via=via, failed_passwords=0, code_pending=0,
                    code_failures=0)


def close_session(db: sqlite_utils.Database) -> None:
    update_taxpayer(db, connected=0, code_pending=0)


def new_activation(db: sqlite_utils.Database, sent_at: float | None = None) -> str:
    token = secrets.token_urlsafe(18)
    update_taxpayer(db, activation_token=token, activation_used=0,
                    activation_sent_at=sent_at if sent_at is not None else time.time())
    return token


def new_reset(db: sqlite_utils.Database) -> str:
    token = secrets.token_urlsafe(18)
    update_taxpayer(db, reset_token=token, reset_sent_at=time.time())
    return token


def new_code(db: sqlite_utils.Database, code: str) -> None:
    db.execute("UPDATE impots_codes SET used = 1")
    db["impots_codes"].insert({"code": code, "sent_at": time.time()})


def pending_code(db: sqlite_utils.Database) -> dict | None:
    return next(db["impots_codes"].rows_where("used = 0", order_by="id DESC", limit=1), None)


def use_codes(db: sqlite_utils.Database) -> None:
    db.execute("UPDATE impots_codes SET used = 1")


# --- the household and the declarations ---------------------------------------------------


def household(db: sqlite_utils.Database) -> dict | None:
    row = next(db["impots_household"].rows_where(limit=1), None)
    if row is not None:
        row["children_list"] = json.loads(row["children"] or "[]")
    return row


@dataclass
class Declaration:
    id: int
    income_year: int
    status: str
    version: int
    reached: str
    identity_checked: bool
    situation: str
    single_parent: bool
    dependants_checked: bool
    salaries: int | None
    charges: list[str]
    childcare: list[int]
    reference: str | None
    signed_at: str | None
    balance: int | None

    @property
    def signed(self) -> bool:
        return self.status == "signed"


def _declaration(row: dict) -> Declaration:
    return Declaration(
        id=row["id"], income_year=row["income_year"], status=row["status"],
        version=row["version"], reached=row["reached"] or "",
        identity_checked=bool(row["identity_checked"]), situation=row["situation"],
        single_parent=bool(row["single_parent"]),
        dependants_checked=bool(row["dependants_checked"]), salaries=row["salaries"],
        charges=json.loads(row["charges"] or "[]"), childcare=json.loads(row["childcare"] or "[]"),
        reference=row["reference"], signed_at=row["signed_at"], balance=row["balance"])


def declaration(db: sqlite_utils.Database, income_year: int) -> Declaration | None:
    """The newest version of the declaration of that year (a correction is a new version)."""
    row = next(db["impots_declarations"].rows_where("income_year = ?", [income_year],
                                             order_by="version DESC", limit=1), None)
    return _declaration(row) if row else None


def signed_versions(db: sqlite_utils.Database, income_year: int) -> list[Declaration]:
    return [_declaration(r) for r in db["impots_declarations"].rows_where(
        "income_year = ? AND status = 'signed'", [income_year], order_by="version")]


def start_declaration(db: sqlite_utils.Database, income_year: int, *, situation: str,
                      single_parent: bool, version: int = 0, copy_of: Declaration | None = None
                      ) -> Declaration:
    row = {"income_year": income_year, "version": version, "situation": situation,
           "single_parent": int(single_parent)}
    if copy_of is not None:  # a correction starts from what was signed
        row.update(situation=copy_of.situation, single_parent=int(copy_of.single_parent),
                   identity_checked=1, dependants_checked=1, salaries=copy_of.salaries,
                   charges=json.dumps(copy_of.charges), childcare=json.dumps(copy_of.childcare),
                   reached="recapitulatif")
    db["impots_declarations"].insert(row)
    return declaration(db, income_year)


def save_declaration(db: sqlite_utils.Database, declaration_id: int, **changes) -> None:
    for key in ("charges", "childcare"):
        if key in changes:
            changes[key] = json.dumps(changes[key])
    for key in ("identity_checked", "single_parent", "dependants_checked"):
        if key in changes:
            changes[key] = int(changes[key])
    db["impots_declarations"].update(declaration_id, changes)


# --- documents ----------------------------------------------------------------------------


@dataclass
class Document:
    token: str
    year: int
    kind: str
    title: str
    issued_on: str
    content: dict


def _document(row: dict) -> Document:
    return Document(token=row["token"], year=row["year"], kind=row["kind"], title=row["title"],
                    issued_on=row["issued_on"], content=json.loads(row["content"] or "{}"))


def documents(db: sqlite_utils.Database, year: int) -> list[Document]:
    return [_document(r) for r in db["impots_documents"].rows_where(
        "year = ?", [year], order_by="issued_on DESC, id DESC")]


def document_years(db: sqlite_utils.Database) -> list[int]:
    rows = db.execute("SELECT DISTINCT year FROM impots_documents ORDER BY year DESC")
    return [row[0] for row in rows]


def document_by_token(db: sqlite_utils.Database, token: str | None) -> Document | None:
    if not token or len(token) > 64:
        return None
    row = next(db["impots_documents"].rows_where("token = ?", [token], limit=1), None)
    return _document(row) if row else None


def add_document(db: sqlite_utils.Database, *, year: int, kind: str, title: str,
                 issued_on: str, content: dict) -> str:
    token = secrets.token_urlsafe(12)
    db["impots_documents"].insert({"token": token, "year": year, "kind": kind, "title": title,
                            "issued_on": issued_on,
                            "content": json.dumps(content, ensure_ascii=False)})
    return token


def record_situation_change(db: sqlite_utils.Database, kind: str, day: str,
                            declared_on: str) -> None:
    db["impots_situation_changes"].insert({"kind": kind, "day": day, "declared_on": declared_on})


def situation_changes(db: sqlite_utils.Database) -> list[dict]:
    return list(db["impots_situation_changes"].rows_where(order_by="id DESC"))
