"""Schema of the ameli account inside a world. Amounts in cents."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("ameli")


@migrations()
def create_ameli_account(db):
    # The insured person and the state of the account (one row). The code personnel is the
    # persona's fictional one: what a learner types is compared with it and dropped.
    db["ameli_account"].create(
        {
            "id": int,
            "nir": str,  # 13 characters, without the key
            "nir_key": str,
            "code_personnel": str,
            "email": str,
            "identity": str,  # JSON: civilité, prénom, nom, naissance, adresse
            "caisse": str,
            "doctor": str,  # médecin traitant
            "beneficiaries": str,  # JSON: [{prenom, naissance ISO}]
            "iban": str,
            "holder": str,
            "iban_changed_on": str,
            "password_failures": int,
            "code_failures": int,
            "code_requests": int,
            "locked": int,
            "connected": int,
            "connected_via": str,  # code | franceconnect
            "code_pending": int,  # identifiers right, the e-mailed code still to type
            "card_status": str,  # active | lost | stolen
            "card_declared_on": str,
            "card_reason_draft": str,  # perte | vol, chosen at step 1
        },
        pk="id",
        defaults={"password_failures": 0, "code_failures": 0, "code_requests": 0, "locked": 0,
                  "connected": 0, "code_pending": 0, "card_status": "active"},
    )
    # The security codes sent by e-mail (what was sent, not what was typed).
    db["ameli_codes"].create({"id": int, "code": str, "sent_at": float, "used": int}, pk="id",
                             defaults={"used": 0})
    # « Mes paiements »: one row per act reimbursed.
    db["ameli_payments"].create(
        {
            "id": int,
            "token": str,
            "care_on": str,  # ISO: date des soins
            "paid_on": str,  # ISO: date du versement
            "act": str,
            "professional": str,
            "beneficiary": str,
            "spent": int,
            "base": int,
            "rate": int,
            "participation": int,  # participation forfaitaire (consultations)
            "franchise": int,  # franchise médicale (medicines)
            "third_party": int,  # tiers payant: paid to the professional
        },
        pk="id",
    )
    db["ameli_payments"].create_index(["token"], unique=True)
    # « Ma messagerie »: the learner's messages and the caisse's answers (visible from a moment).
    db["ameli_messages"].create(
        {
            "id": int,
            "token": str,
            "subject": str,  # a key of rules.SUBJECTS
            "body": str,
            "sender": str,  # assure | caisse
            "written_at": str,  # ISO date-time of the world
            "visible_at": float,  # epoch seconds: an answer shows from then on
            "read": int,
        },
        pk="id",
        defaults={"read": 0},
    )
