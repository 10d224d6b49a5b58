"""France Travail's screens, one module per part of the space.

Routes stay thin: read the form, call ``rules`` to check like the real site, write through
``store`` in one transaction, emit the event, render or redirect.
"""

from simulator.sites.francetravail.routes import (  # noqa: F401  (each module registers its routes)
    access,
    actualisation,
    dashboard,
    documents,
    mail,
    messages,
    offers,
    recovery,
    registration,
)
