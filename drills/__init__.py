"""Reliability drills with figures: ``make drills`` (docs/reliability.md)."""
