"""Schema of the tax replica inside a world. Amounts are whole euros, like the declaration."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("impots")


@migrations()
def create_tax_space(db):
    # The taxpayer and the state of their online space (one row). The password is the
    # persona's fictional one: what a learner types is compared with it and dropped.
    db["impots_taxpayer"].create(
        {
            "id": int,
            "numero_fiscal": str,
            "numero_acces": str,  # on page 1 of the last paper declaration
            "rfr": int,  # revenu fiscal de référence of the last avis
            "email": str,  # the persona's address (the only one the kiosk accepts)
            "password": str,
            "identity": str,  # JSON: prénom, nom, naissance, lieu, adresse, téléphone
            "status": str,  # absent | a_activer | actif
            "created_via": str,  # numeros | franceconnect
            "creation_step": str,  # none | identified (the three numbers or FranceConnect ok)
            "failed_passwords": int,
            "blocked": int,
            "connected": int,
            "connected_via": str,  # password | franceconnect
            "code_pending": int,  # password right, the temporary code still to type
            "code_failures": int,
            "activation_token": str,
            "activation_sent_at": float,  # epoch seconds: valid for 8 hours
            "activation_used": int,
            "reset_token": str,
            "reset_sent_at": float,
            "pas_rate": str,  # « 0,0 » %
            "pas_choice": str,  # personnalise | non_personnalise
        },
        pk="id",
        defaults={"status": "absent", "creation_step": "none", "failed_passwords": 0,
                  "blocked": 0, "connected": 0, "code_pending": 0, "code_failures": 0,
                  "activation_used": 0, "pas_choice": "personnalise"},
    )
    db["impots_codes"].create({"id": int, "code": str, "sent_at": float, "used": int}, pk="id",
                                defaults={"used": 0})
    # What the administration knows of the household and of last year's income (pre-fill).
    db["impots_household"].create(
        {
            "id": int,
            "situation": str,  # C, M, O, D, V
            "single_parent": int,  # case T
            "children": str,  # JSON: [{prenom, naissance (ISO)}]
            "employer": str,
            "salaries": int,  # 1AJ as the employer declared it
            "salaries_prefilled": int,  # what the declaration shows (an employer's error, maybe)
            "childcare_paid": int,  # on the crèche's certificate (tests, documents)
            "childcare_aid": int,
        },
        pk="id",
    )
    # One declaration per year of income; a correction adds a version.
    db["impots_declarations"].create(
        {
            "id": int,
            "income_year": int,
            "status": str,  # draft | signed
            "version": int,  # 0: the first; 1, 2…: corrections after signing
            "reached": str,  # the furthest step saved
            "identity_checked": int,
            "situation": str,
            "single_parent": int,
            "dependants_checked": int,
            "salaries": int,  # None until the income step is saved
            "charges": str,  # JSON list of the rubrics chosen: ["garde"]
            "childcare": str,  # JSON list of 7GA, 7GB… (whole euros), one per child under six
            "reference": str,  # the accusé de réception's number
            "signed_at": str,
            "balance": int,  # the tax (> 0) or refund (< 0) of the signed declaration
        },
        pk="id",
        defaults={"status": "draft", "version": 0, "reached": "", "identity_checked": 0,
                  "dependants_checked": 0, "charges": "[]", "childcare": "[]"},
    )
    db["impots_declarations"].create_index(["income_year", "version"], unique=True)
    # The documents of « Documents »: avis d'impôt, accusés de réception (PDF drawn on demand).
    db["impots_documents"].create(
        {
            "id": int,
            "token": str,
            "year": int,  # the tab it is under: the year it was issued
            "kind": str,  # avis | accuse | asdir
            "title": str,
            "issued_on": str,  # ISO date
            "content": str,  # JSON: what the PDF prints
        },
        pk="id",
    )
    db["impots_documents"].create_index(["token"], unique=True)
    db["impots_situation_changes"].create({"id": int, "kind": str, "day": str, "declared_on": str},
                                   pk="id")
