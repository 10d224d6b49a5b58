"""All SQL of the bank replica, one module per part of the online space. Every function takes
the world's database first.

Functions that change something are called inside the caller's ``write_transaction`` (one
BEGIN IMMEDIATE per learner action), so a transfer debits and credits in one commit. Callers
use ``from simulator.sites.banque import store`` and ``store.<function>``.
"""

from simulator.sites.banque.store.access import (  # noqa: F401
    close_online_session,
    current_keypad,
    customer,
    new_keypad,
    open_online_session,
    record_code_failure,
    unblock,
    update_customer,
)
from simulator.sites.banque.store.accounts import (  # noqa: F401
    Account,
    account_by_key,
    account_by_token,
    accounts,
    add_operation,
    new_security_code,
    pending_security_code,
    record_security_code_failure,
    use_security_code,
)
from simulator.sites.banque.store.beneficiaries import (  # noqa: F401
    activate_beneficiary,
    active_beneficiaries,
    await_beneficiary_code,
    beneficiary_by_token,
    drop_beneficiary,
    is_beneficiary,
    start_beneficiary,
)
from simulator.sites.banque.store.cards import (  # noqa: F401
    Card,
    card_by_token,
    cards,
    record_opposition,
    set_card_status,
)
from simulator.sites.banque.store.documents import (  # noqa: F401
    account_operations,
    balance_before,
    statement_months,
)
from simulator.sites.banque.store.transfers import (  # noqa: F401
    Payee,
    Transfer,
    execute_transfer,
    payee_by_token,
    payees,
    save_transfer_draft,
    set_transfer_status,
    transfer_by_reference,
    transfer_operations,
)
