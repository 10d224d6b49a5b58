"""What the tax space checks, as pure functions, with its own messages (reference §1.3)."""

from __future__ import annotations

import re

from simulator import identifiers
from simulator.identifiers import Check

ADDRESS = "https://cfspart.impots.gouv.fr"  # what the address bar shows, and the e-mails link to
MAX_PASSWORD_FAILURES = 3
ACTIVATION_HOURS = 8

MESSAGES = {
    # Login and creation: the numéro fiscal
    "fiscal_empty": "Veuillez saisir votre numéro fiscal.",
    "fiscal_format": "Le numéro fiscal doit comporter 13 chiffres.",
    "fiscal_key": "Le numéro fiscal saisi n'est pas valide. Veuillez vérifier votre saisie.",
    "real_number": identifiers.REAL_NUMBER_MESSAGE,
    # Creation with the three identifiers
    "access_format": "Le numéro d'accès en ligne doit comporter 7 chiffres.",
    "access_wrong": "Le numéro d'accès en ligne saisi est erroné. Il figure en haut de la "
                    "première page de votre dernière déclaration de revenus.",
    "rfr_empty": "Veuillez saisir votre revenu fiscal de référence.",
    "rfr_format": "Le revenu fiscal de référence doit être saisi en euros, sans centimes, "
                  "uniquement avec des chiffres.",
    "rfr_negative": "Le revenu fiscal de référence ne peut pas être négatif.",
    "rfr_wrong": "Le revenu fiscal de référence saisi est erroné. Il figure sur la première "
                 "page de votre dernier avis d'impôt sur le revenu.",
    # E-mail and password
    "email_format": "L'adresse électronique saisie n'est pas valide (exemple : "
                    "prenom.nom@exemple.fr).",
    "email_mismatch": "Les deux adresses électroniques saisies ne sont pas identiques.",
    "email_not_persona": "Attention : pour l'exercice, saisissez l'adresse électronique de la "
                         "fiche. Le courriel arrivera dans « Messagerie ». N'écrivez jamais "
                         "votre vraie adresse sur cette borne.",
    "password_short": "Votre mot de passe doit contenir au moins 8 caractères.",
    "password_long": "Votre mot de passe ne doit pas dépasser 64 caractères.",
    "password_no_letter": "Votre mot de passe doit contenir au moins une lettre.",
    "password_no_digit": "Votre mot de passe doit contenir au moins un chiffre.",
    "password_mismatch": "Les deux mots de passe saisis ne sont pas identiques.",
    "password_not_persona": "Attention : pour l'exercice, choisissez le mot de passe écrit sur "
                            "la fiche. Ne tapez jamais un vrai mot de passe sur cette borne.",
    # Login
    "password_empty": "Veuillez saisir votre mot de passe.",
    "blocked": "Pour votre sécurité, l'accès à votre espace a été bloqué ; veuillez contacter "
               "votre centre des Finances publiques.",
    "not_activated": "Votre espace n'est pas encore activé. Cliquez sur le lien du courriel "
                     "d'activation que nous vous avons envoyé.",
    "code_wrong": "Le code saisi est erroné. Vérifiez le code reçu par courriel.",
    "code_format": "Le code doit comporter 6 chiffres.",
    # Amounts of the declaration (whole euros)
    "amount_format": "Saisissez un montant en euros, sans centimes et sans point (exemple : "
                     "2460).",
    "amount_negative": "Le montant ne peut pas être négatif.",
    "amount_too_big": "Le montant saisi est trop élevé. Vérifiez votre saisie.",
    "salary_empty": "Veuillez indiquer le montant de vos salaires (0 si vous n'avez rien "
                    "perçu).",
}

PASSWORD_RULES = "Au moins 8 caractères, dont au moins une lettre et un chiffre."


def wrong_password_message(attempts_left: int) -> str:
    essais = "essais" if attempts_left > 1 else "essai"
    return (f"Votre mot de passe est incorrect, il vous reste {attempts_left} {essais} pour "
            "vous identifier.")


def check_fiscal(typed: str | None, persona_number: str) -> str | None:
    """None when it is the persona's numéro fiscal; else the reason it is refused."""
    return {
        Check.PERSONA: None,
        Check.EMPTY: "fiscal_empty",
        Check.CHARACTERS: "fiscal_format",
        Check.LENGTH: "fiscal_format",
        Check.KEY: "fiscal_key",
        Check.REAL_LOOKING: "real_number",
    }[identifiers.check_numero_fiscal(typed, persona_number)]


def check_access_number(typed: str | None, expected: str) -> str | None:
    number = identifiers.compact(typed)
    if not re.fullmatch(r"\d{7}", number):
        return "access_format"
    return None if number == identifiers.compact(expected) else "access_wrong"


_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_whole_euros(typed: str | None) -> tuple[int | None, str | None]:
    """« 12 345 », « 12345 € », « 12345€ » → 12345. Cents, points, letters: a format error."""
    raw = _SPACES.sub("", typed or "").removesuffix("€").removesuffix("EUR")
    if not raw:
        return None, "empty"
    if raw.startswith("-") and raw[1:].isdigit():
        return None, "negative"
    if not raw.isdigit() or not raw.isascii():
        return None, "format"
    if len(raw.lstrip("0")) > 9:
        return None, "too_big"
    return int(raw), None


def check_rfr(typed: str | None, expected: int) -> str | None:
    value, problem = parse_whole_euros(typed)
    if problem:
        return {"empty": "rfr_empty", "negative": "rfr_negative"}.get(problem, "rfr_format")
    return None if value == expected else "rfr_wrong"


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def check_email(typed: str | None, confirmation: str | None, persona_email: str) -> str | None:
    email = (typed or "").strip()
    if len(email) > 120 or not _EMAIL.match(email):
        return "email_format"
    if email.lower() != (confirmation or "").strip().lower():
        return "email_mismatch"
    if email.lower() != persona_email.lower():
        return "email_not_persona"
    return None


def check_new_password(typed: str | None, confirmation: str | None,
                       persona_password: str) -> str | None:
    """The real rules first (the learner learns them), then the kiosk's own: only the password
    of the persona card is accepted, so that no real password is ever typed and kept."""
    password = typed or ""
    if len(password) < 8:
        return "password_short"
    if len(password) > 64:
        return "password_long"
    if not re.search(r"[^\W\d_]", password):
        return "password_no_letter"
    if not re.search(r"\d", password):
        return "password_no_digit"
    if password != (confirmation or ""):
        return "password_mismatch"
    if password != persona_password:
        return "password_not_persona"
    return None


def amount_problem(typed: str | None, *, required: bool = False) -> tuple[int | None, str | None]:
    """A box of the declaration: whole euros. Empty is 0 unless ``required``."""
    value, problem = parse_whole_euros(typed)
    if problem == "empty":
        return (None, "salary_empty") if required else (0, None)
    if problem:
        return None, {"negative": "amount_negative", "too_big": "amount_too_big"}.get(
            problem, "amount_format")
    return value, None


def spaced_fiscal(number: str) -> str:
    """« 3012847596283 » → « 30 12 847 596 283 », as the papers print it."""
    n = identifiers.compact(number)
    return f"{n[:2]} {n[2:4]} {n[4:7]} {n[7:10]} {n[10:]}" if len(n) == 13 else number
