"""Login and recovery: the formats the site asks for, and its messages.

The legacy login asks, in three pages, for the identifiant (« 7 chiffres et une lettre »), the
password, then the postal code (reference §1.2.1); the newer one for an e-mail address first.
The exact wording of the lock-out is not in the reference (marked UNVERIFIED there): the one
below follows the site's usual tone and points to the two real ways out.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

IDENTIFIANT = re.compile(r"^\d{7}[A-Z]$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,180}\.[A-Za-z]{2,}$")
POSTAL_CODE = re.compile(r"^\d{5}$")
NEW_PASSWORD = re.compile(r"^\d{6}$")  # the legacy space's password: 6 digits
MAX_LENGTH = 100

MESSAGES = {
    "identifiant_format": "Votre identifiant est composé de 7 chiffres et d'une lettre "
                          "(exemple : 1234567A).",
    "identifiant_unknown": "L'identifiant saisi est incorrect. Vérifiez votre saisie.",
    "email_format": "Veuillez saisir une adresse e-mail valide (exemple : nom@domaine.fr).",
    "email_unknown": "Aucun espace personnel n'est associé à cette adresse e-mail.",
    "password_empty": "Veuillez saisir votre mot de passe.",
    "wrong_password": "Mot de passe incorrect.",
    "blocked": "Votre compte est bloqué suite à plusieurs erreurs de saisie de votre mot de "
               "passe. Pour le débloquer, choisissez « Mot de passe oublié » ou appelez le 3949.",
    "postal_code_format": "Le code postal doit comporter 5 chiffres.",
    "wrong_postal_code": "Le code postal saisi ne correspond pas à celui de votre dossier.",
    "step_missing": "Votre session a expiré. Veuillez saisir à nouveau votre identifiant.",
    "wrong_code": "Le code saisi est incorrect. Vérifiez le code reçu par SMS.",
    "no_code": "Le code a expiré. Veuillez faire une nouvelle demande.",
    "password_format": "Votre nouveau mot de passe doit comporter 6 chiffres.",
    "passwords_differ": "Les deux mots de passe saisis ne sont pas identiques.",
    "birth_date_invalid": "La date de naissance doit être au format jj/mm/aaaa.",
    "no_match": "Ces informations ne correspondent à aucun dossier. Vérifiez votre saisie.",
}


def attempts_message(attempts_left: int) -> str:
    plural = "essais" if attempts_left > 1 else "essai"
    return f"{MESSAGES['wrong_password']} Il vous reste {attempts_left} {plural}."


def clean_identifiant(typed: str | None) -> str:
    """What the learner typed, without spaces, the letter in capitals: « 4827153k » → 4827153K."""
    return "".join((typed or "").split()).upper()[:MAX_LENGTH]


def identifiant_problem(identifiant: str) -> str | None:
    return None if IDENTIFIANT.match(identifiant) else "identifiant_format"


def clean_email(typed: str | None) -> str:
    return (typed or "").strip().lower()[:MAX_LENGTH * 3]


def email_problem(email: str) -> str | None:
    return None if EMAIL.match(email) else "email_format"


def clean_postal_code(typed: str | None) -> str:
    return "".join((typed or "").split())[:MAX_LENGTH]


def postal_code_problem(code: str) -> str | None:
    return None if POSTAL_CODE.match(code) else "postal_code_format"


def new_password_problem(first: str, second: str) -> str | None:
    if not NEW_PASSWORD.match(first):
        return "password_format"
    if first != second:
        return "passwords_differ"
    return None


# A password chosen with « Mot de passe oublié » is kept as a salted hash, never as typed.
def hash_password(password: str) -> str:
    salt = secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), 1000)
    return f"{salt}${digest.hex()}"


def password_matches(typed: str, *, plain: str, hashed: str | None) -> bool:
    """Compare what was typed with the persona's password, or with the one chosen since."""
    if hashed:
        salt, digest = hashed.split("$", 1)
        typed_digest = hashlib.pbkdf2_hmac("sha256", typed.encode(), bytes.fromhex(salt), 1000)
        return hmac.compare_digest(typed_digest.hex(), digest)
    return hmac.compare_digest(typed.encode(), plain.encode())
