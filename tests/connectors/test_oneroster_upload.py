"""Universities upload rosters over HTTP and read their runs in the graph.

The tests of this module share one database and run in order.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
import sqlalchemy as sa

from gateway.db.models import Alumnus, Enrollment, table_of
from schema.common.ids import to_global_id
from tests.conftest import WritableGraph
from tests.connectors.oneroster_support import FIXTURES

IMPORTS = """
query { enrollmentImports { id status created ended rejected
        rejects { file line column reason } } }
"""
ONE_IMPORT = "query ($id: ID!) { enrollmentImport(id: $id) { id status created } }"
GRADUATE = """
mutation ($id: ID!) {
  recordGraduation(enrollmentId: $id, endDate: "2027-07-10") { id status endDate }
}
"""

runs: dict[str, int] = {}


def alpha_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in sorted((FIXTURES / "alpha_bulk").iterdir()):
            archive.write(file, file.name)
    return buffer.getvalue()


async def upload(
    writable: WritableGraph, role: str | None, body: bytes, query: str = ""
) -> Any:
    client = writable.client
    headers = {"Content-Type": "application/zip"}
    if role:
        headers["Authorization"] = f"Bearer {client.mint.token(role)}"
    return await client.http.post(
        f"/enrollment/imports{query}", content=body, headers=headers
    )


async def enrollment_pk(writable: WritableGraph, school: str, source: str) -> int:
    enrollments = table_of(Enrollment)
    async with writable.client.engine.connect() as conn:
        value = await conn.scalar(
            sa.select(enrollments.c.id).where(
                enrollments.c.university_id == writable.known.universities[school],
                enrollments.c.source_id == source,
            )
        )
    assert value is not None
    return int(value)


async def test_an_upload_needs_a_token(writable: WritableGraph) -> None:
    response = await upload(writable, None, alpha_zip())

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("role", ["reader", "company"])
async def test_an_upload_needs_enrollment_write(
    writable: WritableGraph, role: str
) -> None:
    response = await upload(writable, role, alpha_zip())

    assert response.status_code == 403


async def test_a_body_that_is_not_a_zip_is_refused(writable: WritableGraph) -> None:
    response = await upload(writable, "university", b"sourcedId\n")

    assert response.status_code == 400


async def test_an_unclear_dry_run_flag_is_refused_not_applied(
    writable: WritableGraph,
) -> None:
    response = await upload(writable, "university", alpha_zip(), "?dryRun=maybe")

    assert response.status_code == 400
    data = await writable.client.data(IMPORTS, as_="university")
    assert data["enrollmentImports"] == []


async def test_a_zip_that_unpacks_past_the_cap_is_refused(
    writable: WritableGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gateway.enrollment_upload

    monkeypatch.setattr(gateway.enrollment_upload, "MAX_UNPACKED_BYTES", 100)
    response = await upload(writable, "university", alpha_zip())

    assert response.status_code == 400
    assert "unpacks to more than 100 bytes" in response.text


async def test_a_dry_run_upload_writes_nothing(writable: WritableGraph) -> None:
    response = await upload(writable, "university", alpha_zip(), "?dryRun=true")

    assert response.status_code == 200
    assert response.json()["status"] == "dry_run"
    data = await writable.client.data(IMPORTS, as_="university")
    assert data["enrollmentImports"] == []


async def test_a_university_uploads_its_roster_and_gets_a_run(
    writable: WritableGraph,
) -> None:
    response = await upload(writable, "university", alpha_zip())

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "succeeded" and body["created"] == 8
    runs["alpha"] = body["run_id"]


async def test_the_run_is_in_the_graph_for_its_university(
    writable: WritableGraph,
) -> None:
    data = await writable.client.data(IMPORTS, as_="university")

    (run,) = data["enrollmentImports"]
    assert run["id"] == to_global_id("EnrollmentImport", runs["alpha"])
    assert (run["status"], run["created"], run["rejected"]) == ("succeeded", 8, 0)


async def test_another_university_cannot_read_the_run(
    writable: WritableGraph,
) -> None:
    run_id = to_global_id("EnrollmentImport", runs["alpha"])

    one = await writable.client.data(ONE_IMPORT, {"id": run_id}, as_="university2")
    listed = await writable.client.data(IMPORTS, as_="university2")

    assert one["enrollmentImport"] is None
    assert listed["enrollmentImports"] == []


async def test_another_university_cannot_import_into_it(
    writable: WritableGraph,
) -> None:
    # Beta's token imports for Beta, whatever the files say: Alpha's rows
    # stay exactly as they were.
    enrollments = table_of(Enrollment)
    alpha = writable.known.universities["alpha"]

    async def alpha_rows() -> list[tuple[object, ...]]:
        async with writable.client.engine.connect() as conn:
            result = await conn.execute(
                sa.select(enrollments)
                .where(enrollments.c.university_id == alpha)
                .order_by(enrollments.c.id)
            )
            return [tuple(row) for row in result]

    before = await alpha_rows()
    response = await upload(writable, "university2", alpha_zip())

    assert response.status_code == 200
    assert await alpha_rows() == before


async def test_a_university_records_a_graduation(writable: WritableGraph) -> None:
    pk = await enrollment_pk(writable, "alpha", "enr-jean-info")

    data = await writable.client.data(
        GRADUATE, {"id": to_global_id("Enrollment", pk)}, as_="university"
    )

    assert data["recordGraduation"]["status"] == "GRADUATED"
    alumni, enrollments = table_of(Alumnus), table_of(Enrollment)
    async with writable.client.engine.connect() as conn:
        person = (
            await conn.execute(
                sa.select(alumni)
                .join(enrollments, enrollments.c.alumnus_id == alumni.c.id)
                .where(enrollments.c.id == pk)
            )
        ).one()
    assert (person.status.value, person.graduation_year) == ("graduate", 2027)
    assert not person.is_visible_to_partners


async def test_another_university_cannot_record_a_graduation(
    writable: WritableGraph,
) -> None:
    pk = await enrollment_pk(writable, "alpha", "enr-awa-info")

    codes = await writable.client.error_codes(
        GRADUATE, {"id": to_global_id("Enrollment", pk)}, as_="university2"
    )

    assert codes == ["NOT_FOUND"]
