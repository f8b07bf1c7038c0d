"""Picking text in the language a reader asked for."""

from __future__ import annotations

import re
from typing import Annotated

import strawberry

from schema.common.errors import BadUserInput

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")

LanguageArgument = Annotated[
    str | None,
    strawberry.argument(
        description="ISO 639-1 code (e.g. `fr`, `ar`, `en`) of the language to "
        "read this in; falls back to the original when no version exists."
    ),
]


def check_language(code: str, argument: str = "language") -> str:
    """A lower-case ISO 639 code, or BAD_USER_INPUT."""
    lowered = code.strip().lower()
    if not _LANGUAGE.match(lowered):
        raise BadUserInput(argument, f"{code!r} is not an ISO 639-1 language code")
    return lowered


def pick_name(default: str, names: dict[str, str] | None, language: str | None) -> str:
    """`names[language]` when present, else the default name."""
    if language and names:
        return names.get(check_language(language), default)
    return default
