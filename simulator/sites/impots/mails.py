"""The e-mails the tax space sends to the persona's mailbox (device « Messagerie »)."""

from __future__ import annotations

import sqlite_utils

from simulator.sites.impots import store
from simulator.sites.impots.rules import ACTIVATION_HOURS, ADDRESS
from simulator.sites.messagerie.store import deliver_mail
from simulator.world import rng

SENDER_NAME = "impots.gouv.fr"
SENDER_ADDRESS = "ne-pas-repondre@dgfip.finances.gouv.fr"
SIGNATURE = ("La Direction générale des Finances publiques\n"
             "Ceci est un message automatique, merci de ne pas y répondre.")


def _send(db, subject: str, body: str, topic: str, *, links=(), kind: str = "info",
          received_at: str | None = None, announce: bool = True) -> str | None:
    return deliver_mail(db, sender_name=SENDER_NAME, sender_address=SENDER_ADDRESS,
                        subject=subject, body=body + "\n\n" + SIGNATURE, kind=kind, topic=topic,
                        links=links, received_at=received_at, announce=announce)


def send_activation(db: sqlite_utils.Database, *, sent_at: float | None = None,
                    received_at: str | None = None, announce: bool = True) -> str:
    token = store.new_activation(db, sent_at)
    link = f"{ADDRESS}/activation/{token}"
    person = store.taxpayer(db)["person"]
    _send(db, "Activation de votre espace particulier",
          f"Bonjour {person['prenom']} {person['nom'].upper()},\n\n"
          "Vous venez de créer votre espace particulier sur impots.gouv.fr.\n\n"
          f"Pour l'activer, cliquez sur le lien ci-dessous dans un délai de {ACTIVATION_HOURS} "
          "heures :\n\n"
          f"{link}\n\n"
          "Passé ce délai, vous devrez recommencer la création de votre espace.\n\n"
          "Si vous n'êtes pas à l'origine de cette demande, ne tenez pas compte de ce courriel.",
          "impots.activation", links=[link], received_at=received_at, announce=announce)
    return token


def send_reset(db: sqlite_utils.Database) -> str:
    token = store.new_reset(db)
    link = f"{ADDRESS}/mot-de-passe/{token}"
    _send(db, "Réinitialisation de votre mot de passe",
          "Bonjour,\n\n"
          "Vous avez demandé à réinitialiser le mot de passe de votre espace particulier.\n\n"
          "Pour choisir un nouveau mot de passe, cliquez sur le lien ci-dessous :\n\n"
          f"{link}\n\n"
          "Ce lien ne peut servir qu'une seule fois.\n\n"
          "Si vous n'êtes pas à l'origine de cette demande, ne tenez pas compte de ce courriel.",
          "impots.mot_de_passe", links=[link])
    return token


def send_code(db: sqlite_utils.Database) -> None:
    code = f"{rng(db, 'impots-code').randrange(1_000_000):06d}"
    store.new_code(db, code)
    _send(db, "Votre code de sécurité",
          "Bonjour,\n\n"
          f"Voici votre code de sécurité pour accéder à votre espace particulier : {code}\n\n"
          "Ce code est valable 10 minutes. Ne le communiquez à personne : l'administration "
          "fiscale ne vous le demandera jamais.",
          "impots.code", kind="code")


def send_accuse(db: sqlite_utils.Database, *, income_year: int, reference: str,
                signed_on: str, correction: bool, received_at: str | None = None,
                announce: bool = True) -> None:
    what = "la correction de votre déclaration" if correction else "votre déclaration"
    link = f"{ADDRESS}/documents"
    _send(db, f"Accusé de réception de votre déclaration de revenus {income_year}",
          "Bonjour,\n\n"
          f"Nous avons bien reçu {what} des revenus de {income_year}, signée en ligne le "
          f"{signed_on}.\n\n"
          f"Numéro d'accusé de réception : {reference}\n\n"
          "Conservez ce courriel. Votre accusé de réception est aussi dans votre espace "
          "particulier, rubrique « Documents » :\n\n"
          f"{link}",
          "impots.accuse", links=[link], received_at=received_at, announce=announce)


def send_email_changed(db: sqlite_utils.Database) -> None:
    _send(db, "Modification de votre adresse électronique",
          "Bonjour,\n\n"
          "L'adresse électronique de votre espace particulier a bien été enregistrée.\n\n"
          "Si vous n'êtes pas à l'origine de cette modification, contactez votre centre des "
          "Finances publiques.",
          "impots.profil")
