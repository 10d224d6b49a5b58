"""The operator's commands for the console (run_kiosk.py):

    run_kiosk.py adviser add NAME        create an adviser (the password is asked twice)
    run_kiosk.py adviser list            the advisers, with their last login
    run_kiosk.py adviser remove NAME     delete an adviser and log them out everywhere
    run_kiosk.py adviser password NAME   set a new password (asked twice)
    run_kiosk.py purge --older-than DAYS delete the records older than DAYS days

A password is never taken from the command line (it would stay in the shell's history and in
the process list): it is asked with getpass.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from datetime import datetime
from pathlib import Path

import sqlite_utils
from flask import Flask

from kiosk import config
from kiosk.agent import accounts, store
from kiosk.migrations import migrations
from simulator import db as dbhelpers

PASSWORD_RULES = {
    "empty": "Le mot de passe est vide.",
    "short": f"Le mot de passe doit avoir au moins {accounts.PASSWORD_MIN_LENGTH} caractères.",
    "long": f"Le mot de passe doit avoir au plus {accounts.PASSWORD_MAX_LENGTH} caractères.",
    "mismatch": "Les deux mots de passe ne sont pas les mêmes.",
}


def add_commands(subparsers) -> None:
    adviser = subparsers.add_parser("adviser", help="the advisers' accounts of the console")
    commands = adviser.add_subparsers(dest="adviser_command", required=True)
    for name, text in (("add", "create an adviser"), ("remove", "delete an adviser"),
                       ("password", "set an adviser's new password")):
        command = commands.add_parser(name, help=text)
        command.add_argument("name")
    commands.add_parser("list", help="list the advisers")
    purge = subparsers.add_parser("purge", help="delete the records older than some days")
    purge.add_argument("--older-than", type=int, required=True, metavar="DAYS")


def kiosk_database() -> sqlite_utils.Database:
    """kiosk.db, found exactly as the server finds it (environment, instance/config.py), with
    its migrations applied; nothing else of the server is started."""
    db = dbhelpers.connect(kiosk_database_path(), wal=True)
    dbhelpers.apply_migrations(db, [migrations])
    return db


def kiosk_database_path() -> str:
    """Where the server keeps kiosk.db (the file is not opened: it may be damaged)."""
    overrides = config.from_environment()
    instance_path = overrides.get("INSTANCE_PATH")
    app = Flask("kiosk.app", instance_path=str(Path(instance_path).resolve())
                if instance_path else None, instance_relative_config=True)
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return app.config.get("KIOSK_DATABASE") or str(Path(app.instance_path) / "kiosk.db")


def run(args: argparse.Namespace) -> int:
    db = kiosk_database()
    try:
        if args.command == "purge":
            return purge(db, args.older_than)
        return {"add": add, "remove": remove, "password": password,
                "list": lambda db, _name=None: list_advisers(db)}[args.adviser_command](
                    db, getattr(args, "name", None))
    finally:
        db.conn.close()


def ask_password() -> str | None:
    first = getpass.getpass("Mot de passe (au moins "
                            f"{accounts.PASSWORD_MIN_LENGTH} caractères) : ")
    again = getpass.getpass("Le même mot de passe, encore une fois : ")
    problem = accounts.password_problem(first, again)
    if problem:
        print(PASSWORD_RULES[problem] + " Rien n'a été changé.", file=sys.stderr)
        return None
    return first


def add(db, name: str) -> int:
    problem = accounts.name_problem(name)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if store.adviser_by_name(db, name):
        print(f"Un conseiller « {name} » existe déjà.", file=sys.stderr)
        return 1
    password_ = ask_password()
    if password_ is None:
        return 1
    if not store.create_adviser(db, name, accounts.hash_password(password_)):
        print(f"Un conseiller « {name} » existe déjà.", file=sys.stderr)
        return 1
    print(f"Le conseiller « {name.strip()} » peut se connecter à la console (/agent/).")
    return 0


def password(db, name: str) -> int:
    adviser = store.adviser_by_name(db, name)
    if adviser is None:
        print(f"Aucun conseiller « {name} ».", file=sys.stderr)
        return 1
    password_ = ask_password()
    if password_ is None:
        return 1
    store.set_password(db, adviser["id"], accounts.hash_password(password_))
    store.delete_other_console_sessions(db, adviser["id"], keep=None)
    print(f"Nouveau mot de passe enregistré pour « {adviser['name']} ».")
    return 0


def remove(db, name: str) -> int:
    adviser = store.adviser_by_name(db, name)
    if adviser is None:
        print(f"Aucun conseiller « {name} ».", file=sys.stderr)
        return 1
    store.delete_adviser(db, adviser["id"])
    print(f"Le conseiller « {adviser['name']} » est supprimé.")
    return 0


def list_advisers(db) -> int:
    rows = store.advisers(db)
    if not rows:
        print("Aucun conseiller. Créez-en un : python run_kiosk.py adviser add NOM")
        return 0
    for adviser in rows:
        last = (datetime.fromtimestamp(adviser["last_login_at"]).strftime("%d/%m/%Y %H:%M")
                if adviser["last_login_at"] else "jamais")
        print(f"{adviser['name']:<24} dernière connexion : {last}")
    return 0


def purge(db, days: int) -> int:
    from kiosk.agent.retention import purge_older_than

    if days < 1:
        print("--older-than doit être un nombre de jours, 1 ou plus.", file=sys.stderr)
        return 2
    removed = purge_older_than(db, time.time() - days * 86400)
    for table, count in removed.items():
        print(f"{table}: {count}")
    return 0
