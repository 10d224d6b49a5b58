"""The tax space (create it with the three numbers, the activation e-mail in the mailbox,
declare, sign, « Documents »): the visit of benchmarks/learner.py."""

from __future__ import annotations

from benchmarks.learner import TAX_SESSION

VISIT = TAX_SESSION
