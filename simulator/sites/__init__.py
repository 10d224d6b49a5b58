"""The replica sites, registered from one list.

Adding a site means adding one folder (blueprint, store, migrations, seed, templates) and one
line in :func:`_load_sites`.
"""

from __future__ import annotations

import sqlite_utils
from flask import Blueprint, Flask
from sqlite_utils.migrations import Migrations

from simulator import formats
from simulator.events import declare
from simulator.site import Site

# The world's own bookkeeping (id, seed, options), present in every world.
core_migrations = Migrations("world")


@core_migrations()
def create_world_meta(db: sqlite_utils.Database) -> None:
    db["world_meta"].create({"key": str, "value": str}, pk="key")


def _load_sites() -> list[Site]:
    from simulator.sites import (
        ameli,
        arnaque,
        arnaque_impots,
        banque,
        caf,
        cookies,
        franceconnect,
        francetravail,
        gestes,
        impots,
        messagerie,
        papiers,
        telephone,
    )

    return [telephone.SITE, messagerie.SITE, papiers.SITE, cookies.SITE, gestes.SITE,
            franceconnect.SITE, banque.SITE,
            francetravail.SITE, impots.SITE, caf.SITE, arnaque.SITE, arnaque_impots.SITE,
            ameli.SITE]


SITES: list[Site] = _load_sites()
SITES_BY_NAME: dict[str, Site] = {site.name: site for site in SITES}
#: The sites a learner can open from the home page, and the devices of the kiosk bar.
LEARNER_SITES: list[Site] = [site for site in SITES if site.tile and site.default_persona]
DEVICES: list[Site] = sorted((site for site in SITES if site.device),
                             key=lambda site: site.device.order)
for _site in SITES:
    declare(_site.events)


def register(app: Flask) -> None:
    """Register every site under /sites/<name>/, plus the templates and assets they share."""
    app.register_blueprint(
        Blueprint(
            "simulator",
            "simulator",
            template_folder="templates",
            static_folder="static",
            static_url_path="/sites/static",
        )
    )
    for site in SITES:
        app.register_blueprint(site.blueprint, url_prefix=f"/sites/{site.name}")
    app.add_template_filter(formats.euros, "euros")
    app.add_template_filter(formats.date_fr, "date_fr")
