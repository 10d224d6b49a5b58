"""Schema of France Travail (simulation) inside a world. Every table starts with ``ft_`` (the
world holds every site's tables). Money is integer cents, days are ISO dates."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("francetravail")


@migrations()
def create_francetravail(db):
    # The job seeker and the state of their online access (one row).
    db["ft_account"].create(
        {
            "id": int,
            "identifiant": str,  # « 7 chiffres et une lettre », on the persona card
            "email": str,  # the e-mail style login (world option francetravail.connexion)
            "password": str,  # the persona's fictional password (never what was typed)
            "password_hash": str,  # after « Mot de passe oublié »: a hash, never the text
            "postal_code": str,
            "nir": str,  # the persona's fictional numéro de sécurité sociale (15 characters)
            "civilite": str,
            "first_name": str,
            "last_name": str,
            "birth_date": str,
            "address": str,  # JSON list of lines
            "phone": str,
            "adviser": str,  # « Mme Nadia PERRIN »
            "agency": str,  # JSON list: name, then address lines
            "registered": int,  # registered as a job seeker
            "registered_on": str,
            "ended_on": str,  # the registration ended (a « Non » to « toujours à la recherche »)
            "daily_gross_cents": int,  # the ARE's daily amount
            "prefill": str,  # JSON: the persona's answers to registration steps 1–4
            "login_step": str,  # "", "password", "postal_code": where the login stands
            "login_mode": str,
            "failed_passwords": int,
            "blocked": int,
            "connected": int,
        },
        pk="id",
        defaults={"registered": 1, "failed_passwords": 0, "blocked": 0, "connected": 0,
                  "login_step": "", "login_mode": "identifiant"},
    )
    # Codes sent by SMS (« Mot de passe oublié »).
    db["ft_codes"].create({"id": int, "purpose": str, "code": str, "created_at": float,
                           "failures": int, "used": int}, pk="id",
                          defaults={"failures": 0, "used": 0})
    # Monthly declarations: the ones already made, and the one being answered (a draft).
    db["ft_declarations"].create(
        {
            "id": int,
            "period": str,  # YYYY-MM, the month declared
            "status": str,  # draft | done
            "answers": str,  # JSON: formation, travail, heures, salaire, …, recherche
            "page": int,  # the draft's page: 1, 2 or 3 (summary)
            "declared_at": str,  # ISO date-time
            "reference": str,
        },
        pk="id",
    )
    db["ft_declarations"].create_index(["period"], unique=True)
    db["ft_payments"].create(
        {
            "id": int,
            "token": str,
            "month": str,  # YYYY-MM the allocation is for
            "allocation": str,  # ARE
            "days": int,
            "gross_cents": int,
            "pension_cents": int,  # participation retraite complémentaire
            "csg_cents": int,  # CSG + CRDS
            "net_cents": int,
            "paid_on": str,
        },
        pk="id",
    )
    db["ft_courriers"].create(
        {
            "id": int,
            "token": str,
            "day": str,
            "kind": str,  # avis_paiement, attestation_inscription, notification_droits, …
            "subject": str,
            "channel": str,  # « Courrier électronique » / « Courrier papier »
            "read": int,
            "payment_id": int,
            "lines": str,  # JSON: the letter's paragraphs
        },
        pk="id",
        defaults={"read": 0},
    )
    db["ft_courriers"].create_index(["token"], unique=True)
    # Work periods France Travail knows of, and the documents sent for them.
    db["ft_work_periods"].create(
        {"id": int, "token": str, "employer": str, "job": str, "start": str, "end": str,
         "kind": str, "position": int},
        pk="id",
    )
    db["ft_documents"].create(
        {
            "id": int,
            "type": str,  # attestation_employeur, bulletin_salaire, …
            "work_period_id": int,
            "paper_token": str,  # the paper of « Mes documents » (None when seeded)
            "file_name": str,
            "sent_on": str,
            "status": str,  # « En cours de traitement », « Reçu »
        },
        pk="id",
    )
    db["ft_messages"].create(
        {
            "id": int,
            "token": str,
            "thread": int,  # the first message of the conversation
            "subject": str,
            "author": str,  # moi | conseiller
            "body": str,
            "sent_at": str,  # ISO date-time, as shown
            "visible_at": float,  # epoch: the adviser's reply « arrives » then
            "arrived": int,  # the reply was announced (SMS, unread mark)
            "read": int,
        },
        pk="id",
        defaults={"arrived": 1, "read": 1},
    )
    db["ft_messages"].create_index(["token"], unique=True)
    db["ft_appointments"].create(
        {"id": int, "day": str, "time": str, "subject": str, "place": str}, pk="id")
    db["ft_offers"].create(
        {
            "id": int,
            "reference": str,
            "title": str,
            "company": str,
            "commune": str,
            "department": str,
            "latitude": float,
            "longitude": float,
            "contract": str,  # one of the real labels: « CDI tout public », « Mission d'intérim »…
            "duration": str,
            "qualification": str,
            "sector": str,
            "published_on": str,
            "salary": str,
            "hours": str,
            "description": str,
            "experience": str,
            "skills": str,  # JSON list
            "training": str,
        },
        pk="id",
    )
    db["ft_offers"].create_index(["reference"], unique=True)
    db["ft_applications"].create(
        {"id": int, "offer_id": int, "paper_token": str, "file_name": str, "paper_kind": str,
         "message": str, "status": str, "sent_at": str},  # status: draft | sent
        pk="id",
    )
    # The registration being filled in (one row): its answers per step, kept and resumable.
    db["ft_registration"].create(
        {
            "id": int,
            "status": str,  # draft | done
            "step_reached": int,  # the furthest step the learner may open
            "revision": int,  # rises at every validated step: a replayed form is stale
            "data": str,  # JSON {step: {field: value}}: what each validated step holds
            "typed": str,  # JSON {step: {field: value}}: typed but not yet validated
            "started_at": str,
            "completed_at": str,
            "appointment": str,
        },
        pk="id",
    )
