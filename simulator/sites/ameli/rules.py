"""What the ameli account checks and computes, as pure functions, with its own words
(reference §1.5; woob's ameli module for the error strings)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator import identifiers
from simulator.identifiers import Check

ADDRESS = "https://assure.ameli.fr"  # what the address bar shows, and the e-mails link to
CODE_LENGTH = 6
CODE_MINUTES = 15  # « Ce code est valable 15 minutes » (the real e-mail)
MAX_CODE_FAILURES = 3  # a wrong security code three times: « compte ameli verrouillé »
MAX_PASSWORD_FAILURES = 3
MAX_CODE_REQUESTS = 3  # « maximum de demandes de code »

MESSAGES = {
    "nir_empty": "Veuillez saisir votre numéro de sécurité sociale.",
    "nir_length": "Le numéro de sécurité sociale doit comporter 13 caractères.",
    "nir_characters": "Le numéro de sécurité sociale ne doit contenir que des chiffres (ou 2A, "
                      "2B pour la Corse).",
    "nir_with_key": "Saisissez les 13 premiers caractères de votre numéro de sécurité sociale, "
                    "sans la clé (les 2 derniers chiffres).",
    "nir_key": "Le numéro de sécurité sociale saisi est erroné : vérifiez les chiffres et la clé.",
    "real_number": identifiers.REAL_NUMBER_MESSAGE,
    "code_empty": "Veuillez saisir votre code personnel.",
    "wrong_code_personnel": "Le numéro de sécurité sociale et le code personnel ne "
                            "correspondent pas. Veuillez vérifier votre saisie.",
    "locked": "Votre compte ameli est verrouillé. Pour votre sécurité, l'accès à votre compte "
              "ameli est bloqué après plusieurs saisies erronées. Pour le débloquer, vous pouvez "
              "commander un nouveau code depuis la page de connexion (« Code personnel oublié "
              "? ») ou appeler le 36 46.",
    # The security code of the second step
    "code_format": "Le code de sécurité doit comporter 6 chiffres : un chiffre dans chaque case.",
    "code_expired": "Ce code de sécurité a expiré (il est valable 15 minutes). Demandez un "
                    "nouveau code.",
    "code_used": "Ce code de sécurité a déjà été utilisé. Demandez un nouveau code.",
    "code_requests": "Vous avez atteint le maximum de demandes de code. Réessayez plus tard.",
    # Mes démarches
    "no_reason": "Veuillez indiquer s'il s'agit d'une perte ou d'un vol.",
    "not_confirmed": "Veuillez cocher la case pour confirmer votre déclaration.",
    "already_declared": "Vous avez déjà déclaré la perte ou le vol de votre carte Vitale. Votre "
                        "nouvelle carte est en cours de fabrication.",
    "holder_empty": "Veuillez saisir le nom du titulaire du compte.",
    "same_iban": "Ces coordonnées bancaires sont déjà enregistrées sur votre compte.",
    "rib_not_confirmed": "Veuillez cocher la case pour certifier que ce compte est à votre nom.",
    # Ma messagerie
    "subject_missing": "Veuillez choisir l'objet de votre message.",
    "body_empty": "Veuillez saisir votre message.",
    "body_too_long": "Votre message ne doit pas dépasser 2 000 caractères.",
}

# « Ma messagerie »: the subjects of the real list (« Choisissez un objet »), and the caisse's
# answer to each, written later in the session.
SUBJECTS = {
    "remboursements": "Mes remboursements",
    "carte_vitale": "Ma carte Vitale",
    "attestation": "Obtenir une attestation",
    "coordonnees": "Mes coordonnées (adresse, banque…)",
    "autre": "Autre demande",
}
REPLIES = {
    "remboursements": "Le détail de chaque remboursement est dans « Mes paiements » : touchez "
                      "une ligne pour voir la base de remboursement, le taux et la "
                      "participation forfaitaire.",
    "carte_vitale": "Si votre carte Vitale est perdue ou volée, déclarez-le dans « Mes "
                    "démarches » : une nouvelle carte vous sera envoyée.",
    "attestation": "Vous pouvez télécharger votre attestation de droits à tout moment dans "
                   "« Mes démarches », rubrique « Obtenir une attestation de droits ».",
    "coordonnees": "Vous pouvez modifier vos coordonnées bancaires dans « Mes démarches » avec "
                   "le RIB de votre compte.",
    "autre": "Nous avons bien reçu votre demande et nous y répondons ci-dessous.",
}
MAX_MESSAGE = 2000


def check_nir(typed: str | None, persona_nir: str) -> str | None:
    """The numéro de sécurité sociale as the login asks for it: 13 characters, without the key.
    15 characters (with the key): the right number says to leave the key out, a wrong key says
    so. None when it is the persona's."""
    number = identifiers.compact(typed)
    if len(number) == 15 and number.isdigit():
        found = identifiers.check_nir(number, persona_nir + identifiers.nir_key(persona_nir))
        return {Check.PERSONA: "nir_with_key", Check.KEY: "nir_key"}.get(found, "real_number")
    return {
        Check.PERSONA: None,
        Check.EMPTY: "nir_empty",
        Check.CHARACTERS: "nir_characters",
        Check.LENGTH: "nir_length",
        Check.REAL_LOOKING: "real_number",
    }[identifiers.check_nir(typed, persona_nir, with_key=False)]


