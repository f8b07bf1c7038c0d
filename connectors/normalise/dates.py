"""Dates from partner feeds, as aware UTC datetimes.

Sources write ISO 8601 (with `Z`, an offset, or none), RFC 822 (RSS), epoch
milliseconds (Lever) and the odd free-text date. A date or time without a
zone is taken as UTC: no feed we read states a local zone elsewhere, and a
guessed zone would be worse than a few hours' error on a posting date.
Day-first and month-first numeric dates (`08/11/2021`) are ambiguous and
are not guessed: they read as no date.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

# Year first with slashes or dots (`2026/07/14`) is unambiguous.
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_HAS_MONTH_NAME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_HAS_YEAR = re.compile(r"\b\d{4}\b")
# Missing fields in a free-text date come from here, never from today.
_DEFAULT = datetime(1970, 1, 1)
# Epoch values past this are taken for milliseconds (the year 2286 in s).
_EPOCH_MS_THRESHOLD = 10**10


def to_utc(moment: datetime) -> datetime:
    """The same instant in UTC; a naive value is taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_datetime(value: object) -> datetime | None:
    """A UTC datetime from ISO 8601, RFC 822 or a textual date, else None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_epoch(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for read in (_read_iso, _read_rfc822, _read_textual):
        moment = read(text)
        if moment is not None:
            return to_utc(moment)
    return None


def from_epoch(value: object) -> datetime | None:
    """A UTC datetime from epoch seconds or milliseconds (Lever's `createdAt`)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    seconds = value / 1000 if abs(value) >= _EPOCH_MS_THRESHOLD else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _read_iso(text: str) -> datetime | None:
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        text = "-".join(f"{int(part):02d}" for part in match.groups())
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _read_rfc822(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _read_textual(text: str) -> datetime | None:
    # Only dates that name their month and year: numeric ones are ambiguous.
    if not (_HAS_MONTH_NAME.search(text) and _HAS_YEAR.search(text)):
        return None
    try:
        moment: datetime = dateutil_parser.parse(text, default=_DEFAULT)
    except (ValueError, OverflowError):
        return None
    return moment
