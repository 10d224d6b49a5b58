"""The card of the person the learner plays: what they need to log in, and their papers."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from simulator.personas import load_persona

# Which secrets of the persona each site needs, and how the card names them.
SITE_FIELDS = {
    # The words of the bank's own login page, so that the learner finds them there.
    "banque": [("identifiant", _l("Identifiant")), ("code_secret", _l("Mot de passe"))],
}


@dataclass
class CardLine:
    label: str
    value: str
    kind: str = "text"  # "digits": spaced out so that it is easy to copy on a keypad


@dataclass
class PersonaCard:
    persona_id: str
    full_name: str
    initials: str
    lines: list[CardLine] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)


def card_for(persona_id: str, site: str | None) -> PersonaCard:
    persona = load_persona(persona_id)
    identity = persona.identite
    card = PersonaCard(
        persona_id=persona.id,
        full_name=identity.full_name,
        initials=(identity.prenom[:1] + identity.nom[:1]).upper(),
    )
    section = persona.section(site) if site else {}
    for key, label in SITE_FIELDS.get(site or "", []):
        if key in section:
            card.lines.append(CardLine(str(label), str(section[key]), "digits"))
    phone = persona.section("telephone").get("numero")
    if phone:
        card.lines.append(CardLine(str(_l("Téléphone")), phone))
    card.documents = list(persona.section("documents").get(site or "", []))
    return card
