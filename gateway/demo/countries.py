"""Where demo alumni come from and live: weights, phone codes, languages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """A nationality: its weight among alumni, names and home languages."""

    code: str
    weight: int
    calling_code: str
    name_region: str
    # (ISO 639-1 code, percent of people who speak it), most common first.
    languages: tuple[tuple[str, int], ...]


def _origin(code: str, weight: int, calling: str, region: str, spec: str) -> Origin:
    # "fr wo:80" reads as: French for everyone, Wolof for 80 percent.
    languages = []
    for item in spec.split():
        language, _, percent = item.partition(":")
        languages.append((language, int(percent or 100)))
    return Origin(code, weight, calling, region, tuple(languages))


# Weights follow the main sending countries of the scholarship programme for
# foreign students in Morocco: West and Central Africa first, then the rest
# of the continent; every country keeps enough weight to appear in a small
# demo database.
AFRICAN_ORIGINS: tuple[Origin, ...] = (
    _origin("GN", 90, "224", "sahel", "fr ff:60"),
    _origin("CI", 85, "225", "gulf", "fr"),
    _origin("ML", 80, "223", "sahel", "fr bm:70 ff:20"),
    _origin("SN", 75, "221", "sahel", "fr wo:80 ff:25"),
    _origin("MR", 70, "222", "mauritania", "ar fr:85 ff:10"),
    _origin("TD", 60, "235", "sahel", "fr ar:70"),
    _origin("NE", 55, "227", "sahel", "fr ha:60"),
    _origin("CG", 45, "242", "central", "fr ln:70 kg:20"),
    _origin("GA", 45, "241", "central", "fr"),
    _origin("CM", 45, "237", "central", "fr en:50"),
    _origin("BF", 40, "226", "sahel", "fr"),
    _origin("MG", 35, "261", "malagasy", "mg fr:90"),
    _origin("DJ", 35, "253", "horn", "fr so:70 ar:40"),
    _origin("KM", 30, "269", "comoros", "fr ar:60"),
    _origin("CD", 30, "243", "central", "fr ln:60 sw:30"),
    _origin("BJ", 30, "229", "gulf", "fr yo:25"),
    _origin("TG", 28, "228", "gulf", "fr ee:50"),
    _origin("SD", 25, "249", "nile", "ar en:50"),
    _origin("NG", 20, "234", "gulf", "en ha:30 yo:30 ig:25"),
    _origin("TN", 20, "216", "maghreb", "ar fr:90"),
    _origin("CF", 15, "236", "central", "fr sg:60"),
    _origin("GW", 15, "245", "lusophone", "pt ff:20"),
    _origin("RW", 15, "250", "east", "rw en:80 fr:50"),
    _origin("DZ", 15, "213", "maghreb", "ar fr:85"),
    _origin("LY", 15, "218", "nile", "ar en:40"),
    _origin("BI", 12, "257", "east", "rn fr:85 sw:20"),
    _origin("GH", 12, "233", "gulf", "en ak:60 ee:15"),
    _origin("EG", 12, "20", "nile", "ar en:70"),
    _origin("AO", 12, "244", "lusophone", "pt"),
    _origin("GQ", 10, "240", "central", "es fr:50"),
    _origin("CV", 10, "238", "lusophone", "pt"),
    _origin("KE", 10, "254", "east", "en sw:90"),
    _origin("ET", 10, "251", "ethiopia", "am en:70 om:20"),
    _origin("MZ", 10, "258", "lusophone", "pt ts:15"),
    _origin("GM", 10, "220", "sahel", "en wo:60 ff:20"),
    _origin("ST", 8, "239", "lusophone", "pt"),
    _origin("SO", 8, "252", "horn", "so ar:60 en:30"),
    _origin("TZ", 8, "255", "east", "sw en:80"),
    _origin("UG", 8, "256", "east", "en lg:40 sw:20"),
    _origin("SL", 8, "232", "gulf", "en"),
    _origin("LR", 7, "231", "gulf", "en"),
    _origin("SS", 6, "211", "east", "en ar:40"),
    _origin("ZA", 6, "27", "southern", "en zu:35 xh:25 af:20"),
    _origin("ZM", 6, "260", "southern", "en ny:30"),
    _origin("ZW", 6, "263", "southern", "en sn:70 nd:15"),
    _origin("ER", 5, "291", "ethiopia", "ti ar:40 en:50"),
    _origin("NA", 5, "264", "southern", "en af:40"),
    _origin("MW", 5, "265", "southern", "en ny:80"),
    _origin("BW", 4, "267", "southern", "en tn:85"),
    _origin("LS", 4, "266", "southern", "st en:90"),
    _origin("SZ", 4, "268", "southern", "ss en:90"),
)

# Foreign students from outside Africa: the Middle East, Haiti, Asia, France.
OTHER_ORIGINS: tuple[Origin, ...] = (
    _origin("PS", 15, "970", "arab_east", "ar en:60"),
    _origin("YE", 15, "967", "arab_east", "ar en:40"),
    _origin("SY", 10, "963", "arab_east", "ar en:40 fr:20"),
    _origin("JO", 6, "962", "arab_east", "ar en:80"),
    _origin("IQ", 6, "964", "arab_east", "ar en:50"),
    _origin("HT", 8, "509", "haiti", "fr ht:90"),
    _origin("FR", 10, "33", "france", "fr en:80"),
    _origin("CN", 6, "86", "china", "zh en:60"),
    _origin("ID", 6, "62", "indonesia", "id en:60 ar:30"),
)

MOROCCO = _origin("MA", 1, "212", "morocco", "ar fr:95 en:60 es:15")

# Shares of foreign students and graduates: 12,000 of the platform's 14,000
# students come from African countries; a few Moroccans enrol too.
AFRICAN_SHARE = 0.86
MOROCCAN_SHARE = 0.05


@dataclass(frozen=True)
class Residence:
    """A country alumni live in outside their own, with how to name it."""

    code: str
    calling_code: str
    # The local language people there tend to pick up, if any.
    language: str | None
    # "based in ..." with the right French preposition, and in English.
    in_fr: str
    in_en: str


RESIDENCES: dict[str, Residence] = {
    residence.code: residence
    for residence in (
        Residence("MA", "212", None, "au Maroc", "Morocco"),
        Residence("FR", "33", "fr", "en France", "France"),
        Residence("ES", "34", "es", "en Espagne", "Spain"),
        Residence("BE", "32", "fr", "en Belgique", "Belgium"),
        Residence("CA", "1", "fr", "au Canada", "Canada"),
        Residence("DE", "49", "de", "en Allemagne", "Germany"),
        Residence("IT", "39", "it", "en Italie", "Italy"),
        Residence("NL", "31", "nl", "aux Pays-Bas", "the Netherlands"),
        Residence("US", "1", "en", "aux États-Unis", "the United States"),
        Residence("AE", "971", "en", "aux Émirats arabes unis", "the UAE"),
        Residence("GB", "44", "en", "au Royaume-Uni", "the United Kingdom"),
        Residence("CH", "41", "fr", "en Suisse", "Switzerland"),
        Residence("QA", "974", "en", "au Qatar", "Qatar"),
        Residence("SN", "221", "wo", "au Sénégal", "Senegal"),
        Residence("CI", "225", "fr", "en Côte d'Ivoire", "Côte d'Ivoire"),
    )
}

# Where skilled Moroccans abroad live, by weight.
DIASPORA_RESIDENCES: dict[str, int] = {
    "FR": 30,
    "ES": 15,
    "BE": 10,
    "CA": 10,
    "DE": 8,
    "IT": 8,
    "NL": 7,
    "US": 5,
    "AE": 4,
    "GB": 3,
    "CH": 2,
    "QA": 2,
}

# Where foreign graduates go when neither Morocco nor home: Europe, North
# America, the Gulf, or a regional hub such as Dakar or Abidjan.
GRADUATE_ABROAD: dict[str, int] = {
    "FR": 30,
    "CA": 15,
    "SN": 10,
    "CI": 10,
    "BE": 8,
    "DE": 8,
    "US": 5,
    "ES": 5,
    "AE": 5,
    "GB": 4,
}


def calling_codes() -> dict[str, str]:
    """Country calling code (no "+") by ISO 3166 alpha-2 code."""
    codes = {origin.code: origin.calling_code for origin in AFRICAN_ORIGINS}
    codes.update((origin.code, origin.calling_code) for origin in OTHER_ORIGINS)
    codes.update(
        (code, residence.calling_code) for code, residence in RESIDENCES.items()
    )
    return codes
