"""An account's history: the balance, the operations with the period and the search, the
« Opérations à venir », and the details of one operation.

Reference: real-sites-and-anchors §1.1.3. The filter form is a plain GET form; htmx swaps only
the list of operations (the partial whose root is ``#operations``) and pushes the URL.
"""

from __future__ import annotations

import functools

from flask import abort, g, request, url_for

from simulator import clock, htmx
from simulator.events import emit
from simulator.sites.banque import bp, ledger, store
from simulator.sites.banque.routes.guard import online
from simulator.world import current_world


def _account_or_404(db, token: str):
    account = store.account_by_token(db, token)
    if account is None:
        abort(404)
    return account


def _filters() -> tuple[str, str]:
    """The period and the search of the query string, cleaned (never an error)."""
    period = ledger.clean_period(request.args.get("periode"))
    search = "" if period == ledger.UPCOMING else ledger.clean_search(request.args.get("recherche"))
    return period, search


def _history_args(period: str, search: str) -> dict:
    """The query string that brings a learner back to the same list."""
    args = {"periode": ledger.UPCOMING_PARAM if period == ledger.UPCOMING else period}
    if search:
        args["recherche"] = search
    return args


@bp.get("/comptes/<token>")
@online
def history(token: str):
    db = current_world().db
    account = _account_or_404(db, token)
    period, search = _filters()
    today = clock.today()
    since = None
    if period == ledger.UPCOMING:
        # The next one first: what is about to leave the account.
        operations = list(reversed(store.account_operations(db, account.id, upcoming=True)))
    else:
        since = ledger.period_start(period, today)
        operations = ledger.search(store.account_operations(db, account.id, since=since), search)
    emit("banque.history.viewed", account=account.key, period=period, searched=bool(search))
    return htmx.render(
        "banque/pages/history.html",
        "banque/partials/_operations.html",
        account=account,
        holder=g.bank_customer["holder"],
        today=today,
        period=period,
        periods=ledger.PERIODS,
        search=search,
        since=since,
        operations=operations,
        reference=functools.partial(ledger.operation_reference, account.token),
        back_args=_history_args(period, search),
        upcoming_param=ledger.UPCOMING_PARAM,
        search_max=ledger.SEARCH_MAX_LENGTH,
    )


@bp.get("/comptes/<token>/operations/<reference>")
@online
def operation(token: str, reference: str):
    db = current_world().db
    account = _account_or_404(db, token)
    found = ledger.find_by_reference(store.account_operations(db, account.id, upcoming=None),
                                     account.token, reference)
    if found is None:
        abort(404)
    period, search = _filters()
    emit("banque.operation.viewed", account=account.key, category=found.category,
         label=found.label, days_ago=(clock.today() - found.day).days)
    return htmx.render(
        "banque/pages/operation.html",
        account=account,
        operation=found,
        back_url=url_for("banque.history", token=account.token, **_history_args(period, search)),
    )
