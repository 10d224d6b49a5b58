"""Benchmark a commit, not a working tree that is changing under the run.

Several people edit this checkout at once; a template edited in the middle of a run is
compiled by the next recycled gunicorn worker and changes the figures (or breaks them).
``run_all.py --snapshot`` exports HEAD with ``git archive``, adds the files the set-up step
builds and git ignores (the vendored front-end libraries, the compiled catalogs), runs the
benchmarks from that copy, and writes the results back here.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

# Built by `make setup`, ignored by git, needed by the server.
BUILT = ("kiosk/static/vendor", "locales/*/LC_MESSAGES/*.mo")


def export_head(root: Path, out: Path) -> tuple[Path, str]:
    """HEAD (+ the built files) in ``out/src-<commit>``; returns the folder and the commit."""
    commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root, check=True,
                            capture_output=True, text=True).stdout.strip()
    source = out / f"src-{commit}"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=root, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(source, filter="data")
    for pattern in BUILT:
        for built in root.glob(pattern):
            target = source / built.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            if built.is_dir():
                shutil.copytree(built, target, dirs_exist_ok=True)
            else:
                shutil.copyfile(built, target)
    return source, commit


def run_from_snapshot(root: Path, out: Path, argv: list[str]) -> int:
    source, commit = export_head(root, out)
    env = {**os.environ, "BENCH_COMMIT": commit, "BENCH_OUT": str(out),
           "BENCH_RESULTS": str(root / "benchmarks" / "RESULTS.md"),
           "BENCH_COMMAND": " ".join(["python", "benchmarks/run_all.py", *sys.argv[1:]])}
    print(f"benchmarking commit {commit} from {source}", flush=True)
    try:
        return subprocess.run([sys.executable, str(source / "benchmarks" / "run_all.py"), *argv],
                              cwd=source, env=env).returncode
    finally:
        shutil.rmtree(source, ignore_errors=True)