def joined_code(boxes: list[str | None]) -> str:
    """The six boxes, one digit each (a code pasted in the first box is accepted too)."""
    return "".join("".join((box or "").split()) for box in boxes)[:20]


def code_format_ok(code: str) -> bool:
    return len(code) == CODE_LENGTH and code.isdigit() and code.isascii()


def wrong_code_message(attempts_left: int) -> str:
    essais = "essais" if attempts_left > 1 else "essai"
    return (f"Le code de sécurité saisi est erroné. Il vous reste {attempts_left} {essais}. "
            "Vérifiez le code reçu par courriel.")


def spaced_nir(number: str, key: str = "") -> str:
    """« 2980269388047 » (+ « 10 ») → « 2 98 02 69 388 047 10 », as the carte Vitale prints it."""
    n = identifiers.compact(number)
    spaced = f"{n[0]} {n[1:3]} {n[3:5]} {n[5:7]} {n[7:10]} {n[10:13]}" if len(n) == 13 else n
    return f"{spaced} {key}".strip()


def masked_email(email: str) -> str:
    """« nadia.ferrand@mel-exemple.fr » → « n************@mel-exemple.fr »."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'*' * max(len(local) - 1, 3)}@{domain}"


# --- reimbursements ----------------------------------------------------------------------


@dataclass(frozen=True)
class Reimbursement:
    """What a line of « Mes paiements » says, in cents."""

    spent: int  # « Montant payé » (what the care cost)
    base: int  # « Base de remboursement »
    rate: int  # « Taux de remboursement », %
    gross: int  # base × rate
    deducted: int  # participation forfaitaire or franchise médicale
    reimbursed: int  # « Montant remboursé »: what was paid out
    left: int  # what is left to pay (to the complémentaire santé, or to the insured)


def reimbursement(spent: int, base: int, rate: int, deducted: int) -> Reimbursement:
    """Base × taux, rounded to the cent, minus the participation forfaitaire (2 € a
    consultation) or the franchise médicale (1 € a box), never below zero."""
    gross = (base * rate + 50) // 100
    reimbursed = max(gross - deducted, 0)
    return Reimbursement(spent=spent, base=base, rate=rate, gross=gross, deducted=deducted,
                         reimbursed=reimbursed, left=max(spent - reimbursed, 0))


def act_kind(label: str) -> str:
    """« Consultation médecin généraliste » → ``consultation`` (what events and scenarios name)."""
    lowered = label.lower()
    for word, kind in (("pédiatre", "pediatre"), ("pharmacie", "pharmacie"),
                       ("médicament", "pharmacie"), ("dentaire", "dentaire"),
                       ("consultation", "consultation")):
        if word in lowered:
            return kind
    return re.sub(r"[^a-z]+", "_", lowered)[:20]


def cents(euros: float) -> int:
    return int(round(euros * 100))
