"""e-Relevés: choose the account and the year, open a monthly statement, download its PDF.

Reference: real-sites-and-anchors §1.1.9 (select ``numeroCompteRecherche``, ``select#annee``,
table ``#relevesPDF``, « Aucun e-Relevé n'est disponible »). Statements are derived from the
operations: one per past month that has operations, dated the last day of the month.
"""

from __future__ import annotations

from flask import abort, g, make_response, request, url_for

from simulator import clock, htmx
from simulator.events import emit
from simulator.sites.banque import bp, documents, ledger, store
from simulator.sites.banque.routes.guard import online
from simulator.world import current_world

ACCOUNT_MISSING = "Veuillez sélectionner un compte dans la liste."


def _months(db, account) -> list[str]:
    """The months with a statement, newest first (the current month has none yet)."""
    return store.statement_months(db, account.id, clock.today().replace(day=1))


@bp.get("/e-releves")
@online
def statements():
    db = current_world().db
    accounts = store.accounts(db)
    token = request.args.get("numeroCompteRecherche")
    account = accounts[0] if token is None else store.account_by_token(db, token)
    years = ledger.statement_years(clock.today())
    months = _months(db, account) if account else []
    year = _chosen_year(request.args.get("annee"), years, months)
    listed = [m for m in months if m.startswith(f"{year}-")]
    if account:
        emit("banque.statements.viewed", account=account.key, year=year)
    return htmx.render(
        "banque/pages/statements.html",
        accounts=accounts,
        account=account,
        error=None if account else ACCOUNT_MISSING,
        typed_token=token or "",
        years=years,
        year=year,
        statements=[ledger.month_bounds(*ledger.parse_month(m))[1] for m in listed],
    )


def _chosen_year(value: str | None, years: list[int], months: list[str]) -> int:
    """The year asked for if the list offers it, else the year of the latest statement."""
    if value and value.isdigit() and int(value) in years:
        return int(value)
    return int(months[0][:4]) if months else years[0]


def _statement_or_404(db, token: str, month: str):
    account = store.account_by_token(db, token)
    parsed = ledger.parse_month(month)
    if account is None or parsed is None or month not in _months(db, account):
        abort(404)
    first, last = ledger.month_bounds(*parsed)
    statement = ledger.build_statement(
        *parsed, store.balance_before(db, account.id, first),
        store.account_operations(db, account.id, since=first, until=last))
    return account, statement


@bp.get("/e-releves/<token>/<month>")
@online
def statement(token: str, month: str):
    db = current_world().db
    account, found = _statement_or_404(db, token, month)
    emit("banque.statement.opened", account=account.key, month=found.month, pdf=False,
         months_ago=_months_ago(found.month))
    return htmx.render(
        "banque/pages/statement.html",
        account=account,
        statement=found,
        rib=documents.rib_of(g.bank_customer, account),
        **documents.page_context(),
        opening_label=documents.opening_label(found),
        closing_label=documents.closing_label(found),
        back_url=url_for("banque.statements", numeroCompteRecherche=account.token,
                         annee=found.first_day.year),
    )


@bp.get("/e-releves/<token>/<month>/pdf")
@online
def statement_pdf(token: str, month: str):
    db = current_world().db
    account, found = _statement_or_404(db, token, month)
    rib = documents.rib_of(g.bank_customer, account)
    response = make_response(documents.statement_pdf(rib, found))
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{documents.statement_file_name(account.title, found)}"')
    response.headers["Cache-Control"] = "no-store"
    emit("banque.statement.opened", account=account.key, month=found.month, pdf=True,
         months_ago=_months_ago(found.month))
    return response


def _months_ago(month: str) -> int:
    """``2026-10`` on 26/11/2026 → 1: « le relevé du mois dernier » for scenario authors."""
    year, number = (int(part) for part in month.split("-"))
    today = clock.today()
    return (today.year - year) * 12 + today.month - number
