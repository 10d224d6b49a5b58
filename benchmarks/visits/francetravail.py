"""France Travail on its own (Samir's space: payments, letters, offers, messages)."""

from __future__ import annotations

from benchmarks.francetravail_visit import SESSION

VISIT = SESSION
