"""Banque Citoyenne: a fictional bank that behaves like La Banque Postale's online banking.

Reference: real-sites-and-anchors §1.1 (screens, fields, exact messages, Livret A rules).
Every event below is listed for scenario authors in docs/events.md.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from simulator.events import EventSpec
from simulator.site import Site, Tile
from simulator.sites.banque.migrations import migrations
from simulator.sites.banque.seed import personalise, seed

bp = Blueprint("banque", __name__, template_folder="templates", static_folder="static")

_ACCOUNT = "str: the account's key, e.g. ccp or livret_a"

EVENTS = [
    # Access
    EventSpec("banque.login.viewed", "The login page was displayed.", {"accessible": "bool"}),
    EventSpec("banque.login.succeeded", "Identifiant and secret code accepted.",
              {"strong_auth_required": "bool"}),
    EventSpec("banque.login.failed", "A login attempt was refused.",
              {"reason": "str: invalid_identifiant, incomplete_code, wrong_code, forged_keypad",
               "attempts_left": "int"}),
    EventSpec("banque.login.blocked", "Too many wrong codes: the online access is blocked.", {}),
    EventSpec("banque.strong_auth.code_sent", "The strong-authentication code went by SMS.", {}),
    EventSpec("banque.strong_auth.failed", "A wrong strong-authentication code was typed.",
              {"attempts_left": "int"}),
    EventSpec("banque.strong_auth.succeeded", "Strong authentication done (every 90 days).", {}),
    EventSpec("banque.session.expired", "« Session expirée »: too long without a bank page.", {}),
    EventSpec("banque.logout", "The learner tapped « Déconnexion ».", {}),
    # Accounts and history
    EventSpec("banque.accounts.viewed", "The synthesis of the accounts was displayed.", {}),
    EventSpec("banque.history.viewed", "An account's history was displayed.",
              {"account": _ACCOUNT, "period": "str: 30j, 3m, 6m or upcoming",
               "searched": "bool: a search text was given"}),
    EventSpec("banque.operation.viewed", "The learner opened one operation's details.",
              {"account": _ACCOUNT, "category": "str: virement_recu, prelevement, carte…",
               "label": "str: the operation's label, e.g. VIREMENT DE CAF",
               "days_ago": "int: how many days before today it happened (0 = today)"}),
    # Transfers
    EventSpec("banque.transfer.form_viewed", "The transfer form was displayed.", {}),
    EventSpec("banque.transfer.rejected", "The transfer form was refused.",
              {"reason": "str: account_missing, unknown_account, beneficiary_not_active, "
                         "same_account, savings_to_beneficiary, amount_format, amount_negative, "
                         "amount_zero, over_transfer_ceiling, under_savings_minimum, "
                         "savings_would_be_negative, insufficient_balance, "
                         "over_savings_ceiling, date_invalid, date_past, date_too_far, "
                         "reason_too_long",
               "from_account": _ACCOUNT,
               "to_account": "str: an account key or beneficiary"}),
    EventSpec("banque.transfer.reviewed", "The confirmation page of a transfer was displayed.",
              {"from_account": _ACCOUNT, "to_account": "str: an account key or beneficiary",
               "amount": "float: euros", "beneficiary": "str: the beneficiary's name, or ''"}),
    EventSpec("banque.transfer.code_sent", "A transfer to a beneficiary needs the SMS code.",
              {"amount": "float: euros", "beneficiary": "str"}),
    EventSpec("banque.transfer.code_failed", "A wrong SMS code for a transfer.",
              {"attempts_left": "int"}),
    EventSpec("banque.transfer.confirmed", "A transfer was recorded (récapitulatif shown).",
              {"from_account": _ACCOUNT, "to_account": "str: an account key or beneficiary",
               "amount": "float: euros", "beneficiary": "str: the beneficiary's name, or ''",
               "execution_date": "str: YYYY-MM-DD", "deferred": "bool: executed later",
               "has_reason": "bool"}),
    EventSpec("banque.transfer.cancelled", "The learner cancelled a transfer before confirming.",
              {}),
    # Beneficiaries
    EventSpec("banque.beneficiary.form_viewed", "The add-beneficiary form was displayed.", {}),
    EventSpec("banque.beneficiary.rejected", "The add-beneficiary form was refused.",
              {"reason": "str: country_missing, country_unsupported, bank_unanswered, "
                         "name_missing, name_too_long, name_characters, label_too_long, "
                         "label_characters, iban_incomplete, iban_too_long, iban_letters, "
                         "iban_characters, iban_check, iban_format, own_bank, not_own_bank, "
                         "own_account, duplicate",
               "box": "int: the IBAN box at fault, or 0"}),
    EventSpec("banque.beneficiary.reviewed",
              "The summary of a new beneficiary was displayed (before « Confirmer la création »).",
              {"name": "str: as typed", "iban_suffix": "str: last 4 characters"}),
    EventSpec("banque.beneficiary.code_sent", "The SMS code to confirm a beneficiary was sent.",
              {}),
    EventSpec("banque.beneficiary.code_failed", "A wrong SMS code for a new beneficiary.",
              {"attempts_left": "int"}),
    EventSpec("banque.beneficiary.added", "A beneficiary was confirmed with the SMS code.",
              {"name": "str", "iban_suffix": "str: last 4 characters", "active": "bool"}),
    # RIB, cards, e-documents
    EventSpec("banque.rib.viewed", "A RIB was displayed.", {"account": _ACCOUNT}),
    EventSpec("banque.rib.downloaded", "A RIB was downloaded as a PDF.", {"account": _ACCOUNT}),
    EventSpec("banque.card.viewed", "The cards page was displayed.", {}),
    EventSpec("banque.card.locked", "A card was locked temporarily.", {"card": "str: product"}),
    EventSpec("banque.card.unlocked", "A locked card was unlocked.", {"card": "str: product"}),
    EventSpec("banque.card.opposition_viewed", "The opposition form was displayed.",
              {"card": "str: product"}),
    EventSpec("banque.card.opposed", "Opposition confirmed: the card is cancelled for good.",
              {"card": "str: product", "reason": "str: perte, vol or fraude"}),
    EventSpec("banque.statements.viewed", "The e-relevés list was displayed.",
              {"account": _ACCOUNT, "year": "int"}),
    EventSpec("banque.statement.opened", "One e-relevé was opened.",
              {"account": _ACCOUNT, "month": "str: YYYY-MM", "pdf": "bool",
               "months_ago": "int: 1 = last month's statement"}),
]

SITE = Site(
    name="banque",
    title="Banque Citoyenne",
    address="https://voscomptes.banque-citoyenne.fr",
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
    seed=seed,
    personalise=personalise,
    default_persona="martine",
    tile=Tile(_l("Ma banque"), _l("Voir mes comptes, faire un virement, télécharger mon RIB…"),
              "bank"),
    # The words of the bank's own login page, so that the learner finds them there.
    card_fields=[("identifiant", _l("Identifiant")), ("code_secret", _l("Mot de passe"))],
    sign_in=lambda db: store.open_online_session(db, strong_auth_needed=False),
    page_placeholder=lambda db, kind, key: (
        store.account_by_key(db, key).token
        if kind == "compte" and store.account_by_key(db, key) else None),
)

from simulator.sites.banque import routes, store  # noqa: E402,F401  (registers the routes)
