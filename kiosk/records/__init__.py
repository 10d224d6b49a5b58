"""Learning records: xAPI statements of each attempt, queued in an outbox in kiosk.db and sent
to a Learning Record Store by a relay outside the request path (docs/records.md).

    statements.py   the statements of an attempt (cmi5 discipline), pure functions
    outbox.py       queues them, in the coach's own transactions
    store.py        all SQL of the outbox
    relay.py        sends them to the LRS, with retries and backoff
    settings.py     the kiosk's settings without starting the kiosk (command line, relay)
    cli.py          run_kiosk.py records status | export | requeue | relay
"""
