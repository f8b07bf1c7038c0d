"""Titles and descriptions of demo opportunities in French, English, Arabic."""

from __future__ import annotations

from dataclasses import dataclass

from gateway.db.enums import OpportunityKind
from gateway.demo.fields import Field

K = OpportunityKind

# Arabic city names, for postings written in Arabic.
CITIES_AR: dict[str, str] = {
    "Casablanca": "الدار البيضاء",
    "Rabat": "الرباط",
    "Tanger": "طنجة",
    "Marrakech": "مراكش",
    "Fès": "فاس",
    "Agadir": "أكادير",
    "Kénitra": "القنيطرة",
    "Oujda": "وجدة",
    "Meknès": "مكناس",
    "Tétouan": "تطوان",
    "El Jadida": "الجديدة",
    "Benguerir": "ابن جرير",
    "Ouarzazate": "ورزازات",
    "Settat": "سطات",
    "Béni Mellal": "بني ملال",
    "Ifrane": "إفران",
}


@dataclass(frozen=True)
class Posting:
    """What an opportunity says, independent of the language it says it in."""

    kind: OpportunityKind
    field: Field
    partner: str
    # None when the opportunity takes place online.
    city: str | None
    skills: tuple[str, ...]
    # 0: unspecified, 1: junior, 2: senior.
    seniority: int
    weeks: int


def can_write(posting: Posting, language: str) -> bool:
    """Whether `posting` has the vocabulary to be written in `language`."""
    if language != "ar":
        return True
    field = posting.field
    if field.ar is None:
        return False
    if posting.kind in (K.JOB, K.INTERNSHIP):
        return field.role_ar is not None
    return posting.city is None or posting.city in CITIES_AR


def render(posting: Posting, language: str) -> tuple[str, str]:
    """The title and the description (simple HTML) of `posting`."""
    if language == "fr":
        return _french(posting)
    if language == "en":
        return _english(posting)
    return _arabic(posting)


def _french(p: Posting) -> tuple[str, str]:
    field = p.field.fr
    place = f"à {p.city}" if p.city else "en ligne"
    skills = ", ".join(p.skills)
    if p.kind is K.JOB:
        role = p.field.role_fr[0] + ("", " junior", " confirmé")[p.seniority]
        where = f"à {p.city}" if p.city else "en télétravail"
        return f"{role} (H/F)", (
            f"<p>{p.partner} recrute un(e) {_lower(role)} pour son équipe {where}.</p>"
            f"<p>Compétences recherchées : {skills}.</p>"
            "<p>Candidatures ouvertes aux lauréats de toutes nationalités.</p>"
        )
    if p.kind is K.INTERNSHIP:
        return f"Stage de fin d'études – {field}", (
            f"<p>{p.partner} propose un stage de 4 à 6 mois en {field} {place}.</p>"
            f"<p>Profil : étudiant(e) en dernière année, à l'aise avec {skills}.</p>"
        )
    if p.kind is K.TRAINING:
        return f"Formation certifiante en {field}", (
            f"<p>Programme de {p.weeks} semaines en {field}, {place}.</p>"
            f"<p>Au programme : {skills}.</p>"
        )
    if p.kind is K.SCHOLARSHIP:
        return f"Bourse d'excellence – master en {field}", (
            f"<p>{p.partner} finance des bourses pour des étudiants internationaux "
            f"admis en master ({field}).</p>"
            "<p>La bourse couvre les frais de scolarité et une allocation "
            "mensuelle.</p>"
        )
    if p.kind is K.MENTORING:
        return f"Programme de mentorat – {field}", (
            f"Six mois d'accompagnement par un professionnel expérimenté en {field} : "
            "entretiens mensuels, relecture de CV et mise en réseau."
        )
    return f"Forum carrières {field} – {p.city or 'en ligne'}", (
        f"<p>Rencontrez les recruteurs de {p.partner} et de ses partenaires : "
        "présentations, entretiens express et ateliers CV.</p>"
    )


def _english(p: Posting) -> tuple[str, str]:
    field = p.field.en
    place = f"in {p.city}" if p.city else "online"
    skills = ", ".join(p.skills)
    if p.kind is K.JOB:
        role = ("", "junior ", "senior ")[p.seniority] + p.field.role_en
        where = f"in {p.city}" if p.city else "remotely"
        return _upper(role), (
            f"<p>{p.partner} is hiring {_article(role)} {role} to join its team "
            f"{where}.</p>"
            f"<p>Skills: {skills}.</p>"
            "<p>Graduates of every nationality are welcome to apply.</p>"
        )
    if p.kind is K.INTERNSHIP:
        return f"Final-year internship – {field}", (
            f"<p>{p.partner} offers a 4 to 6 month internship in {field} {place}.</p>"
            f"<p>You are a final-year student comfortable with {skills}.</p>"
        )
    if p.kind is K.TRAINING:
        return f"Certified training in {field}", (
            f"<p>A {p.weeks}-week training programme in {field}, {place}.</p>"
            f"<p>Topics: {skills}.</p>"
        )
    if p.kind is K.SCHOLARSHIP:
        return f"Excellence scholarship – master's in {field}", (
            f"<p>{p.partner} funds scholarships for international students admitted "
            f"to a master's programme in {field}.</p>"
            "<p>The scholarship covers tuition and a monthly allowance.</p>"
        )
    if p.kind is K.MENTORING:
        return f"Mentoring programme – {field}", (
            f"Six months of guidance from an experienced professional in {field}: "
            "monthly meetings, CV reviews and introductions."
        )
    return f"{_upper(field)} careers fair – {p.city or 'online'}", (
        f"<p>Meet recruiters from {p.partner} and its partners: talks, "
        "speed interviews and CV workshops.</p>"
    )


def _arabic(p: Posting) -> tuple[str, str]:
    field = p.field.ar
    city = CITIES_AR.get(p.city or "", p.city)
    place = f"في {city}" if city else "عن بعد"
    skills = ", ".join(p.skills)
    if p.kind is K.JOB:
        return f"{p.field.role_ar}", (
            f"<p>نبحث عن {p.field.role_ar} للانضمام إلى فريقنا {place}.</p>"
            f"<p>المهارات المطلوبة: {skills}.</p>"
        )
    if p.kind is K.INTERNSHIP:
        return f"{p.field.role_ar} متدرب", (
            f"<p>نقترح تدريبا لمدة أربعة إلى ستة أشهر في مجال {field} {place}.</p>"
            f"<p>المهارات المطلوبة: {skills}.</p>"
        )
    if p.kind is K.TRAINING:
        return f"تكوين في {field}", (
            f"<p>برنامج تكويني في {field} لمدة {p.weeks} أسابيع {place}.</p>"
            f"<p>المحاور: {skills}.</p>"
        )
    if p.kind is K.SCHOLARSHIP:
        return f"منحة دراسية: ماستر في {field}", (
            f"<p>منح دراسية للطلبة الدوليين المقبولين في سلك الماستر في {field}.</p>"
            "<p>تغطي المنحة رسوم الدراسة وتعويضا شهريا.</p>"
        )
    if p.kind is K.MENTORING:
        return f"برنامج الإرشاد المهني: {field}", (
            f"ستة أشهر من المواكبة مع مهني ذي خبرة في مجال {field}."
        )
    return f"منتدى التوظيف: {field}", (
        f"<p>لقاء مع المشغلين وورشات لإعداد السيرة الذاتية {place}.</p>"
    )


def _lower(text: str) -> str:
    # "Data analyst" stays readable mid-sentence; acronyms are not used.
    return text[:1].lower() + text[1:]


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]
