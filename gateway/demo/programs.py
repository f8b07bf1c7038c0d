"""Degree programs by school profile, named the way Moroccan schools do."""

from __future__ import annotations

from dataclasses import dataclass

from gateway.db.enums import DegreeLevel

L = DegreeLevel


@dataclass(frozen=True)
class ProgramTemplate:
    """A program a school of some profile typically offers."""

    field: str
    level: DegreeLevel
    fr: str
    en: str


# Years from first enrolment to the diploma, for plausible dates.
DURATION_YEARS: dict[DegreeLevel, int] = {
    L.DUT: 2,
    L.BTS: 2,
    L.DEUG: 2,
    L.LICENCE: 3,
    L.LICENCE_PROFESSIONNELLE: 1,
    L.MASTER: 2,
    L.MASTER_SPECIALISE: 2,
    L.INGENIEUR: 3,
    L.DOCTORAT: 4,
    L.DOCTORAT_MEDECINE: 7,
    L.CERTIFICATE: 1,
}

_P = ProgramTemplate

PROFILES: dict[str, tuple[ProgramTemplate, ...]] = {
    # Faculties of a regional public university and its EST / ENCG schools.
    "university": (
        _P("0311", L.LICENCE, "Licence en Sciences Économiques",
           "Bachelor in Economics"),
        _P("0311", L.DOCTORAT, "Doctorat en Sciences Économiques", "PhD in Economics"),
        _P("0421", L.LICENCE, "Licence en Droit Privé", "Bachelor in Private Law"),
        _P("0421", L.MASTER, "Master en Droit des Affaires", "Master in Business Law"),
        _P("0413", L.LICENCE, "Licence en Sciences de Gestion",
           "Bachelor in Management"),
        _P("0413", L.DUT, "DUT Techniques de Management",
           "DUT in Management Techniques"),
        _P("0411", L.LICENCE_PROFESSIONNELLE,
           "Licence Professionnelle Comptabilité et Audit",
           "Professional Bachelor in Accounting and Audit"),
        _P("0412", L.MASTER, "Master Finance, Banque et Assurance",
           "Master in Finance, Banking and Insurance"),
        _P("0414", L.MASTER, "Diplôme de l'ENCG – Marketing et Action Commerciale",
           "ENCG Diploma – Marketing and Sales"),
        _P("0312", L.MASTER, "Master Relations Internationales",
           "Master in International Relations"),
        _P("0231", L.LICENCE, "Licence Études Françaises",
           "Bachelor in French Studies"),
        _P("0231", L.LICENCE, "Licence Études Anglaises",
           "Bachelor in English Studies"),
        _P("0232", L.LICENCE, "Licence Langue et Littérature Arabes",
           "Bachelor in Arabic Language and Literature"),
        _P("0321", L.LICENCE_PROFESSIONNELLE,
           "Licence Professionnelle Journalisme et Communication",
           "Professional Bachelor in Journalism and Communication"),
        _P("0511", L.LICENCE, "Licence Sciences de la Vie",
           "Bachelor in Life Sciences"),
        _P("0531", L.LICENCE, "Licence Sciences de la Matière Chimie",
           "Bachelor in Chemistry"),
        _P("0541", L.LICENCE, "Licence Mathématiques Appliquées",
           "Bachelor in Applied Mathematics"),
        _P("0542", L.MASTER, "Master Science des Données", "Master in Data Science"),
        _P("0521", L.MASTER, "Master Sciences de l'Environnement",
           "Master in Environmental Sciences"),
        _P("0613", L.DUT, "DUT Génie Informatique", "DUT in Computer Engineering"),
        _P("0613", L.MASTER, "Master Ingénierie Logicielle",
           "Master in Software Engineering"),
        _P("0713", L.DUT, "DUT Génie Électrique", "DUT in Electrical Engineering"),
        _P("1015", L.LICENCE_PROFESSIONNELLE,
           "Licence Professionnelle Management du Tourisme",
           "Professional Bachelor in Tourism Management"),
        _P("1041", L.MASTER, "Master Logistique et Supply Chain",
           "Master in Logistics and Supply Chain"),
    ),
    # ENSA / ENSAM / FST engineering cycles and private engineering schools.
    "engineering": (
        _P("0613", L.INGENIEUR, "Cycle Ingénieur Génie Informatique",
           "Engineering Degree in Computer Science"),
        _P("0732", L.INGENIEUR, "Cycle Ingénieur Génie Civil",
           "Engineering Degree in Civil Engineering"),
        _P("0713", L.INGENIEUR, "Cycle Ingénieur Génie Électrique",
           "Engineering Degree in Electrical Engineering"),
        _P("0715", L.INGENIEUR, "Cycle Ingénieur Génie Mécanique",
           "Engineering Degree in Mechanical Engineering"),
        _P("0711", L.INGENIEUR, "Cycle Ingénieur Génie des Procédés",
           "Engineering Degree in Process Engineering"),
        _P("0714", L.INGENIEUR, "Cycle Ingénieur Génie Industriel et Automatique",
           "Engineering Degree in Industrial Automation"),
        _P("0612", L.INGENIEUR, "Cycle Ingénieur Réseaux et Télécommunications",
           "Engineering Degree in Networks and Telecommunications"),
        _P("0542", L.INGENIEUR,
           "Cycle Ingénieur Data Science et Intelligence Artificielle",
           "Engineering Degree in Data Science and AI"),
        _P("0713", L.MASTER, "Master Énergies Renouvelables",
           "Master in Renewable Energy"),
        _P("0732", L.DOCTORAT, "Doctorat en Sciences de l'Ingénieur",
           "PhD in Engineering Sciences"),
    ),
    "health": (
        _P("0912", L.DOCTORAT_MEDECINE, "Doctorat en Médecine", "Doctor of Medicine"),
        _P("0916", L.DOCTORAT_MEDECINE, "Doctorat en Pharmacie", "Doctor of Pharmacy"),
        _P("0911", L.DOCTORAT_MEDECINE, "Doctorat en Médecine Dentaire",
           "Doctor of Dental Medicine"),
        _P("0913", L.LICENCE, "Licence en Sciences Infirmières", "Bachelor in Nursing"),
    ),
    "business": (
        _P("0413", L.LICENCE, "Bachelor en Management", "Bachelor in Management"),
        _P("0413", L.MASTER, "Master Grande École en Management",
           "Master in Management"),
        _P("0413", L.CERTIFICATE, "Certificat en Management de Projet",
           "Certificate in Project Management"),
        _P("0411", L.MASTER_SPECIALISE,
           "Master Spécialisé Audit et Contrôle de Gestion",
           "Specialised Master in Audit and Management Control"),
        _P("0412", L.MASTER, "Master Finance d'Entreprise",
           "Master in Corporate Finance"),
        _P("0414", L.MASTER, "Master Marketing Digital", "Master in Digital Marketing"),
        _P("1041", L.MASTER_SPECIALISE, "Master Spécialisé Supply Chain Management",
           "Specialised Master in Supply Chain Management"),
    ),
    "technician": (
        _P("0613", L.BTS, "BTS Développement des Systèmes d'Information",
           "BTS in Information Systems Development"),
        _P("0411", L.BTS, "BTS Comptabilité et Gestion",
           "BTS in Accounting and Management"),
        _P("0612", L.BTS, "BTS Systèmes et Réseaux Informatiques",
           "BTS in Computer Systems and Networks"),
    ),
    "islamic": (
        _P("0221", L.LICENCE, "Licence en Études Islamiques",
           "Bachelor in Islamic Studies"),
        _P("0221", L.MASTER, "Master Charia et Droit", "Master in Sharia and Law"),
        _P("0221", L.DOCTORAT, "Doctorat en Études Islamiques",
           "PhD in Islamic Studies"),
        _P("0232", L.LICENCE, "Licence Langue Arabe", "Bachelor in Arabic Language"),
    ),
    "agriculture": (
        _P("0811", L.INGENIEUR, "Ingénieur Agronome", "Agronomist Engineering Degree"),
        _P("0841", L.DOCTORAT, "Doctorat Vétérinaire", "Doctor of Veterinary Medicine"),
        _P("0521", L.MASTER, "Master Gestion des Ressources en Eau",
           "Master in Water Resources Management"),
        _P("0811", L.DOCTORAT, "Doctorat en Sciences Agronomiques",
           "PhD in Agricultural Sciences"),
    ),
    "telecom": (
        _P("0612", L.INGENIEUR, "Ingénieur Cybersécurité et Confiance Numérique",
           "Engineering Degree in Cybersecurity"),
        _P("0613", L.INGENIEUR, "Ingénieur Génie Logiciel",
           "Engineering Degree in Software Engineering"),
        _P("0542", L.MASTER, "Master Intelligence Artificielle et Big Data",
           "Master in AI and Big Data"),
    ),
    "liberal_arts": (
        _P("0413", L.LICENCE, "Bachelor of Business Administration",
           "Bachelor of Business Administration"),
        _P("0613", L.LICENCE, "Bachelor of Science in Computer Science",
           "Bachelor of Science in Computer Science"),
        _P("0312", L.MASTER, "Master en Études Internationales",
           "Master of Arts in International Studies"),
        _P("0521", L.LICENCE, "Bachelor en Gestion Environnementale",
           "Bachelor in Environmental Management"),
    ),
    "architecture": (
        _P("0731", L.MASTER, "Diplôme d'Architecte", "Architecture Degree"),
        _P("0731", L.MASTER, "Master Urbanisme et Aménagement",
           "Master in Urban Planning"),
    ),
    "aerospace": (
        _P("0716", L.INGENIEUR, "Ingénieur Aéronautique et Spatial",
           "Aerospace Engineering Degree"),
    ),
    "mining": (
        _P("0724", L.INGENIEUR, "Ingénieur Génie Minier", "Mining Engineering Degree"),
        _P("0531", L.DOCTORAT, "Doctorat en Chimie des Phosphates",
           "PhD in Phosphate Chemistry"),
    ),
}  # fmt: skip


def templates_for(profiles: tuple[str, ...]) -> list[ProgramTemplate]:
    """Every template of the given profiles, duplicates dropped, in order."""
    seen: dict[tuple[str, str], ProgramTemplate] = {}
    for profile in profiles:
        for template in PROFILES[profile]:
            seen.setdefault((template.field, template.fr), template)
    return list(seen.values())
