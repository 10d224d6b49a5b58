"""The SMS the bank sends to the customer's phone (Certicode-style security codes)."""

from __future__ import annotations

import sqlite_utils

from simulator.events import emit
from simulator.sites.banque import store
from simulator.sites.telephone.store import deliver_sms

SENDER = "BQCITOYENNE"  # an alphanumeric SMS sender has at most 11 characters

_WHAT = {
    "strong_auth": "pour accéder à votre Espace client",
    "beneficiary": "pour ajouter un bénéficiaire",
    "transfer": "pour valider votre virement",
    "opposition": "pour confirmer l'opposition de votre carte",
}


def send_security_code(db: sqlite_utils.Database, purpose: str, subject_id: int | None = None,
                       detail: str = "") -> str:
    """Draw a code, and send it to the phone with the bank's usual warning."""
    code = store.new_security_code(db, purpose, subject_id)
    what = _WHAT[purpose] + (f" ({detail})" if detail else "")
    deliver_sms(
        db,
        SENDER,
        f"Banque Citoyenne : votre code de sécurité {what} est {code}. "
        "Ne le communiquez jamais, même à un conseiller de la banque.",
        kind="code",
    )
    emit("telephone.sms.received", sender=SENDER, kind="code")
    return code
