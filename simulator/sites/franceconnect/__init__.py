"""FranceConnect: the State's shared login, simulated once for every replica.

A service plugs in with a few lines (docs/architecture.md « FranceConnect »)::

    from simulator.sites import franceconnect as fc
    fc.register_service(fc.Service("caf", "caf.fr", "caf.franceconnect_return",
                                   "caf.logged_out", providers=("impots", "ameli", …)))
    # its « S'identifier avec FranceConnect »: redirect to fc.start(db, "caf")
    # its return endpoint: fc.finish(db, "caf", state, code) → Identity, or Refused(.url)

Pages: « Je choisis un compte pour me connecter sur … », the provider's login (a replica's own
login page when one acts as the provider, else a simulated one), « Continuer sur … », the error
pages, « Voulez-vous aussi vous déconnecter de FranceConnect ? ». Our own drawing, never the
official button or logo (reference §4.3).
"""

from flask import Blueprint

from simulator.events import EventSpec
from simulator.site import Site
from simulator.sites.franceconnect.flow import (  # noqa: F401  (the API of the services)
    Refused,
    finish,
    logout_url,
    pending,
    provider_authenticated,
    start,
)
from simulator.sites.franceconnect.migrations import migrations
from simulator.sites.franceconnect.registry import (  # noqa: F401
    Identity,
    Provider,
    Service,
    register_provider,
    register_service,
)
from simulator.sites.franceconnect.seed import seed

bp = Blueprint("franceconnect", __name__, template_folder="templates", static_folder="static")

_SERVICE = "str: the service the learner logs in to, e.g. impots"
_PROVIDER = "str: impots, ameli, laposte, msa, france_identite or yris"

EVENTS = [
    EventSpec("franceconnect.choice.viewed",
              "« Je choisis un compte pour me connecter sur … » was displayed.",
              {"service": _SERVICE}),
    EventSpec("franceconnect.provider.chosen", "The learner chose a provider that can be used.",
              {"service": _SERVICE, "provider": _PROVIDER}),
    EventSpec("franceconnect.provider.unavailable",
              "The learner chose a provider that cannot be used now (momentarily unavailable, "
              "or an application on a phone only).",
              {"service": _SERVICE, "provider": _PROVIDER}),
    EventSpec("franceconnect.provider.login_failed", "The provider refused the identifiers typed.",
              {"provider": _PROVIDER,
               "reason": "str: empty, format, wrong_password, no_account, blocked"}),
    EventSpec("franceconnect.provider.login_succeeded", "The provider identified the learner.",
              {"provider": _PROVIDER}),
    EventSpec("franceconnect.consent.viewed",
              "« Vous allez vous connecter en tant que … » was displayed.",
              {"service": _SERVICE, "provider": _PROVIDER}),
    EventSpec("franceconnect.returned",
              "FranceConnect sent the learner back to the service, which accepted the identity.",
              {"service": _SERVICE, "provider": _PROVIDER}),
    EventSpec("franceconnect.return.refused",
              "A return to the service was refused (FranceConnect's error page).",
              {"service": _SERVICE,
               "reason": "str: missing, unknown_state (forged or another session's), "
                         "wrong_service, wrong_code, replayed, expired, not_authenticated"}),
    EventSpec("franceconnect.logout",
              "The learner answered « Voulez-vous aussi vous déconnecter de FranceConnect ? ».",
              {"service": _SERVICE, "also_franceconnect": "bool: yes, log out of it too"}),
]

SITE = Site(
    name="franceconnect",
    title="FranceConnect",
    address="https://app.franceconnect.gouv.fr",
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
    seed=seed,
)

from simulator.sites.franceconnect import routes  # noqa: E402,F401  (registers the routes)
