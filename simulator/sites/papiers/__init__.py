"""« Mes documents »: the persona's papers, as the learner's phone photos or scans would hold
them (a payslip, the employer's attestation, last year's tax notice, a CV…).

A device of the kiosk bar, like the phone: the learner opens a paper to read a number on it
(the numéro fiscal on the avis d'impôt), and the replicas' upload forms take a paper from here
instead of a file (« Parcourir… » opens the drawer in choosing mode). Other sites read a chosen
paper through :mod:`simulator.sites.papiers.store`, never this site's tables.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l  # noqa: F401  (the drawer's words are translated)

from simulator.events import EventSpec
from simulator.site import Device, Site
from simulator.sites.papiers.migrations import migrations
from simulator.sites.papiers.seed import personalise, seed

bp = Blueprint("papiers", __name__, template_folder="templates", static_folder="static")

EVENTS = [
    EventSpec("papiers.opened", "The learner opened « Mes documents».",
              {"count": "int: papers in the folder", "choosing": "bool: to send one to a site"}),
    EventSpec("papiers.viewed", "The learner opened one paper to read it.",
              {"paper": "str: the paper's id in the persona file, e.g. avis-impot",
               "kind": "str: its type, e.g. avis_impot, bulletin_salaire"}),
]

SITE = Site(
    name="papiers",
    title="Mes documents",
    address="",
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
    seed=seed,
    personalise=personalise,
    device=Device("papiers/partials/_papers_button.html", "papiers/partials/_papers_drawer.html",
                  order=30),
)

from simulator.sites.papiers import routes  # noqa: E402,F401  (registers the routes)
