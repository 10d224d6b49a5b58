"""The persona's mailbox: its address and the e-mails already in it (section ``messagerie``)."""

from __future__ import annotations

import datetime as dt
import random
import secrets

import sqlite_utils
from pydantic import BaseModel, ConfigDict, Field

from simulator.sites.papiers.seed import resolve


class OldMail(BaseModel):
    model_config = ConfigDict(extra="forbid")

    de: str  # the sender's name
    adresse: str  # the sender's address
    objet: str
    texte: str  # may hold relative dates: {annee:-1}, {mois:-1}
    il_y_a_jours: int = Field(ge=0)
    lu: bool = True


class MailboxProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    adresse: str
    courriels: list[OldMail] = []


def seed(db: sqlite_utils.Database, persona, day: dt.date, rng: random.Random) -> None:
    profile = MailboxProfile.model_validate(persona.section("messagerie"))
    db["mailbox"].insert({"id": 1, "address": profile.adresse,
                          "owner": persona.identite.full_name})
    for position, mail in enumerate(profile.courriels):
        when = dt.datetime.combine(day - dt.timedelta(days=mail.il_y_a_jours), dt.time(8, 41))
        db["mails"].insert({
            "token": f"seed-{position}",
            "sender_name": mail.de,
            "sender_address": mail.adresse,
            "subject": resolve(mail.objet, day),
            "body": resolve(mail.texte, day),
            "received_at": when.isoformat(timespec="seconds"),
            "read": int(mail.lu),
        })


def personalise(db: sqlite_utils.Database, rng: random.Random) -> None:
    """A mail's token seen in one learner's world means nothing in another's."""
    for (mail_id,) in db.execute("SELECT id FROM mails").fetchall():
        db.execute("UPDATE mails SET token = ? WHERE id = ?", [secrets.token_urlsafe(12), mail_id])
