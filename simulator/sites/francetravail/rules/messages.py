"""Writing to the adviser: the subjects of the list, the checks, and the adviser's replies.

France Travail commits to answer within 48 hours (reference §1.2.6); the exact list of subjects
is UNVERIFIED there, so it follows what job seekers write about. The simulated reply arrives
« later in the session » (FRANCETRAVAIL_REPLY_SECONDS, or the world option
``francetravail.reply_seconds``).
"""

from __future__ import annotations

BODY_MAX_LENGTH = 1000

SUBJECTS = {
    "actualisation": "Mon actualisation",
    "paiement": "Le paiement de mon allocation",
    "rendez-vous": "Un rendez-vous",
    "inscription": "Mon inscription ou ma réinscription",
    "documents": "L'envoi de documents",
    "formation": "Une formation",
    "situation": "Un changement de situation",
    "emploi": "Ma recherche d'emploi",
    "autre": "Autre demande",
}

MESSAGES = {
    "subject_missing": "Veuillez choisir l'objet de votre message.",
    "unknown_subject": "Veuillez choisir l'objet dans la liste.",
    "body_missing": "Veuillez saisir votre message.",
    "body_too_long": f"Votre message ne doit pas dépasser {BODY_MAX_LENGTH} caractères.",
}

_ANSWERS = {
    "actualisation": "Votre actualisation se fait chaque mois, du 28 au 15 du mois suivant, "
                     "dans « Je m'actualise ». Pensez à déclarer les heures travaillées.",
    "paiement": "Votre allocation est versée au début de chaque mois, après votre "
                "actualisation. Vous trouverez le détail dans « Mes paiements ».",
    "rendez-vous": "Je vous propose de faire le point lors de notre prochain rendez-vous. "
                   "Vous en trouverez la date sur votre tableau de bord.",
    "documents": "J'ai bien reçu votre demande. Les documents envoyés sont traités sous "
                 "quelques jours : vous pouvez suivre leur état dans « Envoyer un document ».",
}
_DEFAULT = "J'ai bien pris connaissance de votre message. Je reviens vers vous rapidement ; " \
           "nous en parlerons aussi lors de notre prochain rendez-vous."


def problem(subject: str, body: str) -> str | None:
    if not subject:
        return "subject_missing"
    if subject not in SUBJECTS:
        return "unknown_subject"
    if not body.strip():
        return "body_missing"
    if len(body) > BODY_MAX_LENGTH:
        return "body_too_long"
    return None


def reply(subject: str, civilite: str, last_name: str, adviser: str) -> str:
    title = "Madame" if civilite.upper().startswith("MME") else "Monsieur"
    signature = adviser.split(" ", 1)[-1].title()
    return (f"Bonjour {title} {last_name}, {_ANSWERS.get(subject, _DEFAULT)} "
            f"Bien cordialement, {signature}, votre conseiller(ère) France Travail.")
