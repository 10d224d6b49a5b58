"""France Travail (simulation): the job seeker's online space, a fictional twin of
candidat.francetravail.fr with its own look, plainly marked as a simulation.

Reference: real-sites-and-anchors §1.2 (the legacy three-step login, the 8-step registration
train, the monthly « actualisation » with its questions in their real order and its window from
the 28th to the 15th, payments and courriers, documents, the adviser, job offers) and §1.6.
Every event below is listed for scenario authors in docs/events.md.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from simulator.site import Site, Tile
from simulator.sites.francetravail.events import EVENTS
from simulator.sites.francetravail.migrations import migrations
from simulator.sites.francetravail.seed import personalise, seed

bp = Blueprint("francetravail", __name__, template_folder="templates", static_folder="static")

SITE = Site(
    name="francetravail",
    title="France Travail (simulation)",
    address="https://candidat.francetravail-simulation.fr",
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
    seed=seed,
    personalise=personalise,
    default_persona="samir",
    tile=Tile(_l("France Travail"),
              _l("M'actualiser, voir mes paiements, envoyer un document, chercher un emploi…"),
              "briefcase"),
    # The words of the site's own login pages, so that the learner finds them there.
    card_fields=[("identifiant", _l("Identifiant")), ("mot_de_passe", _l("Mot de passe")),
                 ("code_postal", _l("Code postal")),
                 ("nir", _l("Numéro de sécurité sociale")), ("email", _l("Adresse e-mail"))],
    sign_in=lambda db: store.open_online_session(db),
    page_placeholder=lambda db, kind, key: store.page_placeholder(db, kind, key),
)

from simulator.sites.francetravail import routes, store  # noqa: E402,F401  (registers the routes)
