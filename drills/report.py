"""The figures of docs/reliability.md, written from the drills' results (drills/out/*.json).

    python -m drills.report        rewrites every « figures » block whose drill has a result

Each drill's block sits between ``<!-- figures:<drill>:start -->`` and
``<!-- figures:<drill>:end -->``; the hand-written text around the blocks is kept. Every block
says the commit the drill ran on, when, whether its checks held, and the machine's load
average at the end (the machine is shared: a busy one slows the timed figures).
"""

from __future__ import annotations

import re
from pathlib import Path

from drills.common import ROOT, load

DOC = ROOT / "docs" / "reliability.md"


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _yes(flag) -> str:
    return "yes" if flag else "**no**"


def _head(result: dict) -> str:
    verdict = "**every check held**" if result.get("ok") else "**a check FAILED**"
    load = ", ".join(f"{x:.2f}" for x in result.get("load_average", [])) or "not recorded"
    return (f"Ran on commit `{result['commit']}`, finished {result['finished']}: {verdict}. "
            f"Load average of the (shared, 2-core) machine at the end: {load}.")


def crash(r: dict) -> str:
    rec = r["records"]
    rows = [
        ["SIGKILLs (all / master / one worker)",
         f"{r['kills']} ({r['kinds'].get('all', 0)} / {r['kinds'].get('master', 0)} / "
         f"{r['kinds'].get('worker', 0)})"],
        ["learners tapping at once, drill length", f"{r['learners']}, {r['seconds']} s"],
        ["taps answered / tapped again after no answer", f"{r['taps_answered']} / "
         f"{r['taps_tapped_again']}"],
        ["taps in flight at the moments of the kills", r["taps_in_flight_at_kills"]],
        ["exercises passed", r["exercises_passed"]],
        ["flow errors (a page not the one the learner expects)", len(r["flow_errors"])],
        ["longest restart to /healthz", f"{r['restart_seconds_max']} s"],
        ["integrity_check not ok, after a restart / at the end",
         f"{len(r['integrity_after_each_restart_bad'])} / {len(r['integrity_at_end']['bad'])}"],
        ["attempts (by status)", f"{rec['attempts']} ({', '.join(f'{k} {v}' for k, v in sorted(rec['by_status'].items()))})"],  # noqa: E501
        ["step results / statements in the outbox", f"{rec['step_results']} / "
         f"{rec['statements']}"],
        ["step or statement missing or twice", len(rec["problems"])],
        ["tracebacks in the server log", len(r["server_errors"])],
    ]
    return _table(["", "figure"], rows)


def full_disk(r: dict) -> str:
    rows = [
        ["file system", f"tmpfs of {r['size_mb']} MB ({r['namespace']}), "
         f"{r['free_bytes_when_full']} bytes free when full"],
        ["home page while full", r["home_when_full"]],
        ["a newcomer could start while full", "yes" if r["newcomer_started_when_full"]
         else "no: the kind page"],
        ["taps of the 4 learners in an exercise that went through while full",
         r["taps_done_while_full"]],
        ["answers (phase: status → count)", "; ".join(f"{k} → {v}"
                                                     for k, v in r["answers"].items())],
        ["answers that were neither a page nor the kind page", len(r["unkind_answers"])],
        ["integrity_check not ok, while full / after", f"{len(r['integrity_when_full']['bad'])}"
         f" / {len(r['integrity_after']['bad'])}"],
        ["attempts or statements damaged, while full / after",
         f"{len(r['records_when_full']['problems'])} / {len(r['records_after']['problems'])}"],
        ["janitor deleted the orphaned world", _yes(r["janitor_deleted_the_orphan_world"])],
        ["learners who finished their exercise once space came back",
         f"{r['exercises_finished_after']} of {r['learners']}"],
        ["a new learner passed an exercise afterwards", _yes(r["new_learner_after"])],
        ["log lines « STOCKAGE PLEIN » / « MÉNAGE » / tracebacks",
         f"{r['log']['STOCKAGE PLEIN']} / {r['log']['MÉNAGE']} / {r['log']['Traceback']}"],
    ]
    return _table(["", "figure"], rows)


def corruption(r: dict) -> str:
    worlds = _table(
        ["world file", "learner's next tap", "kind page, « recommencer »", "traceback shown",
         "other learner", "passed after starting again"],
        [[w["damage"], w["status"], _yes(w["kind_page"] and w["says_start_again"]),
          "**yes**" if w["traceback"] else "no", w["other_learner_status"],
          _yes(w["learner_passed_after_starting_again"])] for w in r["worlds"]])
    db, back, manual = r["kiosk_db_garbled"], r["restart_restores"], r["manual_restore"]
    rows = [
        ["kiosk.db garbled: a learner's page / a visitor's home page",
         f"{db['session_page_status']} (kind page: {_yes(db['session_page_kind'])}) / "
         f"{db['visitor_home_status']}"],
        ["log lines « MONDE ABÎMÉ » / « BASE ABÎMÉE »", f"{r['log_world_lines']} / "
         f"{r['log_kiosk_db_lines']}"],
        ["restart: backup restored by itself, in", f"{_yes(back['log_says_restored'])}, "
         f"{back['seconds']} s"],
        ["restart: passed attempts kept (in the backup)", f"{back['passed_attempts_kept']} "
         f"({back['passed_attempts_in_backup']})"],
        ["restart: damaged file kept aside / integrity / a new learner passes",
         f"{_yes(back['damaged_file_kept'])} / {'ok' if not back['integrity'] else 'BAD'} / "
         f"{_yes(back['new_learner_passes'])}"],
        ["`run_kiosk.py restore` by hand: integrity / a new learner passes",
         f"{'ok' if not manual['integrity'] else 'BAD'} / "
         f"{_yes(manual['new_learner_passes'])}"],
        ["tracebacks in the server log (operator's side)", sum(
            "Traceback" in line for line in r["server_errors"])],
    ]
    return worlds + "\n\n" + _table(["", "figure"], rows)


