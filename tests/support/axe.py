"""axe-core (bundled by axe-playwright-python, works offline) with WCAG 2.2 target-size on."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()
OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                          "best-practice"]},
    "rules": {"target-size": {"enabled": True}},
}


def violations(page) -> list[dict]:
    """The axe violations of the page as it is now (after any htmx swap)."""
    results = _AXE.run(page, options=OPTIONS)
    return results.response["violations"]


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
