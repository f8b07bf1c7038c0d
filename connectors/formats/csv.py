"""CSV uploads: one posting per row, under a documented header.

The header row names the columns, in any order (docs/connectors-csv.md
has the full reference and an example):

    external_id,title,description,language,kind,city,country,
    workplace_type,employment_type,salary_min,salary_max,salary_currency,
    salary_period,posted_at,expires_at,apply_url,skills

`external_id` and `title` are required columns; the others may be left
out, and any cell may be empty. A header with a missing required column or
a column not listed here (a typo would otherwise drop data silently) makes
the whole file `FeedMalformed`, naming them.

- Text is UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8");
  lines end in LF or CRLF; fields follow RFC 4180 quoting. The separator
  is `,`, or `;` when the header uses it (French-locale spreadsheets).
- `description`: HTML or plain text (blank lines separate paragraphs).
- `language`: ISO 639-1 (`fr`, `ar`, `en`); empty: detected.
- `kind`: job, internship, training, scholarship, mentoring or event;
  empty: job (internship when the contract form says so).
- `country`: ISO alpha-2 or a name in English, French or Arabic.
- `workplace_type`: on_site, hybrid or remote (also `télétravail`, ...).
- `employment_type`: full_time, part_time, contract, temporary,
  internship, apprenticeship, volunteer, other, or CDI, CDD, Stage, ...
- `salary_min`, `salary_max`: amounts (`12000`, `12 000`, `12000,50`);
  `salary_currency`: ISO 4217 (`MAD`, `EUR`, `XOF`); `salary_period`:
  hour, day, week, month or year.
- `posted_at`, `expires_at`: ISO 8601 (`2026-09-01` or
  `2026-09-01T09:00:00+01:00`); without a zone, UTC.
- `apply_url`: an http(s) address.
- `skills`: separated by `;`, `|` or `,` inside the cell.

A row with a bad cell is a `Rejection` at `line N` (the line the row starts
on, the header being line 1), naming each bad column and why.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TypeVar

from connectors.errors import FeedMalformed
from connectors.formats.assembly import PageBuilder
from connectors.formats.base import Page
from connectors.formats.documents import decode_text
from connectors.normalise import (
    NO_SALARY,
    Salary,
    clean_url,
    country_code,
    currency_code,
    declared_language,
    description_html,
    employment_type,
    parse_amount,
    salary_period,
    workplace_type,
)
from connectors.normalise.dates import to_utc
from gateway.db.enums import OpportunityKind

COLUMNS = (
    "external_id", "title", "description", "language", "kind", "city",
    "country", "workplace_type", "employment_type", "salary_min",
    "salary_max", "salary_currency", "salary_period", "posted_at",
    "expires_at", "apply_url", "skills",
)  # fmt: skip
REQUIRED_COLUMNS = ("external_id", "title")

T = TypeVar("T")


class CsvFormat:
    """Postings uploaded by a partner as a CSV file."""

    kind = "csv"

    def first_url(self, url: str) -> str:
        """The file itself."""
        return url

    def parse(self, body: bytes, url: str, content_type: str | None) -> Page:
        """Every row; bad rows become rejections naming line and column."""
        reader = _reader(_text(body, content_type))
        builder = PageBuilder(self.kind)
        line = reader.line_num + 1
        try:
            for row in reader:
                _add_row(builder, f"line {line}", row)
                line = reader.line_num + 1
        except csv.Error as exc:
            raise FeedMalformed(
                f"unreadable CSV at line {reader.line_num}: {exc}"
            ) from exc
        return builder.page()


def _text(body: bytes, content_type: str | None) -> str:
    try:
        text = decode_text(body, content_type)
    except FeedMalformed as exc:
        raise FeedMalformed(
            f"{exc}; save the file as CSV UTF-8 and upload it again"
        ) from exc
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise FeedMalformed("the CSV file is empty: expected a header row")
    return text


def _reader(text: str) -> csv.DictReader[str]:
    """A row reader past a checked header; `;` when the header uses it."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        # A quote left open would swallow the rest of the file silently.
        strict=True,
    )
    try:
        _check_header(reader.fieldnames)
    except csv.Error as exc:
        raise FeedMalformed(f"unreadable CSV header: {exc}") from exc
    return reader


