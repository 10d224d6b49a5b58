"""A look-alike of the bank, at a wrong address: where the scam SMS of the exercises leads.

It copies the bank's look and asks for the identifiant, the secret code and the code received
by SMS, like real phishing pages do. Nothing typed on it is ever sent: its fields have no name;
the page only learns whether something was typed. The lesson is to read the address bar.
"""

from flask import Blueprint
from sqlite_utils.migrations import Migrations

from simulator.events import EventSpec
from simulator.site import Site

bp = Blueprint("arnaque", __name__, template_folder="templates", static_folder="static")

EVENTS = [
    EventSpec("arnaque.page.viewed", "The learner opened the look-alike site (from a scam SMS).",
              {}),
    EventSpec("arnaque.form.submitted",
              "The learner sent the look-alike site's form (gave their codes to the scammers).",
              {"filled": "bool: something was typed in the fields"}),
]

SITE = Site(
    name="arnaque",
    title="Faux site (arnaque)",
    address="https://bq-citoyenne-securite.com",
    blueprint=bp,
    migrations=Migrations("arnaque"),
    events=EVENTS,
)

from simulator.sites.arnaque import routes  # noqa: E402,F401  (registers the routes)
