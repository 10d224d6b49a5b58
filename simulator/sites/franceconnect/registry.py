"""Who plugs into FranceConnect: the services (a site's login offers « S'identifier avec
FranceConnect ») and the identity providers (the accounts a learner can log in with).

Pure data, filled at import time by the sites themselves (``register_service`` in a site's
``__init__.py``). See docs/architecture.md « FranceConnect » for the few lines a site adds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The message FranceConnect shows under a provider the service does not accept.
NOT_FOR_THIS_SERVICE = "Non disponible sur ce service"


@dataclass(frozen=True)
class Provider:
    """An identity provider (« fournisseur d'identité ») shown on the choice page.

    ``login_endpoint``: a replica's own login page that acts as the provider (the tax space for
    « impots.gouv »); it receives ``?interaction=<state>`` and, once the learner is identified,
    calls :func:`simulator.sites.franceconnect.provider_authenticated`. Without one, FranceConnect
    simulates the provider's login page itself, with the persona's fictional account (section
    ``franceconnect.comptes.<key>`` of the persona file).
    """

    key: str  # "ameli": what events and the persona file name
    name: str  # as the choice page writes it: « ameli.fr »
    address: str  # what the address bar shows on its simulated login page
    login_label: str = "Identifiant"  # the simulated login's first field
    login_hint: str = ""
    login_endpoint: str | None = None
    down: bool = False  # momentarily unavailable: the choice page says so when tapped
    app_only: bool = False  # logs in with a phone application only (France Identité)


@dataclass(frozen=True)
class Service:
    """A service (« fournisseur de service ») that offers FranceConnect on its login page.

    ``return_endpoint`` receives ``?code=…&state=…`` and calls ``finish``; ``logged_out_endpoint``
    is where the learner lands after « also log out of FranceConnect? ».
    """

    key: str  # "impots": the site's name
    name: str  # « Je choisis un compte pour me connecter sur » <name>
    return_endpoint: str
    logged_out_endpoint: str
    providers: tuple[str, ...]  # the providers offered; the others are shown as unavailable
    explain: str = ""  # a line under the service's name on the choice page


SERVICES: dict[str, Service] = {}
PROVIDERS: dict[str, Provider] = {}
# The order of the choice page (the real one shows them as a grid of buttons).
PROVIDER_ORDER: list[str] = []


def register_service(service: Service) -> Service:
    SERVICES[service.key] = service
    return service


def register_provider(provider: Provider) -> Provider:
    """Add a provider, or replace one (a replica that becomes the provider's real login page:
    the health insurance site will take over « ameli » from the simulated page)."""
    if provider.key not in PROVIDERS:
        PROVIDER_ORDER.append(provider.key)
    PROVIDERS[provider.key] = provider
    return provider


def providers_for(service: Service) -> list[tuple[Provider, str | None]]:
    """Every provider in order, with the reason it cannot be used for this service (or None)."""
    return [(PROVIDERS[key], None if key in service.providers else NOT_FOR_THIS_SERVICE)
            for key in PROVIDER_ORDER]


# The providers of the real FranceConnect (reference §1.3.3). Names only, no logos: the choice
# page draws each as a plain button of our own.
for _provider in (
    Provider("impots", "impots.gouv", "https://cfspart-idp.impots.gouv.fr",
             "Numéro fiscal", "13 chiffres"),
    Provider("ameli", "ameli", "https://fc.assure.ameli.fr",
             "Numéro de sécurité sociale", "13 chiffres, sans la clé"),
    Provider("laposte", "L'Identité Numérique La Poste", "https://connexion.lidentitenumerique.laposte.fr",
             "Adresse électronique"),
    Provider("msa", "MSA", "https://monespaceprive.msa.fr", "Numéro de sécurité sociale",
             "13 chiffres, sans la clé"),
    Provider("france_identite", "France Identité", "https://franceconnect.france-identite.gouv.fr",
             app_only=True),
    Provider("yris", "YRIS", "https://fc.yris.eu", "Numéro de téléphone", down=True),
):
    register_provider(_provider)


@dataclass
class Identity:
    """The identity FranceConnect passes to the service (the « identité pivot »)."""

    provider: str
    given_name: str
    family_name: str
    birthdate: str  # ISO date
    birthplace: str
    gender: str  # female | male
    email: str
    sub: str  # a stable identifier of the person for this world
    nonce: str = ""
    extra: dict = field(default_factory=dict)
