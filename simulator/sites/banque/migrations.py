"""Schema of the bank replica inside a world. Money is always integer cents."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("banque")


@migrations()
def create_bank(db):
    # The customer and the state of their online access (one row).
    db["customer"].create(
        {
            "id": int,
            "identifiant": str,  # 10 digits, printed on the persona card
            "secret_code": str,  # the persona's fictional 6-digit code (never what was typed)
            "holder": str,  # MME MARTINE DURAND
            "address": str,  # JSON list of lines
            "bank_code": str,
            "branch_code": str,
            "bic": str,
            "domiciliation": str,
            "remembered": int,  # « mémoriser mon identifiant »
            "failed_codes": int,
            "blocked": int,
            "connected": int,
            "last_activity": float,  # epoch seconds of the last bank page while connected
            "strong_auth_on": str,  # ISO date of the last strong authentication
            "strong_auth_pending": int,  # logged in, strong authentication still to do
        },
        pk="id",
        defaults={"remembered": 0, "failed_codes": 0, "blocked": 0, "connected": 0,
                  "last_activity": 0.0, "strong_auth_pending": 0},
    )
    db["accounts"].create(
        {
            "id": int,
            "key": str,  # ccp, livret_a: what scenarios and events name
            "token": str,  # random per world: what forms and URLs carry
            "kind": str,  # ccp | livret_a | ldds | lep
            "title": str,  # Compte Courant Postal
            "short": str,  # CCP
            "number": str,  # 11 characters of the RIB
            "iban": str,
            "opening_cents": int,  # balance before the first operation of the history
            "ceiling_cents": int,  # savings deposit ceiling, or None
            "overdraft_cents": int,
            "position": int,
        },
        pk="id",
        not_null={"key", "token", "kind"},
        defaults={"overdraft_cents": 0},
    )
    db["accounts"].create_index(["key"], unique=True)
    db["accounts"].create_index(["token"], unique=True)
    db["operations"].create(
        {
            "id": int,
            "account_id": int,
            "day": str,  # ISO date of the operation
            "label": str,  # VIREMENT DE CAF, ACHAT CB LIDL 12.10.26…
            "detail": str,  # the second line: PRIME D'ACTIVITE OCTOBRE 2026
            "amount_cents": int,  # signed
            "category": str,  # virement_recu, virement_emis, prelevement, carte, retrait…
            "upcoming": int,  # 1 = « opération à venir », not yet in the balance
            "transfer_id": int,
        },
        pk="id",
        foreign_keys=[("account_id", "accounts", "id")],
        defaults={"upcoming": 0, "detail": ""},
    )
    db["operations"].create_index(["account_id", "day"])
    db["beneficiaries"].create(
        {
            "id": int,
            "token": str,
            "name": str,
            "label": str,  # « intitulé du compte » chosen by the customer
            "iban": str,
            "country": str,
            "status": str,  # awaiting_code | active
            "created_at": float,
            "active_from": float,  # epoch seconds: « en cours d'activation » until then
        },
        pk="id",
    )
    db["beneficiaries"].create_index(["token"], unique=True)
    db["transfers"].create(
        {
            "id": int,
            "reference": str,
            "from_account_id": int,
            "to_account_id": int,  # own account, or None
            "beneficiary_id": int,  # or None
            "amount_cents": int,
            "requested_day": str,
            "execution_day": str,
            "reason": str,
            "status": str,  # draft | awaiting_code | done | scheduled | cancelled
            "created_at": float,
            "confirmed_at": float,
        },
        pk="id",
        foreign_keys=[("from_account_id", "accounts", "id")],
    )
    db["cards"].create(
        {
            "id": int,
            "token": str,
            "account_id": int,
            "product": str,  # Visa Classic
            "last_digits": str,
            "expiry": str,  # MM/AA
            "status": str,  # active | locked | opposed
            "opposition_reason": str,
            "opposition_number": str,
            "opposed_at": str,
        },
        pk="id",
        foreign_keys=[("account_id", "accounts", "id")],
    )
    # Codes sent by SMS (strong authentication, new beneficiary, transfer, opposition).
    db["security_codes"].create(
        {
            "id": int,
            "purpose": str,
            "subject_id": int,  # the beneficiary, transfer… the code confirms
            "code": str,
            "created_at": float,
            "failures": int,
            "used": int,
        },
        pk="id",
        defaults={"failures": 0, "used": 0},
    )
    # The shuffled keypad currently displayed: which digit sits in which cell.
    db["keypad"].create({"id": int, "layout": str, "shown_at": float}, pk="id")
