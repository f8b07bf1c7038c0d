"""Fictional partner organisations and the rows that describe them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gateway.db.enums import OpportunityKind, PartnerKind
from gateway.demo.catalogue import SchoolRef
from gateway.demo.timeline import REFERENCE_TIME

K = OpportunityKind

# What each kind of partner posts, by weight.
KIND_MIX: dict[PartnerKind, dict[OpportunityKind, int]] = {
    PartnerKind.COMPANY: {K.JOB: 50, K.INTERNSHIP: 35, K.TRAINING: 10, K.EVENT: 5},
    PartnerKind.UNIVERSITY: {
        K.SCHOLARSHIP: 25, K.TRAINING: 25, K.EVENT: 30, K.INTERNSHIP: 10,
        K.MENTORING: 10,
    },
    PartnerKind.PRIVATE_INSTITUTE: {
        K.TRAINING: 35, K.SCHOLARSHIP: 25, K.EVENT: 25, K.JOB: 15,
    },
    PartnerKind.DIASPORA_ORG: {
        K.MENTORING: 40, K.EVENT: 30, K.JOB: 15, K.INTERNSHIP: 15,
    },
    PartnerKind.PLATFORM: {
        K.EVENT: 30, K.TRAINING: 30, K.MENTORING: 20, K.JOB: 10, K.INTERNSHIP: 10,
    },
}  # fmt: skip

# How many postings each kind of partner has, relative to the others.
POSTING_WEIGHT: dict[PartnerKind, int] = {
    PartnerKind.COMPANY: 4,
    PartnerKind.UNIVERSITY: 3,
    PartnerKind.PRIVATE_INSTITUTE: 3,
    PartnerKind.DIASPORA_ORG: 2,
    PartnerKind.PLATFORM: 3,
}

_ANY_FIELD = ("0413", "0613", "0542", "0732", "0713", "0411", "0414", "0421")


@dataclass(frozen=True)
class DemoPartner:
    """An invented organisation; no name belongs to a real company."""

    kind: PartnerKind
    name: str
    slug: str
    country: str
    # (city, country) pairs where its opportunities take place.
    places: tuple[tuple[str, str], ...]
    # ISCED-F fields it recruits or trains in.
    fields: tuple[str, ...]
    # Acronym of the school a university or private institute speaks for.
    school: str | None = None


def _company(
    name: str, slug: str, places: str, fields: str, country: str = "MA"
) -> DemoPartner:
    pairs = tuple(
        (city.strip(), code.strip() or country)
        for city, _, code in (place.partition("/") for place in places.split(","))
    )
    return DemoPartner(
        PartnerKind.COMPANY, name, slug, country, pairs, tuple(fields.split())
    )


def _diaspora(name: str, slug: str, country: str, cities: str) -> DemoPartner:
    places = tuple((city.strip(), country) for city in cities.split(","))
    return DemoPartner(
        PartnerKind.DIASPORA_ORG, name, slug, country, places, _ANY_FIELD
    )


COMPANIES: tuple[DemoPartner, ...] = (
    _company("Zelligo Software", "zelligo-software",
             "Casablanca, Rabat", "0613 0612 0542"),
    _company("Oasolar Energy", "oasolar-energy",
             "Ouarzazate, Casablanca", "0713 0714 0521"),
    _company("Kenzara Logistics", "kenzara-logistics",
             "Tanger, Casablanca", "1041 0413 0411"),
    _company("Argalis Conseil", "argalis-conseil",
             "Casablanca, Rabat", "0411 0412 0413 0421"),
    _company("Tingitech Automotive", "tingitech-automotive",
             "Tanger, Kénitra", "0715 0714 0711"),
    _company("Sanatlas Health Labs", "sanatlas-health",
             "Casablanca, Marrakech", "0912 0916 0913 0511"),
    _company("Anfalytics Digital", "anfalytics-digital",
             "Casablanca", "0414 0542 0321"),
    _company("Soussagro Export", "soussagro-export", "Agadir", "0811 1041 0521"),
    _company("Bouregreg Infrastructures", "bouregreg-infrastructures",
             "Rabat, Tanger, Benguerir", "0732 0731 0724"),
    _company("Mizane Microfinance", "mizane-microfinance",
             "Casablanca, Fès, Oujda", "0412 0411 0311"),
    _company("Sahelia Telecom Services", "sahelia-telecom",
             "Dakar, Abidjan/CI", "0612 0613 0413", "SN"),
)  # fmt: skip

DIASPORA_ORGS: tuple[DemoPartner, ...] = (
    _diaspora("Passerelle Atlas Talents", "passerelle-atlas", "FR", "Paris, Lyon"),
    _diaspora("Réseau Ingénieurs du Détroit", "reseau-detroit",
              "ES", "Madrid, Barcelona"),
    _diaspora("Cercle bruxellois des compétences marocaines", "cercle-bruxellois",
              "BE", "Bruxelles"),
    _diaspora("Maple Atlas Professionals", "maple-atlas", "CA", "Montréal"),
    _diaspora("Rhein-Atlas Netzwerk", "rhein-atlas", "DE", "Frankfurt am Main"),
)  # fmt: skip

PLATFORM = DemoPartner(
    PartnerKind.PLATFORM,
    "Plateforme Alumni Maroc – équipe démo",
    "alumni-platform",
    "MA",
    (("Rabat", "MA"), ("Casablanca", "MA")),
    _ANY_FIELD,
)

# Career offices of schools: public universities and private institutes.
UNIVERSITY_OFFICES = ("UM5R", "UH2C", "UCA", "USMBA", "UIZ")
PRIVATE_OFFICES = ("UIC", "UPM", "EMSI", "HEM")


def demo_partners(schools: list[SchoolRef]) -> list[DemoPartner]:
    """Every demo partner, schools' career offices included, in id order."""
    by_acronym = {school.university.acronym: school for school in schools}
    offices = []
    for kind, acronyms in (
        (PartnerKind.UNIVERSITY, UNIVERSITY_OFFICES),
        (PartnerKind.PRIVATE_INSTITUTE, PRIVATE_OFFICES),
    ):
        for acronym in acronyms:
            university = by_acronym[acronym].university
            fields = tuple(
                dict.fromkeys(p.field.code for p in by_acronym[acronym].programs)
            )
            offices.append(
                DemoPartner(
                    kind,
                    f"Centre carrières – {university.fr}",
                    f"carrieres-{acronym.lower()}",
                    "MA",
                    ((university.city, "MA"),),
                    fields,
                    acronym,
                )
            )
    return [PLATFORM, *COMPANIES, *offices, *DIASPORA_ORGS]


def partner_rows(
    partners: list[DemoPartner], schools: list[SchoolRef]
) -> list[dict[str, Any]]:
    """Insertable rows for `partners`, ids 1..n in list order."""
    school_ids = {school.university.acronym: school.id for school in schools}
    return [
        {
            "id": partner_id,
            "kind": partner.kind,
            "name": partner.name,
            "slug": partner.slug,
            "country": partner.country,
            "website": f"https://{partner.slug}.example.com",
            "university_id": school_ids[partner.school] if partner.school else None,
            "created_at": REFERENCE_TIME,
            "updated_at": REFERENCE_TIME,
        }
        for partner_id, partner in enumerate(partners, 1)
    ]
