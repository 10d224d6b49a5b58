"""The e-mails the ameli account sends to the persona's mailbox (device « Messagerie »)."""

from __future__ import annotations

import sqlite_utils

from simulator.sites.ameli import rules, store
from simulator.sites.messagerie.store import deliver_mail
from simulator.world import rng

SENDER_NAME = "L'Assurance Maladie"
SENDER_ADDRESS = "ne-pas-repondre@assurance-maladie.fr"
SIGNATURE = ("Votre caisse d'assurance maladie\n"
             "Ceci est un message automatique, merci de ne pas y répondre.")


def _send(db, subject: str, body: str, topic: str, *, links=(), kind: str = "info") -> None:
    deliver_mail(db, sender_name=SENDER_NAME, sender_address=SENDER_ADDRESS, subject=subject,
                 body=body + "\n\n" + SIGNATURE, kind=kind, topic=topic, links=links)


def send_code(db: sqlite_utils.Database) -> None:
    """The security code of the second step: drawn, kept to compare, e-mailed."""
    code = f"{rng(db, 'ameli-code').randrange(1_000_000):06d}"
    store.new_code(db, code)
    _send(db, "Votre code de sécurité pour vous connecter à votre compte ameli",
          "Bonjour,\n\n"
          f"Voici votre code de sécurité : {code}\n\n"
          f"Saisissez-le sur la page de connexion de votre compte ameli. Il est valable "
          f"{rules.CODE_MINUTES} minutes.\n\n"
          "Ne communiquez jamais ce code : l'Assurance Maladie ne vous le demandera jamais, ni "
          "par téléphone, ni par SMS, ni par courriel.",
          "ameli.code", kind="code")


def send_card_ordered(db: sqlite_utils.Database, reason: str, person: dict) -> None:
    what = "le vol" if reason == "vol" else "la perte"
    _send(db, "Votre nouvelle carte Vitale est commandée",
          f"Bonjour {person['prenom']} {person['nom'].upper()},\n\n"
          f"Nous avons bien enregistré {what} de votre carte Vitale. Votre ancienne carte est "
          "désactivée : elle ne peut plus être utilisée.\n\n"
          "Votre nouvelle carte Vitale vous sera envoyée par courrier à votre adresse sous 2 à 3 "
          "semaines environ.\n\n"
          "En attendant, vous pouvez télécharger une attestation de droits dans votre compte "
          "ameli, rubrique « Mes démarches », et la présenter à vos professionnels de santé.",
          "ameli.carte_vitale", links=[f"{rules.ADDRESS}/demarches"])


def send_rib_changed(db: sqlite_utils.Database) -> None:
    _send(db, "Modification de vos coordonnées bancaires",
          "Bonjour,\n\n"
          "Vos nouvelles coordonnées bancaires ont bien été enregistrées. Vos prochains "
          "remboursements seront versés sur ce compte.\n\n"
          "Si vous n'êtes pas à l'origine de cette modification, contactez votre caisse au "
          "36 46.",
          "ameli.rib")

