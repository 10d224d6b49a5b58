"""What the rest of the project needs to know about one replica site."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils
from flask import Blueprint
from sqlite_utils.migrations import Migrations

from simulator.events import EventSpec

SeedFn = Callable[[sqlite_utils.Database, Any, dt.date, random.Random], None]
PersonaliseFn = Callable[[sqlite_utils.Database, random.Random], None]


@dataclass(frozen=True)
class Tile:
    """How the kiosk's home page offers the site to explore freely (in the learner's language:
    lazy_gettext strings, extracted with the kiosk's chrome)."""

    title: Any  # « Ma banque »
    text: Any  # « Voir mes comptes, faire un virement… »
    icon: str  # a name of kiosk/templates/icons.html


@dataclass(frozen=True)
class Device:
    """A device of the persona that the kiosk bar offers beside every site: the phone, the
    mailbox, « Mes documents ». Its button sits in the kiosk bar (``data-drawer-toggle``), its
    drawer (``.device-drawer``) opens beside the replica (kiosk.js)."""

    button: str  # template of the button
    drawer: str  # template of the drawer
    order: int = 0  # left to right in the kiosk bar


@dataclass
class Site:
    name: str  # "banque": URL /sites/banque/, events "banque.…"
    title: str  # the fictional brand, shown on the kiosk's home tile
    address: str  # what the simulated address bar shows, e.g. https://voscomptes.banque-citoyenne.fr
    blueprint: Blueprint
    migrations: Migrations
    events: list[EventSpec] = field(default_factory=list)
    seed: SeedFn | None = None  # fills the persona's golden database
    personalise: PersonaliseFn | None = None  # runs once per new world (random tokens…)
    default_persona: str | None = None  # the persona a learner plays when starting this site
    tile: Tile | None = None  # offered on the home page (with default_persona)
    # What the persona card shows for this site: (key of the persona's section, label). The
    # label is the replica's own word (« Identifiant », « Code postal »), lazily translated.
    card_fields: list[tuple[str, Any]] = field(default_factory=list)
    device: Device | None = None
    # Open the site as a logged-in customer (scenarios with `setup.signed_in`, and the check
    # of targets), and turn a page placeholder such as {compte:ccp} into the world's value.
    sign_in: Callable[[sqlite_utils.Database], None] | None = None
    page_placeholder: Callable[[sqlite_utils.Database, str, str], str | None] | None = None
