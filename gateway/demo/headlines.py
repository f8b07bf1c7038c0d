"""Short professional headlines in French or English for generated alumni."""

from __future__ import annotations

import random

from gateway.db.enums import AlumnusStatus
from gateway.demo.countries import RESIDENCES
from gateway.demo.fields import Field

HEADLINE_SHARE = 0.9


def headline(
    rng: random.Random,
    status: AlumnusStatus,
    field: Field,
    school: str,
    residence: str,
    is_female: bool,
    *,
    prefers_english: bool,
) -> str | None:
    """A one-line profile headline, or None for the few who wrote none."""
    if rng.random() >= HEADLINE_SHARE:
        return None
    # Francophone and arabophone alumni mostly write French, the others
    # English, and a share of each writes the other language.
    english = rng.random() < (0.8 if prefers_english else 0.3)
    if status is AlumnusStatus.STUDENT:
        if english:
            return f"{_capitalise(field.en)} student – {school}"
        return f"{'Étudiante' if is_female else 'Étudiant'} en {field.fr} – {school}"

    role_fr = field.role_fr[is_female]
    role_en = _capitalise(field.role_en)
    if status is AlumnusStatus.PROFESSIONAL:
        role_fr, role_en = f"{role_fr} senior", f"Senior {field.role_en}"

    place = RESIDENCES.get(residence)
    if residence != "MA" and place is not None and rng.random() < 0.5:
        if english:
            return f"{role_en} based in {place.in_en}"
        return f"{role_fr} {'basée' if is_female else 'basé'} {place.in_fr}"
    if english:
        return f"{role_en} | {school} graduate"
    return f"{role_fr} | {'lauréate' if is_female else 'lauréat'} {school}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
