"""ISCED-F 2013 fields of study with the skills and roles they lead to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """A detailed ISCED-F field: labels, typical skills and a typical role."""

    code: str
    fr: str
    en: str
    ar: str | None
    skills: tuple[str, ...]
    # The role a graduate of the field holds: French masculine and
    # feminine forms, English, and Arabic where the term is settled.
    role_fr: tuple[str, str]
    role_en: str
    role_ar: str | None


def _field(
    code: str,
    fr: str,
    en: str,
    ar: str | None,
    skills: str,
    role_fr: str,
    role_en: str,
    role_ar: str | None = None,
) -> Field:
    # "masculine/feminine" in one string keeps the table below on one line
    # per value; a role without a slash is the same for both.
    masculine, _, feminine = role_fr.partition("/")
    roles = (masculine, feminine or masculine)
    return Field(code, fr, en, ar, tuple(skills.split(", ")), roles, role_en, role_ar)


FIELDS: dict[str, Field] = {
    field.code: field
    for field in (
        _field(
            "0111", "sciences de l'éducation", "education science", None,
            "pedagogy, curriculum design, e-learning, classroom management",
            "Enseignant/Enseignante", "teacher", "أستاذ",
        ),
        _field(
            "0221", "études islamiques", "Islamic studies", "الدراسات الإسلامية",
            "arabic writing, research, public speaking, translation",
            "Chercheur en études islamiques/Chercheuse en études islamiques",
            "researcher in Islamic studies", "باحث في الدراسات الإسلامية",
        ),
        _field(
            "0231", "langues étrangères appliquées", "applied foreign languages",
            None,
            "translation, interpreting, copywriting, "
            "teaching french as a foreign language, subtitling",
            "Traducteur/Traductrice", "translator", "مترجم",
        ),
        _field(
            "0232", "langue et littérature arabes", "Arabic language and literature",
            "اللغة العربية وآدابها",
            "arabic writing, editing, research, translation",
            "Rédacteur/Rédactrice", "editor",
        ),
        _field(
            "0311", "sciences économiques", "economics", "الاقتصاد",
            "econometrics, stata, data analysis, microsoft excel, "
            "economic modelling",
            "Économiste", "economist", "خبير اقتصادي",
        ),
        _field(
            "0312", "sciences politiques et relations internationales",
            "political science and international relations", None,
            "policy analysis, report writing, public speaking, research",
            "Chargé de mission/Chargée de mission", "policy officer",
        ),
        _field(
            "0321", "journalisme et communication", "journalism and communication",
            "الصحافة والتواصل",
            "copywriting, video editing, social media, public relations",
            "Journaliste", "journalist", "صحفي",
        ),
        _field(
            "0411", "comptabilité et fiscalité", "accounting and taxation",
            "المحاسبة",
            "accounting, taxation, sage, ifrs, auditing, microsoft excel",
            "Comptable", "accountant", "محاسب",
        ),
        _field(
            "0412", "finance, banque et assurance", "finance, banking and insurance",
            "المالية",
            "financial analysis, risk management, corporate finance, "
            "microsoft excel, excel vba",
            "Analyste financier/Analyste financière", "financial analyst",
            "محلل مالي",
        ),
        _field(
            "0413", "management", "management", "التدبير",
            "project management, business strategy, leadership, negotiation, "
            "human resources",
            "Chef de projet/Cheffe de projet", "project manager", "مدير مشروع",
        ),
        _field(
            "0414", "marketing et communication", "marketing and communication",
            "التسويق",
            "marketing digital, seo, social media, content marketing, "
            "google analytics, crm",
            "Chargé de marketing digital/Chargée de marketing digital",
            "digital marketing officer", "مسؤول التسويق الرقمي",
        ),
        _field(
            "0421", "droit", "law", "القانون",
            "business law, contract drafting, legal research, compliance",
            "Juriste", "legal counsel", "مستشار قانوني",
        ),
        _field(
            "0511", "biologie", "biology", None,
            "laboratory techniques, pcr, molecular biology, r",
            "Biologiste", "biologist",
        ),
        _field(
            "0521", "sciences de l'environnement", "environmental sciences", None,
            "gis, qgis, environmental impact assessment, water treatment, "
            "sustainability reporting",
            "Ingénieur environnement/Ingénieure environnement",
            "environmental engineer",
        ),
        _field(
            "0531", "chimie", "chemistry", "الكيمياء",
            "analytical chemistry, hplc, quality control, laboratory techniques",
            "Chimiste", "chemist",
        ),
        _field(
            "0541", "mathématiques", "mathematics", "الرياضيات",
            "matlab, python, statistics, mathematical modelling",
            "Ingénieur d'études/Ingénieure d'études", "research engineer",
        ),
        _field(
            "0542", "statistique et science des données",
            "statistics and data science", "تحليل البيانات",
            "python, r, sql, machine learning, data analysis, power bi",
            "Data analyst", "data analyst", "محلل بيانات",
        ),
        _field(
            "0612", "réseaux et systèmes", "networks and systems", None,
            "linux, cisco, network administration, cybersecurity, "
            "cloud computing",
            "Administrateur systèmes et réseaux/Administratrice systèmes et réseaux",
            "systems and network administrator",
        ),
        _field(
            "0613", "génie logiciel", "software engineering", "هندسة البرمجيات",
            "python, java, javascript, sql, git, react, docker, spring boot",
            "Développeur full stack/Développeuse full stack", "software developer",
            "مطور برمجيات",
        ),
        _field(
            "0711", "génie des procédés", "chemical and process engineering", None,
            "process engineering, aspen plus, hse, quality control, "
            "lean manufacturing",
            "Ingénieur procédés/Ingénieure procédés", "process engineer",
        ),
        _field(
            "0713", "génie électrique et énergies renouvelables",
            "electrical engineering and renewable energy", "الطاقات المتجددة",
            "solar pv design, electrical installations, autocad electrical, "
            "energy efficiency, matlab",
            "Ingénieur électricien/Ingénieure électricienne", "electrical engineer",
            "مهندس كهربائي",
        ),
        _field(
            "0714", "électronique et automatismes", "electronics and automation",
            None,
            "plc programming, embedded systems, c, scada, arduino",
            "Automaticien/Automaticienne", "automation engineer",
        ),
        _field(
            "0715", "génie mécanique", "mechanical engineering", None,
            "solidworks, catia, mechanical design, maintenance, "
            "lean manufacturing",
            "Ingénieur mécanique/Ingénieure mécanique", "mechanical engineer",
            "مهندس ميكانيكي",
        ),
        _field(
            "0716", "génie aéronautique", "aerospace engineering", None,
            "catia, composite materials, aircraft maintenance, matlab",
            "Ingénieur aéronautique/Ingénieure aéronautique", "aerospace engineer",
        ),
        _field(
            "0724", "génie minier", "mining engineering", None,
            "mine planning, geology, hse, autocad, surpac",
            "Ingénieur des mines/Ingénieure des mines", "mining engineer",
            "مهندس مناجم",
        ),
        _field(
            "0731", "architecture et urbanisme", "architecture and urban planning",
            "الهندسة المعمارية",
            "autocad, revit, sketchup, urban planning, bim",
            "Architecte", "architect", "مهندس معماري",
        ),
        _field(
            "0732", "génie civil", "civil engineering", "الهندسة المدنية",
            "autocad, revit, robot structural analysis, construction management, "
            "structural design",
            "Ingénieur génie civil/Ingénieure génie civil", "civil engineer",
            "مهندس مدني",
        ),
        _field(
            "0811", "agronomie", "agronomy", "الفلاحة",
            "agronomy, irrigation, crop management, gis, agricultural economics",
            "Ingénieur agronome/Ingénieure agronome", "agronomist", "مهندس زراعي",
        ),
        _field(
            "0841", "médecine vétérinaire", "veterinary medicine", None,
            "animal health, food safety, epidemiology",
            "Vétérinaire", "veterinarian", "طبيب بيطري",
        ),
        _field(
            "0911", "médecine dentaire", "dentistry", None,
            "dental care, oral surgery, patient care",
            "Chirurgien-dentiste/Chirurgienne-dentiste", "dentist", "طبيب أسنان",
        ),
        _field(
            "0912", "médecine", "medicine", "الطب",
            "clinical practice, emergency medicine, public health, epidemiology",
            "Médecin", "medical doctor", "طبيب",
        ),
        _field(
            "0913", "sciences infirmières", "nursing", None,
            "patient care, first aid, public health",
            "Infirmier/Infirmière", "nurse", "ممرض",
        ),
        _field(
            "0916", "pharmacie", "pharmacy", "الصيدلة",
            "pharmacology, pharmacovigilance, quality control, regulatory affairs",
            "Pharmacien/Pharmacienne", "pharmacist", "صيدلي",
        ),
        _field(
            "1015", "tourisme et hôtellerie", "tourism and hospitality", "السياحة",
            "hospitality management, customer service, event planning",
            "Chargé de clientèle tourisme/Chargée de clientèle tourisme",
            "tourism officer",
        ),
        _field(
            "1041", "logistique et transport", "logistics and transport",
            "اللوجستيك",
            "supply chain management, logistics, sap, inventory management, "
            "incoterms",
            "Responsable logistique", "logistics coordinator",
            "مسؤول اللوجستيك",
        ),
    )
}  # fmt: skip

# Skills anyone may list, whatever they studied.
GENERAL_SKILLS: tuple[str, ...] = (
    "microsoft excel",
    "project management",
    "public speaking",
    "teamwork",
    "report writing",
    "leadership",
    "data analysis",
    "marketing digital",
    "customer service",
    "powerpoint",
)
