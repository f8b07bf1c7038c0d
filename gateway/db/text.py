"""Text folding shared by writers of `search_text` and the search filters."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    """Lower-case `text` and strip accents so "Équipe" matches "equipe".

    Arabic letters have no combining marks to strip beyond vowel signs,
    which are dropped too: partners rarely type them in a search box.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def build_search_text(parts: Iterable[str | None]) -> str:
    """The value stored in a `search_text` column: folded, space separated."""
    return " ".join(fold(part) for part in parts if part)


def university_search_text(names: Iterable[str], acronym: str | None) -> str:
    """`search_text` of a university: every name it goes by, and its acronym."""
    return build_search_text([*names, acronym])


def normalise_skill(skill: str) -> str:
    """Skills compare case-insensitively and without surrounding blanks."""
    return " ".join(skill.split()).casefold()[:80]


def like_pattern(term: str) -> str:
    """A LIKE pattern matching `term` anywhere, with wildcards escaped."""
    folded = fold(term).strip()
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