def _check_header(fieldnames: object) -> None:
    names = (
        [name.strip() for name in fieldnames] if isinstance(fieldnames, list) else []
    )
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    unknown = [name for name in names if name not in COLUMNS]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing columns: {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown columns: {', '.join(unknown)}")
        raise FeedMalformed(f"wrong CSV header ({'; '.join(problems)})")


class _Row:
    """Cells of one row, read with their errors collected."""

    def __init__(self, cells: Mapping[str | None, object]) -> None:
        self.cells = {
            (key or "").strip(): value.strip()
            for key, value in cells.items()
            if key is not None and isinstance(value, str)
        }
        self.errors: list[str] = []
        if None in cells:
            self.errors.append("more cells than header columns")

    def text(self, column: str) -> str | None:
        """The trimmed cell, or None when empty or absent."""
        return self.cells.get(column) or None

    def read(
        self, column: str, reader: Callable[[str], T | None], reason: str
    ) -> T | None:
        """The cell through `reader`; an error when it is set but unreadable."""
        value = self.text(column)
        if value is None:
            return None
        result = reader(value)
        if result is None:
            self.errors.append(f"{column}: {reason} ({value!r})")
        return result


def _iso_datetime(value: str) -> datetime | None:
    try:
        return to_utc(datetime.fromisoformat(value))
    except ValueError:
        return None


def _kind(value: str) -> OpportunityKind | None:
    try:
        return OpportunityKind(value.lower())
    except ValueError:
        return None


def _salary(row: _Row) -> Salary:
    minimum = row.read("salary_min", parse_amount, "not an amount")
    maximum = row.read("salary_max", parse_amount, "not an amount")
    currency = row.read("salary_currency", currency_code, "not an ISO 4217 currency")
    period = row.read(
        "salary_period", salary_period, "not hour, day, week, month or year"
    )
    if minimum is not None and maximum is not None and minimum > maximum:
        row.errors.append("salary_min: greater than salary_max")
    if (minimum is not None or maximum is not None) and currency is None:
        row.errors.append("salary_currency: required with an amount")
    if minimum is None and maximum is None:
        return NO_SALARY
    return Salary(minimum=minimum, maximum=maximum, currency=currency, period=period)


def _add_row(
    builder: PageBuilder, position: str, cells: Mapping[str | None, object]
) -> None:
    row = _Row(cells)
    language = row.read("language", declared_language, "not an ISO 639-1 language")
    kind = row.read("kind", _kind, f"not one of {', '.join(OpportunityKind)}")
    country = row.read("country", country_code, "not a country")
    workplace = row.read(
        "workplace_type", workplace_type, "not on_site, hybrid or remote"
    )
    employment = row.read(
        "employment_type", employment_type, "not a known contract form"
    )
    salary = _salary(row)
    posted_at = row.read("posted_at", _iso_datetime, "not an ISO 8601 date")
    expires_at = row.read("expires_at", _iso_datetime, "not an ISO 8601 date")
    apply_url = row.read("apply_url", clean_url, "not an http(s) URL")
    skills = (row.text("skills") or "").replace("|", ";").replace(",", ";").split(";")

    if row.errors:
        builder.reject(position, "; ".join(row.errors), row.text("external_id"))
        return
    builder.add(
        position,
        external_id=row.text("external_id"),
        title=row.text("title"),
        description=description_html(row.text("description")),
        language=language,
        kind=kind,
        city=row.text("city"),
        country=country,
        workplace_type=workplace,
        employment_type=employment,
        salary=salary,
        posted_at=posted_at,
        expires_at=expires_at,
        apply_url=apply_url,
        skills=skills,
    )
