"""Validation of ISO 3166-1 alpha-2 country codes in filters."""

from __future__ import annotations

import re
from collections.abc import Sequence

from schema.common.errors import BadUserInput

_ALPHA2 = re.compile(r"^[A-Z]{2}$")


def check_countries(codes: list[str], argument: str) -> list[str]:
    """Upper-case alpha-2 codes, or BAD_USER_INPUT naming the bad one."""
    checked = []
    for code in codes:
        upper = code.strip().upper()
        if not _ALPHA2.match(upper):
            raise BadUserInput(argument, f"{code!r} is not an ISO 3166-1 alpha-2 code")
        checked.append(upper)
    return checked


def check_list_size(
    values: Sequence[object] | None, argument: str, limit: int = 50
) -> None:
    """Refuse filter lists long enough to be abuse rather than a query."""
    if values is not None and len(values) > limit:
        raise BadUserInput(argument, f"at most {limit} values")
