"""Charts drawn on the server as SVG: no script, no library in the browser, printable.

Each chart has a <title> and a <desc> (role="img"), its figures written on it, and the page
shows the same figures in a table beside it: colour is never the only way to read them.
"""

from __future__ import annotations

from datetime import datetime

from markupsafe import escape

# Outcomes of a step, in the funnel's order, with their colours (contrast ≥ 3:1 on white).
OUTCOME_COLOURS = {
    "alone": "#1d6b3a",
    "hints": "#0a5c73",
    "highlight": "#8a5a00",
    "mistakes": "#9b2226",
    "stopped": "#5c6670",
}
STATUS_COLOURS = {"passed": "#1d6b3a", "failed": "#9b2226", "abandoned": "#5c6670"}


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    # Drawn at its own size (no larger), shrunk on a narrow screen by the stylesheet.
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" '
            f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="chart-title">{escape(title)}</title>'
            f'<desc id="chart-desc">{escape(desc)}</desc>'
            + "".join(body) + "</svg>")


def scores_over_time(attempts: list[dict]) -> str:
    """One bar per attempt, oldest first: its score (0–100 %), its stars, its date."""
    if not attempts:
        return ""
    shown = attempts[-20:]
    left, top, bar_step, plot_h = 56, 20, 46, 200
    width = left + bar_step * len(shown) + 20
    height = top + plot_h + 70
    body = []
    for pct in (0, 50, 100):
        y = top + plot_h - plot_h * pct / 100
        body.append(f'<line x1="{left}" x2="{width - 10}" y1="{y}" y2="{y}" stroke="#b9c6c9"/>'
                    f'<text x="{left - 8}" y="{y + 5}" text-anchor="end">{pct} %</text>')
    for i, attempt in enumerate(shown):
        score = attempt["score"] or 0.0
        h = max(2.0, plot_h * score)
        x = left + i * bar_step + 8
        colour = STATUS_COLOURS.get(attempt["status"], "#5c6670")
        day = datetime.fromtimestamp(attempt["started_at"]).strftime("%d/%m")
        stars = "★" * (attempt["stars"] or 0) if attempt["status"] != "abandoned" else "–"
        body.append(
            f'<rect x="{x}" y="{top + plot_h - h:.1f}" width="30" height="{h:.1f}" '
            f'fill="{colour}"/>'
            f'<text x="{x + 15}" y="{top + plot_h + 20}" text-anchor="middle">{stars}</text>'
            f'<text x="{x + 15}" y="{top + plot_h + 42}" text-anchor="middle" font-size="13">'
            f'{day}</text>')
    passed = sum(1 for a in shown if a["status"] == "passed")
    desc = (f"{len(shown)} tentatives, de la plus ancienne à la plus récente ; "
            f"{passed} réussies. Le détail est dans le tableau sous le graphique.")
    return _svg(width, height, "Score de chaque tentative", desc, body)


def funnel(steps: list[dict]) -> str:
    """One stacked bar per step: done alone, with hints, with the highlight, after mistakes,
    and the attempts that stopped at this step. Each part carries its number."""
    if not steps:
        return ""
    label_w, bar_w, row_h, top = 300, 620, 52, 10
    most = max(1, max(sum(s[k] for k in OUTCOME_COLOURS) for s in steps))
    height = top + row_h * len(steps) + 10
    body = []
    for i, step in enumerate(steps):
        y = top + i * row_h
        name = f"{i + 1}. {step['label']}"
        short = name if len(name) <= 34 else name[:33] + "…"
        body.append(f'<text x="0" y="{y + 27}">{escape(short)}</text>')
        x = float(label_w)
        for outcome, colour in OUTCOME_COLOURS.items():
            count = step[outcome]
            if not count:
                continue
            w = bar_w * count / most
            body.append(f'<rect x="{x:.1f}" y="{y + 6}" width="{w:.1f}" height="{row_h - 14}" '
                        f'fill="{colour}"/>')
            if w >= 22:
                body.append(f'<text x="{x + w / 2:.1f}" y="{y + 27}" text-anchor="middle" '
                            f'class="on-bar">{count}</text>')
            x += w
    worst = max(steps, key=lambda s: s["hints"] + s["highlight"] + s["mistakes"] + s["stopped"])
    desc = (f"Pour chacune des {len(steps)} étapes : combien l'ont faite seuls, avec des indices, "
            f"avec la mise en évidence, après des erreurs, ou se sont arrêtés là. "
            f"L'étape qui a posé le plus de difficultés : {worst['label']}.")
    return _svg(label_w + bar_w + 20, height, "Parcours des étapes", desc, body)
