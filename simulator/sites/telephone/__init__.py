"""The learner's simulated phone: the SMS the sites send (security codes, alerts, scams).

It opens as a drawer on the kiosk screen, beside the replica. Sites deliver messages with
:func:`simulator.sites.telephone.store.deliver_sms`.
"""

from flask import Blueprint

from simulator.events import EventSpec
from simulator.site import Device, Site
from simulator.sites.telephone.migrations import migrations
from simulator.sites.telephone.seed import seed

bp = Blueprint("telephone", __name__, template_folder="templates")

EVENTS = [
    EventSpec("telephone.opened", "The learner opened the phone drawer.", {"unread": "int"}),
    EventSpec(
        "telephone.sms.received",
        "A site sent an SMS to the phone.",
        {"sender": "str", "kind": "str: code, info or scam"},
    ),
    EventSpec(
        "telephone.sms.read",
        "The learner opened an SMS.",
        {"sender": "str", "kind": "str: code, info or scam"},
    ),
    EventSpec(
        "telephone.sms.deleted",
        "The learner deleted an SMS.",
        {"sender": "str", "kind": "str: code, info or scam"},
    ),
    EventSpec(
        "telephone.sms.reported",
        "The learner reported an SMS as a scam (signaler comme indésirable).",
        {"sender": "str", "kind": "str: code, info or scam"},
    ),
]

SITE = Site(
    name="telephone",
    title="Mon téléphone",
    address="",
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
    seed=seed,
    device=Device("telephone/partials/_phone_button.html",
                  "telephone/partials/_phone_drawer.html", order=10),
)

from simulator.sites.telephone import routes  # noqa: E402,F401  (registers the routes)
