"""The cookie banner every replica can show, as real sites do (« Tout accepter », « Tout
refuser », « Personnaliser »).

Off unless a scenario turns it on (``setup.options: {cookies.banner: shown}``). It is drawn by
the shared replica page (simulator/site_page.html, partial ``_cookie_banner.html``), never by a
site; the world remembers the choice made on each site, like a browser keeps a consent cookie.
"""

from flask import Blueprint, g, request

from simulator.events import EventSpec
from simulator.site import Site
from simulator.sites.cookies.migrations import migrations

bp = Blueprint("cookies", __name__)

OPTION = "cookies.banner"
CHOICES = ("accept_all", "refuse_all", "custom")

EVENTS = [
    EventSpec("cookies.choice.made", "The learner answered a site's cookie banner.",
              {"site": "str: the site the banner was on, e.g. gestes or banque",
               "choice": "str: accept_all (« Tout accepter »), refuse_all (« Tout refuser ») or "
                         "custom (« Personnaliser », then « Enregistrer mes choix »)",
               "accepted": "int: how many kinds of cookies were accepted (0 to 3)"}),
]

SITE = Site(
    name="cookies",
    title="Bandeau des cookies",
    address="",
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
)


@bp.app_context_processor
def cookie_banner_context():
    def cookie_banner_site() -> str | None:
        """The site whose page asks for consent now, or None (no banner)."""
        from simulator.sites.cookies import store

        world = getattr(g, "world", None)
        site = (request.blueprint or "").split(".")[0]
        if world is None or world.option(OPTION) != "shown" or not site:
            return None
        return None if store.choice(world.db, site) else site

    return {"cookie_banner_site": cookie_banner_site}


from simulator.sites.cookies import routes  # noqa: E402,F401  (registers the routes)
