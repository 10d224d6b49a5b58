"""The CAF's rules, as pure functions: the numéro de sécurité sociale and the password at login,
the verification code, the quarter to declare (from the world's date), the amounts people type,
the new address. The site's own words are in MESSAGES (reference §1.4)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from simulator.formats import MONTHS_FR_TITLE, AmountError, parse_amount
from simulator.identifiers import REAL_NUMBER_MESSAGE, Check, check_nir

ADDRESS = "https://wwwd.caf.fr"
MAX_PASSWORD_FAILURES = 3
MAX_CODE_FAILURES = 3
CODE_SECONDS = 600  # the verification code is valid 10 minutes
LOCK_MESSAGE = ("Suite à plusieurs erreurs de saisie, votre compte est bloqué. Pour le "
                "débloquer, cliquez sur « Mot de passe oublié ».")

MESSAGES = {
    "nir_empty": "Veuillez saisir votre numéro de sécurité sociale.",
    "nir_length": "Le numéro de sécurité sociale doit comporter 13 chiffres suivis de la clé "
                  "(2 chiffres), soit 15 chiffres.",
    "nir_characters": "Le numéro de sécurité sociale ne doit comporter que des chiffres.",
    "nir_key": "Le numéro de sécurité sociale saisi n'est pas valide. Vérifiez les 13 chiffres "
               "et la clé.",
    "real_number": REAL_NUMBER_MESSAGE,
    "password_empty": "Veuillez saisir votre mot de passe.",
    "wrong_password": "Le numéro de sécurité sociale ou le mot de passe est incorrect.",
    "blocked": LOCK_MESSAGE,
    "channel_missing": "Veuillez choisir comment recevoir votre code.",
    "code_format": "Le code de vérification doit comporter 6 chiffres.",
    "code_wrong": "Le code de vérification saisi est incorrect.",
    "code_expired": "Ce code de vérification a expiré. Demandez un nouveau code.",
    "code_used": "Ce code de vérification a déjà été utilisé. Demandez un nouveau code.",
    "code_blocked": "Vous avez saisi 3 codes erronés. " + LOCK_MESSAGE,
    "password_short": "Votre mot de passe doit comporter au moins 8 caractères.",
    "password_letters_digits": "Votre mot de passe doit comporter des lettres et des chiffres.",
    "password_mismatch": "Les deux mots de passe ne sont pas identiques.",
    "password_not_persona": "Attention : pour l'exercice, choisissez le mot de passe écrit sur "
                            "la fiche. Ne tapez jamais un vrai mot de passe sur cette borne.",
}

_NIR_REASONS = {Check.EMPTY: "nir_empty", Check.LENGTH: "nir_length",
                Check.CHARACTERS: "nir_characters", Check.KEY: "nir_key",
                Check.REAL_LOOKING: "real_number"}


def check_login_nir(typed: str | None, persona_nir: str) -> str | None:
    """None when it is the persona's NIR (15 digits with the key), else a key of MESSAGES."""
    return _NIR_REASONS.get(check_nir(typed, persona_nir, with_key=True))


def check_new_password(new: str | None, confirmation: str | None,
                       persona_password: str) -> str | None:
    """The new password's rules; on the kiosk it must be the card's (never a real one)."""
    new = new or ""
    if len(new) < 8:
        return "password_short"
    if not (re.search(r"[A-Za-z]", new) and re.search(r"\d", new)):
        return "password_letters_digits"
    if new != (confirmation or ""):
        return "password_mismatch"
    if new != persona_password:
        return "password_not_persona"
    return None


def masked_phone(number: str) -> str:
    """« 06 39 98 63 05 » → « 06 ** ** ** 05 », as the code page writes it."""
    digits = re.sub(r"\D", "", number)
    return f"{digits[:2]} ** ** ** {digits[-2:]}" if len(digits) == 10 else number


def masked_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'*' * max(len(local) - 1, 3)}@{domain}"


def code_problem(typed: str, *, issued: dict | None, used_hashes: set[str], typed_hash: str,
                 now: float) -> str | None:
    """Why a typed verification code is refused (a key of MESSAGES), or None."""
    if not re.fullmatch(r"\d{6}", typed):
        return "code_format"
    if issued is not None and typed_hash == issued["code_hash"]:
        return "code_expired" if now - issued["sent_at"] > CODE_SECONDS else None
    if typed_hash in used_hashes:
        return "code_used"
    return "code_wrong"


# --- the quarter -----------------------------------------------------------------------------


def month_name(day: dt.date) -> str:
    return f"{MONTHS_FR_TITLE[day.month - 1]} {day.year}"


def shift_month(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, 1)


