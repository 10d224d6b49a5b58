"""The card of the person the learner plays: what they need to log in, and their papers."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from simulator.personas import load_persona
from simulator.sites import DEVICES, SITES_BY_NAME


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


def _value(persona, section: dict, key: str):
    """A key of the site's section, or a dotted path from the persona's root for what another
    section holds (``franceconnect.comptes.ameli.identifiant``)."""
    if "." not in key:
        return section.get(key)
    value = persona.model_dump()
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def card_for(persona_id: str, site: str | None) -> PersonaCard:
    persona = load_persona(persona_id)
    identity = persona.identite
    card = PersonaCard(
        persona_id=persona.id,
        full_name=identity.full_name,
        initials=(identity.prenom[:1] + identity.nom[:1]).upper(),
    )
    section = persona.section(site) if site else {}
    fields = SITES_BY_NAME[site].card_fields if site in SITES_BY_NAME else []
    for key, label in fields:
        value = _value(persona, section, key)
        if value is not None:
            card.lines.append(CardLine(str(label), str(value), "digits"))
    phone = persona.section("telephone").get("numero")
    if phone:
        card.lines.append(CardLine(str(_l("Téléphone")), phone))
    for device in DEVICES:  # the mailbox's address…
        for key, label in device.card_fields:
            value = persona.section(device.name).get(key)
            if value is not None:
                card.lines.append(CardLine(str(label), str(value)))
    card.documents = list(persona.section("documents").get(site or "", []))
    return card
