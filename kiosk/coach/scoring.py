"""Scoring without judging: what each step cost, a scaled score, stars, passed or not."""

from __future__ import annotations

from dataclasses import dataclass

HIGHLIGHT_LEVEL = 3  # the ladder: 1 « Essayez encore », 2 the precise instruction, 3 highlight


@dataclass(frozen=True)
class StepRecord:
    hint_level: int = 0
    mistakes: int = 0
    critical: bool = False  # a critical mistake was made on this step

    @property
    def highlight(self) -> bool:
        return self.hint_level >= HIGHLIGHT_LEVEL

    @property
    def outcome(self) -> str:
        """One word for the adviser's funnel: alone, hints, highlight or mistakes."""
        if self.highlight:
            return "highlight"
        if self.hint_level:
            return "hints"
        if self.mistakes:
            return "mistakes"
        return "alone"

    @property
    def score(self) -> float:
        if self.critical:
            return 0.0
        base = {0: 1.0, 1: 0.8, 2: 0.7}.get(self.hint_level, 0.5)
        return round(max(0.25, base - 0.1 * min(self.mistakes, 3)), 4)


def scenario_score(steps: list[StepRecord], total_steps: int) -> float:
    """The mean of the step scores; a step never done counts 0."""
    if total_steps == 0:
        return 0.0
    return round(sum(s.score for s in steps) / total_steps, 4)


def stars(score: float, mastery: float) -> int:
    if score >= max(0.9, mastery):
        return 3
    if score >= mastery:
        return 2
    return 1


def passed(score: float, mastery: float) -> bool:
    return score >= mastery - 1e-9
