"""The benchmark harness still runs: a short pass of two phases against the production server.

The figures are not judged here (benchmarks/RESULTS.md records them); what is checked is that
the harness starts the server, measures, and says so — a refactor once broke every load phase
while the run still exited 0.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_quick_run_measures_worlds_and_pages():
    done = subprocess.run(
        [sys.executable, "benchmarks/run_all.py", "--quick", "--no-write", "--quiet-wait", "0",
         "--only", "worlds,pages"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(Path(re.search(r"results: (\S+)", done.stdout).group(1)).read_text())
    timings = results["worlds"]["personas"]
    assert {timing["persona"] for timing in timings} == {"martine", "samir", "nadia"}
    for timing in timings:
        assert 0 < timing["create_ms"]["median"] < 1000, timing["persona"]
    pages = results["pages"]
    assert len(pages) > 10
    for page in pages:
        document = page["responses"][0]
        assert document["kind"] == "Document" and document["status"] == 200, page["name"]
        # What a learner's browser downloads, its assets with it, arrives compressed.
        assert page["total_wire"] < page["total_body"] / 2, page["name"]
