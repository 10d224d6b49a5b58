"""The full-disk drill (docs/reliability.md): the instance folder on an 8 MB tmpfs that the
drill makes in a private mount namespace (unshare), filled to the last byte while learners are
in an exercise, then freed."""

from __future__ import annotations

from drills import full_disk


def test_a_full_disk_shows_the_kind_page_loses_nothing_and_recovers():
    result = full_disk.run(size_mb=8)
    assert result["free_bytes_when_full"] == 0
    # The home page writes nothing: it still shows. Starting a session needs space: kind page.
    assert result["home_when_full"] == 200
    assert not result["newcomer_started_when_full"]
    assert result["answers"].get("full: kind page (503)", 0) > 0
    assert result["unkind_answers"] == [], result["unkind_answers"]
    assert result["log"]["STOCKAGE PLEIN"] >= 1 and result["log"]["MÉNAGE"] >= 1
    assert result["log"]["Traceback"] == 0 and result["server_errors"] == []
    assert result["janitor_deleted_the_orphan_world"]
    assert result["integrity_when_full"]["bad"] == {}
    assert result["records_when_full"]["problems"] == []
    # Space returns: every learner finishes the exercise, a new one does a whole one.
    assert result["exercises_finished_after"] == result["learners"]
    assert result["new_learner_after"]
    assert result["integrity_after"]["bad"] == {}
    assert result["records_after"]["problems"] == []
    assert result["ok"]