@dataclass(frozen=True)
class Quarter:
    """A déclaration trimestrielle de ressources: asked in ``month``, about three months that
    end two months before it (since 2025, the March declaration covers November to January)."""

    month: dt.date  # the first day of the month it is asked in

    @property
    def key(self) -> str:
        return self.month.strftime("%Y-%m")

    @property
    def reference_months(self) -> list[dt.date]:
        return [shift_month(self.month, shift) for shift in (-4, -3, -2)]

    @property
    def label(self) -> str:
        first, second, third = self.reference_months
        return f"{month_name(first)}, {month_name(second)} et {month_name(third)}"

    @property
    def deadline(self) -> dt.date:
        return shift_month(self.month, 1) - dt.timedelta(days=1)

    def previous(self) -> Quarter:
        return Quarter(shift_month(self.month, -3))

    def next(self) -> Quarter:
        return Quarter(shift_month(self.month, 3))


def quarter_due(today: dt.date) -> Quarter:
    """The persona's declaration asked this month (her right opened in a month of the same
    rank in its quarter: the kiosk's worlds always have one to practise)."""
    return Quarter(today.replace(day=1))


def quarter_from_key(key: str | None) -> Quarter | None:
    if not key or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", key):
        return None
    return Quarter(dt.date(int(key[:4]), int(key[5:]), 1))


# --- amounts --------------------------------------------------------------------------------

AMOUNT_MESSAGES = {
    "empty": "Veuillez saisir un montant (0 si vous n'avez rien perçu).",
    "format": "Le montant saisi n'est pas valide. Saisissez un montant en euros, par exemple "
              "1234,56.",
    "negative": "Le montant ne peut pas être négatif.",
    "too_big": "Le montant saisi semble trop élevé. Vérifiez-le.",
}
MAX_MONTHLY_CENTS = 10_000_000  # 100 000 € a month: a typing mistake


def parse_resource(text: str | None) -> int:
    """A monthly resource in cents, as people type it: « 1 234,56 », « 1234.56 », « 1 234 € »,
    « 1.234,56 », « 0 ». Raises AmountError (reason: a key of AMOUNT_MESSAGES)."""
    raw = (text or "").strip().lower()
    raw = re.sub(r"\s*(€|eur|euros?)$", "", raw).strip()
    if re.fullmatch(r"0+([.,]0{1,2})?", raw):
        return 0
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", raw):  # « 1.234,56 »: dots between thousands
        raw = raw.replace(".", "")
    try:
        cents = parse_amount(raw)
    except AmountError as error:
        raise AmountError(error.reason) from error
    if cents > MAX_MONTHLY_CENTS:
        raise AmountError("too_big")
    return cents


def typed_cents(cents: int) -> str:
    """What an amount field shows: « 1362,44 » (no spaces: easy to read and to change)."""
    return f"{cents // 100},{cents % 100:02d}"


# --- the new address ---------------------------------------------------------------------------

ADDRESS_MESSAGES = {
    "street_empty": "Veuillez saisir le numéro et le nom de la voie.",
    "postcode_format": "Le code postal doit comporter 5 chiffres.",
    "city_empty": "Veuillez saisir la commune.",
    "date_format": "La date d'emménagement doit être au format JJ/MM/AAAA.",
    "date_future": "La date d'emménagement ne peut pas être dans plus de 3 mois.",
    "date_old": "La date d'emménagement ne peut pas dépasser 2 ans.",
    "same_address": "Cette adresse est déjà celle de votre dossier.",
    "housing_missing": "Veuillez indiquer votre situation de logement.",
}
HOUSING = {"locataire": "Locataire", "proprietaire": "Propriétaire", "heberge": "Hébergé(e)"}


def check_address(form: dict, moved_on: dt.date | None, today: dt.date,
                  current_street: str) -> dict[str, str]:
    """The fields of the new address that are refused (field → key of ADDRESS_MESSAGES)."""
    problems = {}
    if not form["rue"]:
        problems["rue"] = "street_empty"
    elif form["rue"].casefold() == current_street.casefold():
        problems["rue"] = "same_address"
    if not re.fullmatch(r"\d{5}", form["code_postal"].replace(" ", "")):
        problems["code_postal"] = "postcode_format"
    if not form["commune"]:
        problems["commune"] = "city_empty"
    if moved_on is None:
        problems["date"] = "date_format"
    elif moved_on > today + dt.timedelta(days=92):
        problems["date"] = "date_future"
    elif moved_on < today - dt.timedelta(days=731):
        problems["date"] = "date_old"
    if form["logement"] not in HOUSING:
        problems["logement"] = "housing_missing"
    return problems
