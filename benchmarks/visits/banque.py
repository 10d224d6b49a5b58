"""The bank replica on its own (« Ma banque », no exercise): the visit of benchmarks/learner.py."""

from __future__ import annotations

from benchmarks.learner import SESSION

VISIT = SESSION
