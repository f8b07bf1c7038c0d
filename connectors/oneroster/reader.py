"""Stream one OneRoster CSV file as rows of the columns the importer uses.

Rows are read one at a time with the stdlib csv module, so memory does not
grow with the file. Headers are matched without regard to case, and the
spellings of older versions are mapped to today's (`termSourcedId` ->
`termSourcedIds`, `userSourcedId` -> `sourcedId` in demographics). Only
the columns a file's spec keeps survive parsing: passwords and the race
and ethnicity columns of `demographics.csv` are dropped right here.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO

# Fields may hold long multi-valued lists; stay well above csv's default.
csv.field_size_limit(1 << 20)


@dataclass(frozen=True)
class Reject:
    """A row (or a file) that could not be used, and why; never its values."""

    file: str
    line: int
    column: str | None
    reason: str

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of a reject in reports and import runs."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "reason": self.reason,
        }


class RowError(Exception):
    """A value in one row that makes the row unusable."""

    def __init__(self, column: str | None, reason: str, line: int = 0) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason
        # Set by the reader for rows it cannot split; 0 when raised later.
        self.line = line


@dataclass(frozen=True)
class FileSpec:
    """The columns kept from one file, by their lower-cased spec names."""

    keep: frozenset[str]
    required: frozenset[str] = frozenset({"sourcedid"})
    aliases: dict[str, str] = field(default_factory=dict)


# Never kept, whatever a spec says: checked when specs are built.
FORBIDDEN = frozenset(
    {
        "password",
        "americanindianoralaskanative",
        "asian",
        "blackorafricanamerican",
        "nativehawaiianorotherpacificislander",
        "white",
        "demographicracetwoormoreraces",
        "hispanicorlatinoethnicity",
    }
)

_COMMON = frozenset({"sourcedid", "status", "datelastmodified"})

SPECS: dict[str, FileSpec] = {
    "orgs": FileSpec(_COMMON | {"name", "type", "parentsourcedid"}),
    "academicSessions": FileSpec(_COMMON | {"startdate", "enddate"}),
    "courses": FileSpec(
        _COMMON | {"title", "orgsourcedid", "grades", "metadata.degreelevel"},
        aliases={"grade": "grades"},
    ),
    "classes": FileSpec(
        _COMMON | {"title", "coursesourcedid", "schoolsourcedid", "termsourcedids"},
        required=frozenset({"sourcedid", "schoolsourcedid"}),
        aliases={"termsourcedid": "termsourcedids"},
    ),
    "demographics": FileSpec(
        _COMMON | {"birthdate", "countryofbirthcode", "metadata.nationality"},
        aliases={"usersourcedid": "sourcedid"},
    ),
    "roles": FileSpec(
        _COMMON | {"usersourcedid", "role", "orgsourcedid", "begindate", "enddate"},
        required=frozenset({"usersourcedid", "role"}),
    ),
    "users": FileSpec(
        _COMMON
        | {
            "role",
            "givenname",
            "familyname",
            "email",
            "orgsourcedids",
            "primaryorgsourcedid",
        },
        required=frozenset({"sourcedid", "givenname", "familyname"}),
    ),
    "enrollments": FileSpec(
        _COMMON
        | {
            "classsourcedid",
            "schoolsourcedid",
            "usersourcedid",
            "role",
            "begindate",
            "enddate",
            "metadata.outcome",
        },
        required=frozenset({"sourcedid", "classsourcedid", "usersourcedid", "role"}),
    ),
}
assert all(not (spec.keep & FORBIDDEN) for spec in SPECS.values())


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file and the kept, stripped values."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The value of `column`, or "" when the file lacks the column."""
        return self.values.get(column, "")


# The spec's spelling of every column kept, for reports; rows use lower case.
SPELLING = {
    name.lower(): name
    for name in (
        "sourcedId",
        "status",
        "dateLastModified",
        "name",
        "type",
        "parentSourcedId",
        "startDate",
        "endDate",
        "title",
        "orgSourcedId",
        "grades",
        "metadata.degreeLevel",
        "courseSourcedId",
        "schoolSourcedId",
        "termSourcedIds",
        "birthDate",
        "countryOfBirthCode",
        "metadata.nationality",
        "userSourcedId",
        "role",
        "beginDate",
        "givenName",
        "familyName",
        "email",
        "orgSourcedIds",
        "primaryOrgSourcedId",
        "classSourcedId",
        "metadata.outcome",
    )
}


def spelling(column: str) -> str:
    """`column` as the OneRoster spec spells it."""
    return SPELLING.get(column, column)


class HeaderError(Exception):
    """A header that lacks columns the importer needs."""

    def __init__(self, columns: list[str]) -> None:
        self.columns = [spelling(column) for column in columns]
        names = ", ".join(self.columns)
        super().__init__(f"required column missing from the header: {names}")


def read_rows(text: IO[str], spec: FileSpec) -> Iterator[Row | RowError]:
    """Rows of one file, or a RowError in place of a row that is malformed."""
    reader = csv.reader(text, strict=True)
    header = next(reader, None)
    if header is None:
        raise HeaderError(sorted(spec.required))
    names = [spec.aliases.get(h.strip().lower(), h.strip().lower()) for h in header]
    missing = sorted(spec.required - set(names))
    if missing:
        raise HeaderError(missing)
    kept = [(index, name) for index, name in enumerate(names) if name in spec.keep]
    width = len(names)

    line = reader.line_num
    while True:
        start = line + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # A file cut off inside a quoted field ends here.
            yield RowError(None, f"unreadable row: {exc}", start)
            return
        line = reader.line_num
        if not fields or fields == [""]:
            continue
        if len(fields) != width:
            reason = f"row has {len(fields)} fields, header has {width}"
            yield RowError(None, reason, start)
            continue
        yield Row(start, {name: fields[index].strip() for index, name in kept})


def parse_date(row: Row, column: str) -> date | None:
    """An ISO 8601 date (a date-time is cut to its date); None when empty."""
    value = row.get(column)
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value).date()
    except ValueError as exc:
        name = spelling(column)
        raise RowError(name, f"{name} is not an ISO 8601 date") from exc


def split_ids(value: str) -> list[str]:
    """A comma-separated list of ids, blanks dropped."""
    return [part.strip() for part in value.split(",") if part.strip()]
