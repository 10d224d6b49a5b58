"""Worlds: copied from the persona's golden database, isolated, wiped."""

from __future__ import annotations

import datetime as dt

from simulator.sandbox import Worlds
from simulator.sites.banque import store

DAY = dt.date(2026, 11, 26)


def test_a_world_is_a_copy_of_the_golden_database(tmp_path):
    worlds = Worlds(tmp_path)
    world = worlds.create("martine", day=DAY, seed=1)
    try:
        assert world.persona_id == "martine"
        balances = {a.key: a.balance_cents for a in store.accounts(world.db)}
        assert balances == {"ccp": 68427, "livret_a": 184672}
    finally:
        world.close()


def test_two_worlds_never_share_operations(tmp_path):
    worlds = Worlds(tmp_path)
    first, second = worlds.create("martine", day=DAY), worlds.create("martine", day=DAY)
    try:
        ccp = store.account_by_key(first.db, "ccp")
        store.add_operation(first.db, ccp.id, day=DAY, label="VIREMENT DE TEST", detail="",
                            amount_cents=100, category="virement_recu")
        assert store.account_by_key(first.db, "ccp").balance_cents == 68527
        assert store.account_by_key(second.db, "ccp").balance_cents == 68427
        # Tokens differ from world to world: one world's ids mean nothing in another.
        assert store.account_by_key(second.db, "ccp").token != ccp.token
        assert store.account_by_token(second.db, ccp.token) is None
    finally:
        first.close()
        second.close()


def test_destroy_deletes_the_file_and_sweep_deletes_orphans(tmp_path):
    worlds = Worlds(tmp_path)
    kept, orphan = worlds.create("martine", day=DAY), worlds.create("martine", day=DAY)
    kept.close()
    orphan.close()
    # A world younger than the grace period may be one whose session is being saved.
    assert worlds.sweep(keep={kept.id}) == 0
    assert worlds.sweep(keep={kept.id}, grace=0) == 1
    assert worlds.existing_ids() == {kept.id}
    worlds.destroy(kept.id)
    assert worlds.existing_ids() == set()


def test_unknown_or_malformed_world_ids_open_nothing(tmp_path):
    worlds = Worlds(tmp_path)
    assert worlds.open("../../etc/passwd") is None
    assert worlds.open("0" * 32) is None
    assert worlds.open(None) is None


def test_history_covers_six_months_and_more_in_the_real_label_grammar(tmp_path):
    world = Worlds(tmp_path).create("martine", day=DAY, seed=1)
    try:
        rows = list(world.db.query("SELECT day, label FROM operations WHERE upcoming = 0"))
        days = sorted(r["day"] for r in rows)
        assert days[0] <= "2026-05-26" and days[-1] <= "2026-11-26"
        labels = {r["label"].split(" ")[0] + " " + r["label"].split(" ")[1] for r in rows}
        for grammar in ("VIREMENT DE", "PRELEVEMENT DE", "ACHAT CB", "RETRAIT DAB", "REMISE DE"):
            assert grammar in labels, grammar
        caf = [r for r in rows if r["label"] == "VIREMENT DE CAF"]
        assert len(caf) >= 6 and max(r["day"] for r in caf) == "2026-11-05"
        upcoming = world.db.execute("SELECT COUNT(*) FROM operations WHERE upcoming = 1").fetchone()
        assert upcoming[0] >= 2
    finally:
        world.close()


def test_the_golden_database_is_built_once_per_day(tmp_path):
    worlds = Worlds(tmp_path)
    first = worlds.golden("martine", DAY)
    assert worlds.golden("martine", DAY) == first
    # Scenarios put their worlds on nearby days: those goldens live side by side…
    other_day = worlds.golden("martine", DAY + dt.timedelta(days=1))
    assert other_day != first and first.exists()
    # …but a golden of older code is deleted at the next build.
    stale = first.with_name(first.name.replace(first.stem.rsplit("-", 1)[-1], "0ldc0de0ldc0"))
    first.rename(stale)
    worlds.golden("martine", DAY + dt.timedelta(days=2))
    assert not stale.exists()
