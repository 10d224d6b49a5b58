"""docs/events.md, generated from the events the sites declare (a test keeps it current).

    .venv/bin/python -m simulator.events_doc > docs/events.md
"""

from __future__ import annotations

from simulator.sites import SITES

HEADER = """# Events

What each replica reports when the learner does something. Scenario steps are completed and
mistakes recognised by matching these events (`done_when: {event: …, field: value}`).
Generated from the `EVENTS` list of each site's `__init__.py` by `python -m simulator.events_doc`;
a test fails when this page is out of date.

Account keys in the bank: `ccp` (compte courant postal), `livret_a`. Amounts are euros
(numbers: `amount: 50`).
"""


def render() -> str:
    lines = [HEADER]
    for site in SITES:
        lines.append(f"\n## {site.title} (`{site.name}`)\n")
        lines.append("| event | when | data |")
        lines.append("|---|---|---|")
        for spec in site.events:
            data = "<br>".join(f"`{name}`: {kind}" for name, kind in spec.fields.items()) or "—"
            lines.append(f"| `{spec.name}` | {spec.description} | {data} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
