"""The CAF's screens, one module per part. Routes stay thin: read the form, check with
``rules``, write through ``store`` (or ``declaring``) in one transaction, emit, render or
redirect."""

from simulator.sites.caf.routes import (  # noqa: F401  (each module registers its routes)
    access,
    changes,
    declaration,
    sending,
    space,
)
