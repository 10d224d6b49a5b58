"""Schema of the CAF replica inside a world. Amounts are in cents."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("caf")


@migrations()
def create_caf(db):
    # The allocataire and the state of the account (one row). The password is the persona's
    # fictional one: what a learner types is compared with it and dropped.
    db["caf_allocataire"].create(
        {
            "id": int,
            "nir": str,  # 15 digits with the key
            "numero_allocataire": str,
            "password": str,
            "identity": str,  # JSON: civilité, prénom, nom, naissance
            "address": str,  # JSON list of lines
            "email": str,
            "phone": str,
            "employer": str,
            "failed_passwords": int,
            "failed_codes": int,
            "blocked": int,
            "connected": int,
            "connected_via": str,  # password | franceconnect
            "code_pending": int,  # password right, the verification code still to type
            "code_channel": str,  # sms | email
            "reset_token": str,
            "reset_sent_at": float,
        },
        pk="id",
        defaults={"failed_passwords": 0, "failed_codes": 0, "blocked": 0, "connected": 0,
                  "code_pending": 0},
    )
    # Verification codes: only a hash is kept (what is typed is hashed, compared and dropped).
    db["caf_codes"].create({"id": int, "code_hash": str, "sent_at": float, "used": int},
                           pk="id", defaults={"used": 0})
    # What the CAF already knows of each reference month (the « montant net social » of the
    # employers' declarations), by month « YYYY-MM ».
    db["caf_prefill"].create({"month": str, "net_social": int, "payslip": int}, pk="month")
    # One declaration per quarter (key « YYYY-MM » of the month it is asked in).
    db["caf_declarations"].create(
        {
            "quarter": str,
            "status": str,  # draft | sent
            "reached": str,  # salaires | autres | montants | recapitulatif
            "salaries": str,  # JSON: three amounts in cents, or null until saved
            "others": str,  # JSON list: pension, foyer
            "amounts": str,  # JSON: {pension: [3 cents], foyer: [3 cents]}
            "reference": str,
            "sent_at": str,
        },
        pk="quarter",
        defaults={"status": "draft", "reached": "", "others": "[]", "amounts": "{}"},
    )
    db["caf_payments"].create({"id": int, "paid_on": str, "aid": str, "period": str,
                               "amount": int}, pk="id")
    db["caf_changes"].create({"id": int, "kind": str, "content": str, "declared_on": str},
                             pk="id")
