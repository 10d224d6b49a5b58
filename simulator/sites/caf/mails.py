"""What the CAF sends: the verification code (SMS or e-mail), the reminder that the quarterly
declaration is due, its receipt, the link of « Mot de passe oublié »."""

from __future__ import annotations

import datetime as dt
import secrets
import time

import sqlite_utils

from simulator.formats import date_fr
from simulator.sites.caf import rules, store
from simulator.sites.messagerie import store as mailbox
from simulator.sites.messagerie.store import deliver_mail
from simulator.sites.telephone.store import deliver_sms
from simulator.world import rng

SENDER_NAME = "Caf.fr"
SENDER_ADDRESS = "ne-pas-repondre@caf.fr"
SMS_SENDER = "CAF"
SIGNATURE = "Votre Caf\nCeci est un message automatique, merci de ne pas y répondre."


def _send(db, subject: str, body: str, topic: str, *, links=(), kind: str = "info",
          received_at: str | None = None, announce: bool = True) -> str | None:
    return deliver_mail(db, sender_name=SENDER_NAME, sender_address=SENDER_ADDRESS, subject=subject,
                 body=body + "\n\n" + SIGNATURE, kind=kind, topic=topic, links=links,
                 received_at=received_at, announce=announce)


def send_code(db: sqlite_utils.Database, channel: str) -> None:
    """A new 6-digit verification code to the phone or the mailbox (only its hash is kept)."""
    code = f"{rng(db, 'caf-code').randrange(1_000_000):06d}"
    store.new_code(db, code)
    if channel == "sms":
        deliver_sms(db, SMS_SENDER, f"Caf : votre code de vérification est {code}. Il est "
                    "valable 10 minutes. Ne le communiquez à personne.", "code")
    else:
        _send(db, "Votre code de vérification",
              "Bonjour,\n\n"
              f"Votre code de vérification pour accéder à votre espace Mon Compte est : {code}"
              "\n\nCe code est valable 10 minutes. Ne le communiquez à personne : la Caf ne "
              "vous le demandera jamais par téléphone.",
              "caf.code", kind="code")


def send_reminder(db: sqlite_utils.Database, quarter: rules.Quarter, *,
                  received_at: str) -> None:
    link = f"{rules.ADDRESS}/"
    token = _send(db, "Votre déclaration trimestrielle de ressources est à faire",
          "Bonjour,\n\n"
          "Pour continuer à percevoir la prime d'activité, vous devez déclarer vos ressources "
          f"de {quarter.label}.\n\n"
          f"Faites votre déclaration avant le {date_fr(quarter.deadline)} sur caf.fr, "
          "rubrique « Mon Compte », « Déclarer mes ressources trimestrielles » :\n\n"
          f"{link}\n\n"
          "Sans déclaration, votre prime d'activité ne pourra pas être calculée.",
          "caf.rappel", links=[link], received_at=received_at, announce=False)
    # Already opened: an unread e-mail's banner would cover every page of the exercise, and the
    # site's own notification (« Vous avez une déclaration à faire ») announces it, as caf.fr does.
    if token:
        mailbox.mark_read(db, mailbox.mail(db, token)["id"])


def send_receipt(db: sqlite_utils.Database, quarter: rules.Quarter, reference: str,
                 sent_at: dt.datetime, *, announce: bool = True) -> None:
    _send(db, "Confirmation de votre déclaration trimestrielle de ressources",
          "Bonjour,\n\n"
          f"Nous avons bien reçu votre déclaration de ressources de {quarter.label}, faite le "
          f"{date_fr(sent_at.date())} à {sent_at:%H:%M}.\n\n"
          f"Numéro de la déclaration : {reference}\n\n"
          "Votre justificatif est disponible dans Mon Compte, rubrique « Déclarer mes "
          "ressources trimestrielles ».",
          "caf.declaration", received_at=None if announce else sent_at.isoformat(
              timespec="seconds"), announce=announce)


def send_reset(db: sqlite_utils.Database) -> None:
    token = secrets.token_urlsafe(18)
    store.update_allocataire(db, reset_token=token, reset_sent_at=time.time())
    link = f"{rules.ADDRESS}/mot-de-passe/{token}"
    _send(db, "Mot de passe oublié",
          "Bonjour,\n\n"
          "Vous avez demandé à changer le mot de passe de votre espace Mon Compte.\n\n"
          f"Pour choisir un nouveau mot de passe, cliquez sur ce lien (valable 24 heures) :\n\n"
          f"{link}\n\n"
          "Si vous n'êtes pas à l'origine de cette demande, ne tenez pas compte de ce message.",
          "caf.mot_de_passe", links=[link])
