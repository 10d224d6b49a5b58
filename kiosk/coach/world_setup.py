"""The world an exercise starts in: created on the scenario's date, prepared as its ``setup``
says (messages already on the phone, the learner already logged in…).

One place for the exercise on the kiosk and for ``scenarios check``, so that what the check
looks at is what the learner gets.
"""

from __future__ import annotations

from flask import current_app

from kiosk.coach.model import Scenario
from simulator import clock
from simulator.sites import SITES_BY_NAME
from simulator.sites.messagerie.store import deliver_mail
from simulator.sites.telephone.store import deliver_sms
from simulator.world import World, bound_to


def prepare_world(scenario: Scenario, *, seed: int | None = None) -> World:
    """A new world for ``scenario``, set up and closed (the caller binds it to a session)."""
    worlds = current_app.extensions["pasapas.worlds"]
    setup = scenario.setup
    world = worlds.create(scenario.persona, day=setup.world_date(clock.real_today()), seed=seed,
                          options=setup.options)
    with bound_to(world):  # what the setup writes is dated on the world's own day
        for sms in setup.sms:
            deliver_sms(world.db, sms.sender, sms.body, sms.kind, sms.link)
        for mail in setup.mails:
            deliver_mail(world.db, sender_name=mail.sender_name,
                         sender_address=mail.sender_address, subject=mail.subject,
                         body=mail.body, kind=mail.kind, topic=mail.topic, links=mail.links,
                         folder=mail.folder)
        site = SITES_BY_NAME.get(scenario.site)
        if setup.signed_in and site and site.sign_in:
            site.sign_in(world.db)
    world.close()
    return world
