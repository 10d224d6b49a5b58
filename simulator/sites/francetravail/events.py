"""What France Travail (simulation) reports about the learner's actions (docs/events.md)."""

from simulator.events import EventSpec

_WHY = "str: why, e.g. "

EVENTS = [
    # Access: identifiant (or e-mail), then password, then postal code
    EventSpec("francetravail.login.viewed", "A login page was displayed.",
              {"step": "str: identifiant, password or postal_code",
               "mode": "str: identifiant (legacy, 7 digits and a letter) or email"}),
    EventSpec("francetravail.login.failed", "A login step was refused.",
              {"step": "str: identifiant, password or postal_code",
               "reason": "str: identifiant_format, identifiant_unknown, email_format, "
                         "email_unknown, password_empty, wrong_password, postal_code_format, "
                         "wrong_postal_code, blocked, step_missing",
               "attempts_left": "int: wrong passwords left before the lock-out"}),
    EventSpec("francetravail.login.blocked", "Too many wrong passwords: the space is locked.", {}),
    EventSpec("francetravail.login.succeeded", "The three steps passed: the learner is in.",
              {"mode": "str: identifiant or email"}),
    EventSpec("francetravail.logout", "The learner tapped « Se déconnecter ».", {}),
    EventSpec("francetravail.identifiant.recovered",
              "« Identifiant oublié »: the identifiant was sent by SMS.", {}),
    EventSpec("francetravail.identifiant.recovery_failed", "« Identifiant oublié » was refused.",
              {"reason": _WHY + "nir_empty, nir_length, nir_characters, nir_key, "
                                "nir_real_looking, birth_date_invalid, no_match"}),
    EventSpec("francetravail.password.code_sent",
              "« Mot de passe oublié »: a code was sent by SMS.", {}),
    EventSpec("francetravail.password.reset_failed", "A step of « Mot de passe oublié » refused.",
              {"reason": _WHY + "identifiant_format, identifiant_unknown, wrong_code, "
                                "no_code, password_format, passwords_differ"}),
    EventSpec("francetravail.password.changed", "A new password was chosen (the space unlocks).",
              {}),
    # The dashboard
    EventSpec("francetravail.dashboard.viewed", "The « Tableau de bord » was displayed.",
              {"registered": "bool: registered as a job seeker",
               "window_open": "bool: the monthly actualisation is open",
               "declared": "bool: this month's actualisation is done",
               "unread_courriers": "int", "unread_messages": "int"}),
    # The monthly actualisation
    EventSpec("francetravail.actualisation.viewed", "The learner opened « Je m'actualise ».",
              {"state": "str: open, closed (outside the 28th–15th), done (already declared) "
                        "or not_registered"}),
    EventSpec("francetravail.actualisation.rejected", "An answer of the actualisation refused.",
              {"page": "int: 1 (formation), 2 (the situation) or 3 (confirmation)",
               "question": "str: formation, travail, heures, salaire, stage, maladie, "
                           "maternite, retraite, invalidite, recherche, motif, or ''",
               "reason": _WHY + "unanswered, hours_format, hours_zero, hours_too_many, "
                                "salary_format, salary_zero, date_format, date_future, "
                                "date_order, motif_missing, window_closed, already_declared, "
                                "step_missing"}),
    EventSpec("francetravail.actualisation.reviewed",
              "The summary of the answers was displayed (before « Confirmer »).",
              {"training": "bool", "worked": "bool", "hours": "int: hours worked, or 0",
               "salary": "float: gross salary in euros, or 0", "internship": "bool",
               "sick": "bool", "maternity": "bool", "retirement": "bool",
               "invalidity": "bool", "still_searching": "bool"}),
    EventSpec("francetravail.actualisation.confirmed", "The declaration was sent (receipt shown).",
              {"period": "str: YYYY-MM, the month declared", "training": "bool",
               "worked": "bool", "hours": "int", "salary": "float", "internship": "bool",
               "sick": "bool", "maternity": "bool", "retirement": "bool",
               "invalidity": "bool", "still_searching": "bool: false ends the registration"}),
    EventSpec("francetravail.actualisation.receipt_downloaded",
              "The receipt of a declaration was downloaded as a PDF.", {}),
    # The registration (« S'inscrire, se réinscrire »)
    EventSpec("francetravail.registration.viewed", "The registration's first page was shown.",
              {"state": "str: new, draft (one to resume), done, or registered (already)"}),
    EventSpec("francetravail.registration.started", "A new registration was begun.", {}),
    EventSpec("francetravail.registration.resumed",
              "A registration left earlier was opened again, with what was typed.",
              {"step": "int: the step it resumes at (1–8)"}),
    EventSpec("francetravail.registration.step_saved", "A step was validated (« Suivant »).",
              {"step": "int: 1–8", "name": "str: the step's title, e.g. Mes expériences"}),
    EventSpec("francetravail.registration.rejected", "A step's answers were refused.",
              {"step": "int", "field": "str: the first field at fault",
               "reason": _WHY + "missing, format, too_long, date_future, date_order, "
                                "nir_key, nir_real_looking, iban_check…"}),
    EventSpec("francetravail.registration.refused",
              "A forged or replayed step was turned away kindly.",
              {"reason": _WHY + "not_started, step_not_reached, stale_form, already_done"}),
    EventSpec("francetravail.registration.completed",
              "« Valider mon inscription »: registered, appointment booked.",
              {"appointment": "str: YYYY-MM-DD HH:MM", "motive": "str: the motif chosen"}),
    EventSpec("francetravail.registration.attestation_downloaded",
              "The « Attestation d'inscription » was downloaded as a PDF.", {}),
    # Payments and courriers
    EventSpec("francetravail.payments.viewed", "« Mes paiements » was displayed.", {}),
    EventSpec("francetravail.courriers.viewed", "« Mes courriers » was displayed.",
              {"unread_only": "bool: the « Non lus » filter is on"}),
    EventSpec("francetravail.courrier.opened", "A courrier was opened (page or PDF).",
              {"kind": "str: avis_paiement, attestation_inscription, notification_droits, "
                       "convocation, information",
               "months_ago": "int: 0 = this month, 1 = last month",
               "latest": "bool: the newest courrier of its kind", "pdf": "bool"}),
    # Sending a document
    EventSpec("francetravail.document.form_viewed", "« Envoyer un document » was displayed.", {}),
    EventSpec("francetravail.document.rejected", "A document was refused.",
              {"reason": _WHY + "type_missing, unknown_type, period_missing, unknown_period, "
                                "file_missing, unknown_file, format, too_large, same_file, "
                                "period_taken",
               "document_type": "str: the type chosen, or ''",
               "paper_kind": "str: the kind of the persona's paper chosen, or ''"}),
    EventSpec("francetravail.document.sent", "A document was sent (« en cours de traitement »).",
              {"document_type": "str: attestation_employeur, bulletin_salaire, arret_travail, "
                                "identite, rib, domicile, autre",
               "paper_kind": "str: the kind of the persona's paper, e.g. attestation_employeur",
               "format": "str: PDF, JPG or PNG",
               "period_matches": "bool: the paper covers the work period chosen",
               "employer": "str: the work period's employer, or ''"}),
    # The adviser
    EventSpec("francetravail.messages.viewed", "The messages with the adviser were listed.",
              {"unread": "int"}),
    EventSpec("francetravail.message.rejected", "A message to the adviser was refused.",
              {"reason": _WHY + "subject_missing, unknown_subject, body_missing, body_too_long"}),
    EventSpec("francetravail.message.sent", "A message was sent to the adviser.",
              {"subject": "str: the subject chosen in the list"}),
    EventSpec("francetravail.message.reply_arrived",
              "The adviser's reply arrived (an SMS announces it).", {"subject": "str"}),
    EventSpec("francetravail.message.reply_read", "The learner opened the adviser's reply.",
              {"subject": "str"}),
    # Job offers
    EventSpec("francetravail.offers.searched", "A search of « Offres d'emploi » was run.",
              {"keywords": "str: as typed", "place": "str: as typed",
               "place_known": "bool", "radius_km": "int: 0 when no place",
               "contract": "str: the contract filter, or ''", "results": "int"}),
    EventSpec("francetravail.offer.viewed", "An offer's detail was displayed.",
              {"reference": "str", "title": "str", "contract": "str",
               "distance_km": "int: from the persona's home"}),
    EventSpec("francetravail.application.rejected", "« Postuler » was refused.",
              {"reason": _WHY + "cv_missing, unknown_file, format, too_large, message_too_long, "
                                "already_applied, no_draft"}),
    EventSpec("francetravail.application.reviewed",
              "The summary of an application was displayed (before « Envoyer »).",
              {"reference": "str", "paper_kind": "str: e.g. cv"}),
    EventSpec("francetravail.application.sent", "An application was sent to the employer.",
              {"reference": "str", "title": "str", "contract": "str",
               "distance_km": "int: from the persona's home", "paper_kind": "str: e.g. cv"}),
]
