"""Reading OneRoster sets: folders and zips, manifests, and CSV quirks."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from connectors.oneroster.errors import RosterUnreadable
from connectors.oneroster.reader import (
    FORBIDDEN,
    SPECS,
    HeaderError,
    Row,
    RowError,
    parse_date,
    read_rows,
)
from connectors.oneroster.source import ABSENT, BULK, DELTA, RosterSource
from tests.connectors.oneroster_support import FIXTURES

ALPHA = FIXTURES / "alpha_bulk"


def rows_of(text: str, name: str) -> list[Row | RowError]:
    return list(read_rows(io.StringIO(text, newline=""), SPECS[name]))


def zipped(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, prefix + file.name)
    return target


def test_users_lose_passwords_while_parsing() -> None:
    with RosterSource(ALPHA).open_text("users") as text:
        rows = [row for row in read_rows(text, SPECS["users"])]
    assert all(isinstance(row, Row) for row in rows)
    assert all("password" not in row.values for row in rows)  # type: ignore[union-attr]


def test_demographics_lose_race_and_ethnicity_while_parsing() -> None:
    with RosterSource(ALPHA).open_text("demographics") as text:
        rows = list(read_rows(text, SPECS["demographics"]))
    kept = set().union(*(row.values for row in rows if isinstance(row, Row)))
    assert kept and not kept & FORBIDDEN
    assert "countryofbirthcode" in kept


def test_a_byte_order_mark_does_not_hide_the_first_column() -> None:
    with RosterSource(ALPHA).open_text("users") as text:
        first = next(read_rows(text, SPECS["users"]))
    assert isinstance(first, Row) and first.get("sourcedid") == "stu-awa"


def test_quoted_fields_with_commas_and_crlf_newlines_stay_whole() -> None:
    with RosterSource(ALPHA).open_text("classes") as text:
        rows = list(read_rows(text, SPECS["classes"]))
    assert [r.get("title") for r in rows if isinstance(r, Row)] == [
        "Algorithmique, groupe 1",
        "Droit des contrats",
    ]
    # The first class spans two physical lines; the next starts on line 4.
    assert [r.line for r in rows] == [2, 4]


def test_a_missing_final_newline_loses_no_row() -> None:
    rows = rows_of("sourcedId,status\r\na,active\r\nb,active", "orgs")
    assert [r.get("sourcedid") for r in rows if isinstance(r, Row)] == ["a", "b"]


def test_headers_match_whatever_their_case_and_old_spelling() -> None:
    text = "SOURCEDID,SchoolSourcedId,termSourcedId\nc1,o1,t1\n"
    (row,) = rows_of(text, "classes")
    assert isinstance(row, Row)
    assert row.values["termsourcedids"] == "t1"


def test_demographics_of_one_point_one_are_keyed_by_user_sourced_id() -> None:
    (row,) = rows_of("userSourcedId,birthdate\nu1,2001-02-03\n", "demographics")
    assert isinstance(row, Row) and row.get("sourcedid") == "u1"


def test_a_header_without_a_required_column_is_an_error() -> None:
    with pytest.raises(HeaderError) as caught:
        rows_of("sourcedId,firstName,familyName\nu1,A,B\n", "users")
    assert caught.value.columns == ["givenName"]


def test_a_row_cut_short_is_a_row_error_with_its_line() -> None:
    rows = rows_of("sourcedId,status,name\na,active,A\nb,active\n", "orgs")
    assert isinstance(rows[1], RowError) and rows[1].line == 3


def test_a_file_cut_inside_a_quoted_field_ends_with_a_row_error() -> None:
    rows = rows_of('sourcedId,status,name\na,active,A\nb,active,"B', "orgs")
    assert isinstance(rows[0], Row)
    assert isinstance(rows[1], RowError) and "unreadable" in rows[1].reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2026-09-01", "2026-09-01", id="date"),
        pytest.param("2023-05-01T18:25:43.511Z", "2023-05-01", id="utc-millis"),
        pytest.param("2017-05-06 08:01:05", "2017-05-06", id="space-separator"),
        pytest.param("", None, id="empty"),
    ],
)
def test_dates_are_read_as_iso_8601(value: str, expected: str | None) -> None:
    parsed = parse_date(Row(2, {"begindate": value}), "begindate")
    assert (parsed.isoformat() if parsed else None) == expected


@pytest.mark.parametrize("value", ["01/09/2026", "2026-13-01", "tomorrow"])
def test_dates_not_in_iso_8601_name_their_column(value: str) -> None:
    with pytest.raises(RowError) as caught:
        parse_date(Row(2, {"begindate": value}), "begindate")
    assert caught.value.column == "beginDate"


def test_the_manifest_gives_each_file_its_mode() -> None:
    manifest = RosterSource(FIXTURES / "alpha_delta").manifest()
    assert manifest.oneroster_version == "1.2"
    assert manifest.mode("enrollments") == DELTA
    assert manifest.mode("users") == ABSENT


def test_a_set_without_manifest_is_one_point_zero_and_bulk(tmp_path: Path) -> None:
    (tmp_path / "orgs.csv").write_text("sourcedId\no1\n")
    manifest = RosterSource(tmp_path).manifest()
    assert (manifest.oneroster_version, manifest.mode("orgs")) == ("1.0", BULK)


def test_a_zip_reads_like_its_folder(tmp_path: Path) -> None:
    archive = zipped(ALPHA, tmp_path / "alpha.zip", prefix="export/")
    from_zip, from_folder = RosterSource(archive), RosterSource(ALPHA)
    assert from_zip.content_hash() == from_folder.content_hash()
    with from_zip.open_text("users") as text:
        assert sum(1 for _ in read_rows(text, SPECS["users"])) == 4
    from_zip.close()


def test_file_names_match_whatever_their_case(tmp_path: Path) -> None:
    (tmp_path / "UserProfiles.csv").write_text("sourcedId\n")
    assert RosterSource(tmp_path).has("userProfiles")


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: p / "missing", id="missing"),
        pytest.param(lambda p: p, id="empty-folder"),
        pytest.param(
            lambda p: (p / "x.zip").write_bytes(b"not a zip") and p / "x.zip",
            id="not-a-zip",
        ),
    ],
)
def test_unreadable_paths_are_refused(tmp_path: Path, make: object) -> None:
    with pytest.raises(RosterUnreadable):
        RosterSource(make(tmp_path))  # type: ignore[operator]
