"""The bank's screens, one module per part of the online space.

Routes stay thin: read the form, call ``rules`` to validate like the real site, write through
``store`` in one transaction, emit the event, render or redirect.
"""

from simulator.sites.banque.routes import (  # noqa: F401  (each module registers its routes)
    access,
    accounts,
    beneficiaries,
    cards,
    history,
    rib,
    statements,
    transfers,
)
