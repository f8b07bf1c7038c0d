"""Countries as ISO 3166-1 alpha-2, and cities out of free-text places.

Country names are matched in English, French and Arabic (pycountry's own
names and translations, accents and case folded), with the aliases feeds
use (`UK`, `USA`, `Ivory Coast`, `RDC`). Free-text places look like
`Sydney, Australia`, `Ontario, CAN` or `New York, NY`; a trailing
two-letter code that is also a US state or Canadian province (`CA`, `MA`,
`GA`, `IN`) is ambiguous and gives no country: "Casablanca, MA" and
"Boston, MA" cannot be told apart from the text alone.
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass

import pycountry

from gateway.db.text import fold

MAX_CITY_LENGTH = 120

_ALIASES = {
    "uk": "GB", "u.k.": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "us": "US",
    "united states of america": "US", "etats-unis d'amerique": "US",
    "ivory coast": "CI", "cote divoire": "CI", "rdc": "CD", "drc": "CD",
    "rd congo": "CD", "congo-kinshasa": "CD", "democratic republic of the congo": "CD",
    "congo-brazzaville": "CG", "republic of the congo": "CG",
    "holland": "NL", "russia": "RU", "south korea": "KR", "turkey": "TR",
    "vietnam": "VN", "czech republic": "CZ", "tanzania": "TZ", "iran": "IR",
    "syria": "SY", "palestine": "PS", "uae": "AE", "emirats": "AE",
    "deutschland": "DE", "cap-vert": "CV", "cape verde": "CV", "swaziland": "SZ",
    "guinee-bissau": "GW", "guinee equatoriale": "GQ",
}  # fmt: skip

# Two-letter codes that are also US states, DC or Canadian provinces.
_SUBDIVISION_CODES = frozenset(
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI",
        "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN",
        "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
        "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
        "WV", "WI", "WY", "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON",
        "PE", "QC", "SK", "YT",
    }
)  # fmt: skip
_REMOTE_WORDS = frozenset(
    {"remote", "remote-friendly", "fully remote", "anywhere", "worldwide",
     "teletravail", "a distance", "home office", "homeoffice"}
)  # fmt: skip


def _key(name: str) -> str:
    folded = fold(name).replace("\u2019", "'").replace("`", "'")
    return " ".join(folded.split())


@functools.cache
def _country_names() -> dict[str, str]:
    """Folded country names in English, French and Arabic, to alpha-2."""
    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("fr", "ar")
    ]
    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        english = [
            getattr(country, attribute, None)
            for attribute in ("name", "common_name", "official_name")
        ]
        for name in filter(None, english):
            names[_key(name)] = code
            for translation in translations:
                names[_key(translation.gettext(name))] = code
    names.update({_key(alias): code for alias, code in _ALIASES.items()})
    return names


def country_code(value: object, *, allow_alpha2: bool = True) -> str | None:
    """ISO 3166-1 alpha-2 from a code (any case) or a country name, else None."""
    if not isinstance(value, str):
        return None
    text = value.strip().strip(".")
    alias = _ALIASES.get(_key(text))
    if alias:
        return alias
    if len(text) == 2 and text.isalpha():
        if not allow_alpha2:
            return None
        country = pycountry.countries.get(alpha_2=text.upper())
        return str(country.alpha_2) if country else None
    if len(text) == 3 and text.isalpha() and text.isupper():
        country = pycountry.countries.get(alpha_3=text)
        if country:
            return str(country.alpha_2)
    return _country_names().get(_key(text))


@dataclass(frozen=True)
class Place:
    """A city and country read from a source, and whether it says remote."""

    city: str | None = None
    country: str | None = None
    is_remote: bool = False


def is_remote_word(text: str) -> bool:
    """Whether a place is no place: "Remote", "Télétravail", "Anywhere"."""
    return _key(text) in _REMOTE_WORDS or _key(text).startswith("remote")


def city_name(value: object) -> str | None:
    """A city as written, trimmed and bounded, or None."""
    if not isinstance(value, str):
        return None
    city = " ".join(value.split())
    return city[:MAX_CITY_LENGTH] or None


def split_places(text: str) -> list[str]:
    """Several places in one field: Greenhouse joins them by ` | ` or `; `."""
    pieces = [text]
    for separator in (" | ", "|", ";"):
        pieces = [part for piece in pieces for part in piece.split(separator)]
    return [piece.strip() for piece in pieces if piece.strip()]


def parse_place(text: str) -> Place:
    """City and country from `City, Region, Country`-style text."""
    # Arabic text separates with the Arabic comma.
    parts = [part.strip() for part in text.replace("\u060c", ",").split(",")]
    parts = [part for part in parts if part]
    is_remote = any(is_remote_word(part) for part in parts)
    parts = [part for part in parts if not is_remote_word(part)]
    if not parts:
        return Place(is_remote=is_remote)
    if len(parts) == 1:
        country = country_code(parts[0], allow_alpha2=False)
        city = None if country else city_name(parts[0])
        return Place(city=city, country=country, is_remote=is_remote)

    last = parts[-1]
    is_ambiguous = len(last) == 2 and last.upper() in _SUBDIVISION_CODES
    country = None if is_ambiguous else country_code(last)
    return Place(city=city_name(parts[0]), country=country, is_remote=is_remote)
