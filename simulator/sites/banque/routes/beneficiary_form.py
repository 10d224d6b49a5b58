"""The add-beneficiary form (CaracteristiquesBeneficiaireVirement): what was typed, what is wrong.

Kept apart from the routes so that they stay thin. What the learner typed is kept as typed,
so that the form shows it again after an error; the checks themselves live in ``rules``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from simulator.iban import IBAN_MESSAGES, boxes_from_form, check_iban_boxes
from simulator.sites.banque import rules

# SEPA countries of the real select. Only French IBANs are taken by this exercise (the form says
# so), the others are there so that the learner learns to pick « France ».
COUNTRIES = [
    ("FR", "France"),
    ("DE", "Allemagne"),
    ("BE", "Belgique"),
    ("ES", "Espagne"),
    ("IT", "Italie"),
    ("LU", "Luxembourg"),
    ("PT", "Portugal"),
]

BOX_COUNT = len(rules.IBAN_BOX_LENGTHS)
_CHARACTERS_HINT = "Utilisez des lettres, des chiffres, des espaces et les signes - ' . , /"


def bank_answer_for(iban: str, customer_bank_code: str) -> str:
    """The « à la Banque Citoyenne ? » answer that goes with an IBAN already checked."""
    return "oui" if rules.bank_code(iban) == customer_bank_code else "non"


@dataclass
class DetailsForm:
    bank_answer: str  # « Ce compte est-il à la Banque Citoyenne ? »: oui | non
    name: str = ""
    label: str = ""
    boxes: list[str] = field(default_factory=lambda: [""] * BOX_COUNT)
    iban: str | None = None  # set once the seven boxes make a valid IBAN
    errors: dict[str, str] = field(default_factory=dict)  # nom | iban | intituleCompte → message
    reasons: list[str] = field(default_factory=list)  # event reasons, in the order of the form
    iban_box: int | None = None  # the box at fault; None with an IBAN error means all of them

    MESSAGES = {
        "name_missing": "Veuillez saisir le nom du bénéficiaire.",
        "name_too_long": f"Le nom du bénéficiaire ne doit pas dépasser "
                         f"{rules.NAME_MAX_LENGTH} caractères.",
        "name_characters": f"Le nom du bénéficiaire contient des caractères non autorisés. "
                           f"{_CHARACTERS_HINT}",
        "label_too_long": f"L'intitulé du compte ne doit pas dépasser "
                          f"{rules.LABEL_MAX_LENGTH} caractères.",
        "label_characters": f"L'intitulé du compte contient des caractères non autorisés. "
                            f"{_CHARACTERS_HINT}",
        # The IBAN's own messages are shared with the other replicas (simulator/iban.py).
        **{f"iban_{reason}": text for reason, text in IBAN_MESSAGES.items()},
        "own_bank": "Le n° de compte que vous avez saisi appartient à la Banque Citoyenne, "
                    "veuillez vérifier votre saisie.",
        "not_own_bank": "Le n° de compte que vous avez saisi n'appartient pas à la Banque "
                        "Citoyenne, veuillez vérifier votre saisie.",
        "own_account": "Ce compte est le vôtre : il ne peut pas être ajouté comme bénéficiaire. "
                       "Pour virer de l'argent entre vos comptes, choisissez « Virements ».",
        "duplicate": "Ce bénéficiaire existe déjà.",
    }

    @classmethod
    def from_beneficiary(cls, beneficiary: dict, bank_answer: str) -> DetailsForm:
        return cls(bank_answer=bank_answer, name=beneficiary["name"],
                   label=beneficiary["label"] or "",
                   boxes=rules.split_iban_boxes(beneficiary["iban"]))

    @property
    def first_reason(self) -> str:
        return self.reasons[0]

    @property
    def first_box(self) -> int:
        """The IBAN box the first problem is about, or 0 (events)."""
        return (self.iban_box or 0) if self.first_reason.startswith("iban_") else 0

    def box_invalid(self, number: int) -> bool:
        return "iban" in self.errors and self.iban_box in (None, number)

    def refuse(self, field_name: str, reason: str, **details) -> None:
        self.reasons.append(reason)
        self.errors[field_name] = self.MESSAGES[reason].format(**details)

    def check_against(self, *, customer: dict, own_ibans: set[str], already: bool) -> None:
        """The checks that need the customer's accounts and beneficiaries (IBAN valid)."""
        same_bank = rules.bank_code(self.iban) == customer["bank_code"]
        if self.iban in own_ibans:
            self.refuse("iban", "own_account")
        elif self.bank_answer == "non" and same_bank:
            self.refuse("iban", "own_bank")
        elif self.bank_answer == "oui" and not same_bank:
            self.refuse("iban", "not_own_bank")
        elif already:
            self.refuse("iban", "duplicate")


def read_details(form: Mapping[str, str], bank_answer: str) -> DetailsForm:
    """Read and check the name, the seven IBAN boxes and the label, in the order of the form."""
    details = DetailsForm(
        bank_answer=bank_answer,
        name=form.get("nom", ""),
        label=form.get("intituleCompte", ""),
        boxes=boxes_from_form(form),
    )
    name = rules.clean_text(details.name)
    problem = rules.check_beneficiary_text(name, max_length=rules.NAME_MAX_LENGTH, required=True)
    if problem:
        details.refuse("nom", f"name_{problem}")
    checked, iban_problem = check_iban_boxes("FR", details.boxes)
    if iban_problem:
        details.iban_box = iban_problem.box
        details.refuse("iban", f"iban_{iban_problem.reason}", box=iban_problem.box,
                       length=iban_problem.length)
    label = rules.clean_text(details.label)
    problem = rules.check_beneficiary_text(label, max_length=rules.LABEL_MAX_LENGTH,
                                           required=False)
    if problem:
        details.refuse("intituleCompte", f"label_{problem}")
    if not details.errors:
        details.iban, details.name, details.label = checked, name, label
    return details
