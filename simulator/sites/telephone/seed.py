"""The phone of the persona: its number and the messages already on it."""

from __future__ import annotations

import datetime as dt
import random

import sqlite_utils
from pydantic import BaseModel, ConfigDict


class OldMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sender: str
    body: str
    days_ago: int
    kind: str = "info"


class PhoneProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    numero: str
    messages: list[OldMessage] = []


def seed(db: sqlite_utils.Database, persona, day: dt.date, rng: random.Random) -> None:
    profile = PhoneProfile.model_validate(persona.section("telephone"))
    db["phone"].insert({"id": 1, "number": profile.numero, "owner": persona.identite.full_name})
    for message in profile.messages:
        when = dt.datetime.combine(day - dt.timedelta(days=message.days_ago), dt.time(9, 12))
        db["sms"].insert(
            {
                "sender": message.sender,
                "body": message.body,
                "kind": message.kind,
                "received_at": when.isoformat(timespec="minutes"),
                "read": 1,
            }
        )
