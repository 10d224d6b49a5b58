"""The simulated world: replica websites and the learner's fake devices.

Nothing in this package knows about the kiosk around it (``kiosk`` imports ``simulator``,
never the other way round). A replica route reads the learner's world from ``g.world``,
validates like the real site, writes through its site's ``store.py`` and reports what the
learner did with :func:`simulator.events.emit`.
"""
