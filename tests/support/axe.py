"""axe-core (bundled by axe-playwright-python, works offline) with WCAG 2.2 target-size on."""

from __future__ import annotations

import json

from axe_playwright_python.base import AXE_SCRIPT

OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                          "best-practice"]},
    "rules": {"target-size": {"enabled": True}},
    # Only the violations are read: axe then keeps no detail of every node that passed, which
    # it would otherwise gather and send back (three times slower; the same rules run).
    "resultTypes": ["violations"],
}
_RUN = f"axe.run(document, {json.dumps(OPTIONS)}).then(results => results.violations)"


def violations(page) -> list[dict]:
    """The axe violations of the page as it is now (after any htmx swap)."""
    # A page keeps axe until it is left: injected again only after a navigation.
    if page.evaluate("() => typeof window.axe === 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(_RUN)


def report(found: list[dict]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:200]}")
    return "\n".join(lines)


def assert_no_violations(page, where: str = "") -> None:
    found = violations(page)
    assert not found, f"axe found violations on {where or page.url}:\n{report(found)}"
