"""The crash drill, short: the server killed with SIGKILL three times (master and workers at
once, the master alone, one worker) while learners do an exercise; no step, attempt or
statement is lost or counted twice, and every database passes its integrity check. The full
drill (20 kills) runs with `make drills` (docs/reliability.md)."""

from __future__ import annotations

from drills import crash


def test_three_sigkills_during_exercises_lose_nothing():
    result = crash.run(kills=3, learners=3, seed=5)
    assert result["kinds"] == {"all": 1, "master": 1, "worker": 1}
    assert result["flow_errors"] == {}, result["flow_errors"]
    assert result["integrity_after_each_restart_bad"] == []
    assert result["integrity_at_end"]["bad"] == {}
    assert result["records"]["problems"] == []
    assert result["exercises_passed"] >= 3
    assert result["records"]["by_status"].get("passed", 0) == result["exercises_passed"]
    assert result["server_errors"] == []
