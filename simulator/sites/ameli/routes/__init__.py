"""The ameli account's screens, one module per part. Routes stay thin: read the form, check
with ``rules``, write through ``store`` in one transaction, emit, render or redirect."""

from simulator.sites.ameli.routes import (  # noqa: F401  (each module registers its routes)
    access,
    demarches,
    messages,
    payments,
)
