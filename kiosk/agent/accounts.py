"""Adviser accounts: passwords (scrypt), the password rule, and throttled logins.

Failed logins are counted per account (the name typed, whether it exists or not, so the answer
never tells which names exist) and per address, in kiosk.db: every worker process and every
restart sees the same counts (reference: kiosk-security-reliability §3.5).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from kiosk.agent import store

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200  # scrypt of a megabyte is work an attacker should not get for free
NAME_PATTERN = re.compile(r"^[\w.@-]{2,40}$")

# Compared against when the name is unknown, so that an unknown name costs the same time.
_UNKNOWN_ACCOUNT_HASH = generate_password_hash("never a password of anyone")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def password_problem(password: str, again: str) -> str | None:
    """Why a new password is refused: empty, short, long or mismatch (None: accepted)."""
    if not password.strip():
        return "empty"
    if len(password) < PASSWORD_MIN_LENGTH:
        return "short"
    if len(password) > PASSWORD_MAX_LENGTH:
        return "long"
    if password != again:
        return "mismatch"
    return None


def name_problem(name: str) -> str | None:
    if not NAME_PATTERN.match(name.strip()):
        return ("Le nom doit avoir de 2 à 40 caractères : lettres, chiffres, point, tiret, "
                "tiret bas ou @, sans espace.")
    return None


@dataclass(frozen=True)
class LoginResult:
    adviser: dict | None = None
    locked_seconds: int = 0  # > 0: too many failures, nothing was checked


def _limits() -> tuple[int, int]:
    return (int(current_app.config["AGENT_LOGIN_MAX_FAILURES"]),
            int(current_app.config["AGENT_LOGIN_LOCK_SECONDS"]))


def locked_for(db, keys: dict[str, str], now: float) -> int:
    """Seconds left before this account or address may try again (0: it may).

    ``max_failures`` failures within the lock period lock it for that period, counted from the
    last failure.
    """
    max_failures, lock = _limits()
    left = 0
    for scope, key in keys.items():
        failures = store.recent_failures(db, scope, key, now - lock)
        if len(failures) >= max_failures:
            left = max(left, int(failures[0] + lock - now) + 1)
    return left


def throttle_keys(name: str, address: str | None) -> dict[str, str]:
    return {"account": store.name_key(name)[:80], "address": address or "unknown"}


def log_in(db, name: str, password: str, address: str | None) -> LoginResult:
    """Check a name and a password, unless the account or the address is locked."""
    now = time.time()
    keys = throttle_keys(name, address)
    locked = locked_for(db, keys, now)
    if locked:
        return LoginResult(locked_seconds=locked)
    adviser = store.adviser_by_name(db, name) if name.strip() else None
    stored = adviser["password_hash"] if adviser else _UNKNOWN_ACCOUNT_HASH
    good = check_password_hash(stored, password[:PASSWORD_MAX_LENGTH])
    if adviser is None or not password or not good:
        store.record_failure(db, keys, now)
        return LoginResult()
    store.forget_failures(db, "account", keys["account"])
    store.record_login(db, adviser["id"])
    return LoginResult(adviser=adviser)


def check_current_password(db, adviser: dict, password: str, address: str | None) -> LoginResult:
    """The old password, asked before a change: throttled like a login."""
    return log_in(db, adviser["name"], password, address)
