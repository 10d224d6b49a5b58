"""The quarterly declaration's logic shared by the routes and the scenario options: what is
pre-filled, what the summary adds up, sending it (receipt and e-mail)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from simulator import clock
from simulator.sites.caf import mails, rules, store

# The resources never pre-filled that the declaration asks about (reference §1.4).
OTHERS = {
    "pension": "Pension alimentaire reçue",
    "foyer": "Revenus d'un autre membre du foyer",
    "chomage": "Allocations chômage ou indemnités journalières",
    "independant": "Revenus d'une activité non salariée (auto-entrepreneur…)",
}


def month_keys(quarter: rules.Quarter) -> list[str]:
    return [month.strftime("%Y-%m") for month in quarter.reference_months]


def prefilled(db: sqlite_utils.Database, quarter: rules.Quarter) -> list[int]:
    return [row["net_social"] for row in store.prefill(db, month_keys(quarter))]


def payslips(db: sqlite_utils.Database, quarter: rules.Quarter) -> list[int]:
    return [row["payslip"] for row in store.prefill(db, month_keys(quarter))]


@dataclass(frozen=True)
class Summary:
    salaries: list[int]
    others: dict[str, list[int]]  # only the resources chosen
    monthly_totals: list[int]
    total: int

    @property
    def pension_total(self) -> int:
        return sum(self.others.get("pension", [0, 0, 0]))


def summary(declaration: dict) -> Summary:
    salaries = declaration["salaries"] or [0, 0, 0]
    others = {key: declaration["amounts"].get(key, [0, 0, 0]) for key in declaration["others"]}
    monthly = [salaries[i] + sum(amounts[i] for amounts in others.values()) for i in range(3)]
    return Summary(salaries, others, monthly, sum(monthly))


def problem_before_sending(declaration: dict | None) -> str | None:
    if declaration is None or declaration["salaries"] is None:
        return "incomplete"
    if any(key not in declaration["amounts"] for key in declaration["others"]):
        return "incomplete"
    if declaration["status"] == "sent":
        return "already_sent"
    return None


def reference(db: sqlite_utils.Database, quarter: rules.Quarter) -> str:
    return f"DTR-{quarter.month:%Y%m}-{store.allocataire(db)['numero_allocataire']}"


def send(db: sqlite_utils.Database, quarter: rules.Quarter, today: dt.date, *,
         announce: bool = True) -> str:
    number = reference(db, quarter)
    now = clock.now() if announce else dt.datetime.combine(today, dt.time(9, 30))
    store.save_declaration(db, quarter.key, status="sent", reached="recapitulatif",
                           reference=number, sent_at=now.isoformat(timespec="seconds"))
    mails.send_receipt(db, quarter, number, now, announce=announce)
    return number


def fill_for_scenario(db: sqlite_utils.Database, quarter: rules.Quarter) -> None:
    """The declaration filled in as it should be: the payslips' figures, the pension added."""
    pension = rules.parse_resource(store.allocataire(db)["person"]["pension"].replace(".", ","))
    store.start_declaration(db, quarter.key)
    store.save_declaration(db, quarter.key, salaries=payslips(db, quarter), others=["pension"],
                           amounts={"pension": [pension] * 3}, reached="recapitulatif")