def clocks(r: dict) -> str:
    return _table(
        ["change", "kiosk clock before → after", "errors", "date proposed (expected)",
         "attempt", "its seconds (between the taps)", "start / end inside their tap",
         "golden databases"],
        [[c["change"], f"{c['kiosk_clock_before'].replace('T', ' ')} → "
          f"{c['kiosk_clock_after'].replace('T', ' ')}",
          len(c["errors"]) + len(c["server_errors"]),
          f"{c['date_proposed_after']} ({c['date_expected']})", c["attempt_status"],
          f"{c['attempt_seconds']} ({c['seconds_between_the_taps'][0]}–"
          f"{c['seconds_between_the_taps'][1]})",
          f"{_yes(c['start_within_its_tap'])} / {_yes(c['end_within_its_tap'])}",
          ", ".join(c["goldens"])] for c in r["changes"]])


def slow_network(r: dict) -> str:
    return _table(["Playwright tests passed", "failed", "seconds"],
                  [[r["tests_passed"], r["tests_failed"], r["seconds"]]])


def hostile(r: dict) -> str:
    return _table(["attack", "what happens", "held"],
                  [[a["attack"], a["what_happens"], "**no** (known, see below)"
                    if not a["held"] and a.get("known") else _yes(a["held"])]
                   for a in r["attacks"]])


def soak(r: dict) -> str:
    lat, tap, mem, sat = r["latency_ms"], r["tap_latency_ms"], r["memory"], r["saturation"]
    loads = r.get("load_during", {})
    rows = [
        ["learners, measured window", f"{r['learners']}, {r['minutes']} min after a "
         f"{r['ramp_s']:.0f} s ramp-up"],
        ["visits (learners each)", "; ".join(f"{k}: {v}" for k, v in r["visits"].items())],
        ["requests in the window", f"{r['requests']} ({r['requests_per_s']} req/s)"],
        ["latency per request p50 / p95 / p99 / max",
         f"{lat['p50']} / **{lat['p95']}** / {lat['p99']} / {lat['max']} ms"],
        ["latency per tap (request + redirect) p50 / p95",
         f"{tap['p50']} / {tap['p95']} ms"],
        ["HTTP errors / flow errors", f"{r['http_errors']} / {r['flow_errors']}"],
        ["server CPU", f"{r['cpu']['server_cores']} of 2 cores"],
        ["memory after warm-up (footprint): first / last / min / max",
         f"{mem['first_mib']} / {mem['last_mib']} / {mem['min_mib']} / {mem['max_mib']} MiB"],
        ["worlds on disk: most at once / after every « Terminer »",
         f"{r['worlds_max']} / {r['worlds_left_at_end']}"],
        ["integrity_check not ok at the end", len(r["integrity_at_end"]["bad"])],
        ["tracebacks in the server log", len(r["server_errors"])],
        ["machine load average during the window (min–max of 1-min)",
         f"{loads.get('min', '?')}–{loads.get('max', '?')}"],
        ["saturation, same server: the mix / bare Flask",
         f"{sat['mix']['requests_per_s']} / {sat['bare']['requests_per_s']} req/s, "
         f"ratio **{sat['ratio']}**"],
    ]
    slow = sorted(r["routes"].items(), key=lambda kv: -kv[1]["p95"])[:6]
    routes = _table(["slowest routes (p95)", "count", "p50 ms", "p95 ms", "max ms"],
                    [[f"`{k}`", v["count"], v["p50"], v["p95"], v["max"]] for k, v in slow])
    return _table(["", "figure"], rows) + "\n\n" + routes


RENDER = {"crash": crash, "full_disk": full_disk, "corruption": corruption, "clocks": clocks,
          "slow_network": slow_network, "hostile": hostile, "soak": soak}


def write(doc: Path = DOC) -> int:
    """Rewrite the blocks of every drill that has a result; returns how many."""
    text = doc.read_text()
    written = 0
    for name, render in RENDER.items():
        result = load(name)
        start, end = f"<!-- figures:{name}:start -->", f"<!-- figures:{name}:end -->"
        if result is None or start not in text:
            continue
        block = f"{start}\n{_head(result)}\n\n{render(result)}\n{end}"
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m, b=block: b, text,
                      flags=re.S)
        written += 1
    doc.write_text(text)
    return written


if __name__ == "__main__":
    print(f"{write()} drills' figures written in {DOC.relative_to(ROOT)}")
