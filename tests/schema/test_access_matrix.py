"""Who sees what: every caller role against its own and others' objects.

Roles (tests/tokens.py): anonymous, `reader` (a company that may only search
candidates), `company` (Atlas), `company2` (Sahara), `university` (Alpha),
`university2` (Institut Beta), `diaspora`, `admin`. Reads here never write;
the write matrix lives in test_mutations.py.
"""

from __future__ import annotations

import pytest

from schema.common.ids import to_global_id
from tests.conftest import GraphClient
from tests.factories import BULK_ALUMNI, KnownData

ROLES = [
    "reader",
    "company",
    "company2",
    "university",
    "university2",
    "diaspora",
    "admin",
]
PARTNER_ROLES = [r for r in ROLES if r != "admin"]

POOL_NAMES = """
query { candidatePool(first: 100, filter: {search: "a"}) {
  totalCount nodes { givenName } } }
"""
ALL_POOL_IDS = "query { candidatePool(first: 100) { totalCount nodes { id } } }"
STUDENTS = """
query { students(first: 100) { totalCount nodes { givenName
  enrollments { university { name } } } } }
"""
NODE = "query($id: ID!) { node(id: $id) { id ... on Alumnus { givenName } } }"
ENTITY = """
query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Alumnus { givenName } ... on Enrollment { status alumnus { givenName } }
  ... on Opportunity { title } } }
"""
CONTACT = "query($id: ID!) { node(id: $id) { ... on Alumnus { email phone } } }"
OPPORTUNITY_TITLES = (
    "query { opportunities(first: 100) { totalCount nodes { title } } }"
)
OPPORTUNITY = "query($id: ID!) { opportunity(id: $id) { title status } }"
AUDIT = "query { auditRecords(first: 100) { totalCount nodes { fields alumni } } }"


def alumnus(known: KnownData, key: str) -> str:
    return to_global_id("Alumnus", known.alumni[key])


# --- the candidate pool ---------------------------------------------------


async def test_anonymous_caller_cannot_search_candidates(graph: GraphClient) -> None:
    response = await graph.http.post("/graphql", json={"query": ALL_POOL_IDS})
    body = response.json()
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("role", ROLES)
async def test_candidate_pool_holds_only_consenting_alumni_for_every_role(
    graph: GraphClient, known: KnownData, role: str
) -> None:
    data = await graph.data(ALL_POOL_IDS, as_=role)
    ids = {node["id"] for node in data["candidatePool"]["nodes"]}
    assert data["candidatePool"]["totalCount"] == known.visible_alumni
    assert alumnus(known, "fatou") not in ids
    assert alumnus(known, "moussa") not in ids


async def test_a_token_without_candidates_read_cannot_search(
    graph: GraphClient,
) -> None:
    # `university` tokens carry candidates:read; strip it to check the rule.
    token = graph.mint.token("company", scope="opportunities:read")
    response = await graph.http.post(
        "/graphql",
        json={"query": ALL_POOL_IDS},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["FORBIDDEN"]


# --- a school's own students ----------------------------------------------


async def test_university_sees_its_own_students_whatever_their_consent(
    graph: GraphClient,
) -> None:
    data = await graph.data(STUDENTS, as_="university")
    names = {node["givenName"] for node in data["students"]["nodes"]}
    assert {"Aminata", "Kouassi", "Fatou", "Moussa"} <= names
    assert not names & {"Yassine", "Chipo", "Élodie"}


async def test_university_sees_only_its_own_enrollments_of_a_private_student(
    graph: GraphClient,
) -> None:
    alpha = await graph.data(STUDENTS, as_="university")
    beta = await graph.data(STUDENTS, as_="university2")
    moussa_at_alpha = next(
        n for n in alpha["students"]["nodes"] if n["givenName"] == "Moussa"
    )
    moussa_at_beta = next(
        n for n in beta["students"]["nodes"] if n["givenName"] == "Moussa"
    )
    assert [e["university"]["name"] for e in moussa_at_alpha["enrollments"]] == [
        "Université Alpha"
    ]
    assert [e["university"]["name"] for e in moussa_at_beta["enrollments"]] == [
        "Institut Beta"
    ]


@pytest.mark.parametrize(
    "where",
    [
        pytest.param({"universityIds": ["BETA"]}, id="by-university"),
        pytest.param({"fieldsOfStudy": ["0713"]}, id="by-field"),
        pytest.param({"degreeLevels": ["INGENIEUR"]}, id="by-degree"),
    ],
)
async def test_filters_do_not_reveal_other_schools_of_a_private_student(
    graph: GraphClient, known: KnownData, where: dict[str, list[str]]
) -> None:
    # Moussa (no consent) studies at Alpha and at Beta's energy program;
    # Alpha must not find him by filtering on what only Beta may see.
    beta = to_global_id("University", known.universities["beta"])
    where = {k: [beta if v == "BETA" else v for v in vs] for k, vs in where.items()}
    query = (
        "query($f: CandidateFilter) { students(first: 100, filter: $f) "
        "{ nodes { givenName } } }"
    )
    data = await graph.data(query, {"f": where}, as_="university")
    assert "Moussa" not in {n["givenName"] for n in data["students"]["nodes"]}


async def test_university_sees_all_enrollments_of_a_consenting_student(
    graph: GraphClient,
) -> None:
    data = await graph.data(STUDENTS, as_="university")
    bulk = next(n for n in data["students"]["nodes"] if n["givenName"] == "Bulk")
    schools = sorted(e["university"]["name"] for e in bulk["enrollments"])
    assert schools == ["Institut Beta", "Université Alpha"]


@pytest.mark.parametrize(
    ("role", "code"),
    [
        pytest.param(None, "UNAUTHENTICATED", id="anonymous"),
        pytest.param("company", "FORBIDDEN", id="company"),
        pytest.param("diaspora", "FORBIDDEN", id="diaspora"),
    ],
)
async def test_only_schools_list_students(
    graph: GraphClient, role: str | None, code: str
) -> None:
    assert await graph.error_codes(STUDENTS, as_=role) == [code]


async def test_admin_lists_every_student(graph: GraphClient, known: KnownData) -> None:
    data = await graph.data(STUDENTS, as_="admin")
    assert data["students"]["totalCount"] == len(known.alumni) + BULK_ALUMNI


# --- node and _entities obey the same rules -------------------------------


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        pytest.param(None, False, id="anonymous"),
        pytest.param("reader", False, id="reader"),
        pytest.param("company", False, id="company"),
        pytest.param("company2", False, id="company2"),
        pytest.param("diaspora", False, id="diaspora"),
        pytest.param("university", True, id="own-university"),
        pytest.param("university2", False, id="other-university"),
        pytest.param("admin", True, id="admin"),
    ],
)
async def test_a_private_student_is_reachable_only_by_her_school(
    graph: GraphClient, known: KnownData, role: str | None, visible: bool
) -> None:
    fatou = alumnus(known, "fatou")
    node = (await graph.data(NODE, {"id": fatou}, as_=role))["node"]
    entities = await graph.post(
        ENTITY, {"r": [{"__typename": "Alumnus", "id": fatou}]}, as_=role
    )
    if visible:
        assert node == {"id": fatou, "givenName": "Fatou"}
        assert entities["data"]["_entities"] == [{"givenName": "Fatou"}]
    else:
        assert node is None
        assert entities["data"]["_entities"] == [None]


FATOU_ENROLLMENT = {"status": "GRADUATED", "alumnus": {"givenName": "Fatou"}}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        pytest.param("company", None, id="company"),
        pytest.param("university", FATOU_ENROLLMENT, id="own-university"),
        pytest.param("university2", None, id="other-university"),
    ],
)
async def test_enrollment_entity_follows_the_school_rule(
    graph: GraphClient, known: KnownData, role: str, expected: object
) -> None:
    enrollment = to_global_id("Enrollment", known.enrollments["fatou:0"])
    body = await graph.post(
        ENTITY, {"r": [{"__typename": "Enrollment", "id": enrollment}]}, as_=role
    )
    assert body["data"]["_entities"] == [expected]


async def test_consenting_alumnus_reached_through_enrollment_by_any_partner(
    graph: GraphClient, known: KnownData
) -> None:
    enrollment = to_global_id("Enrollment", known.enrollments["aminata:0"])
    for role in PARTNER_ROLES:
        body = await graph.post(
            ENTITY, {"r": [{"__typename": "Enrollment", "id": enrollment}]}, as_=role
        )
        assert body["data"]["_entities"][0]["alumnus"] == {"givenName": "Aminata"}


# --- contact details --------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "person", "allowed"),
    [
        pytest.param("company", "aminata", True, id="company-contactable"),
        pytest.param("company", "kouassi", False, id="company-not-contactable"),
        pytest.param("reader", "aminata", False, id="no-contact-scope"),
        pytest.param("diaspora", "aminata", False, id="diaspora-no-contact-scope"),
        pytest.param("university", "aminata", True, id="school-own-student"),
        pytest.param("university", "yassine", False, id="school-other-student"),
        pytest.param("university2", "yassine", True, id="school2-own-student"),
        pytest.param("admin", "kouassi", True, id="admin"),
    ],
)
async def test_contact_details_need_scope_and_consent(
    graph: GraphClient, known: KnownData, role: str, person: str, allowed: bool
) -> None:
    body = await graph.post(CONTACT, {"id": alumnus(known, person)}, as_=role)
    if allowed:
        assert "errors" not in body
        assert body["data"]["node"]["email"] == f"{person}@example.org"
    else:
        assert body["data"]["node"] == {"email": None, "phone": None}
        codes = {e["extensions"]["code"] for e in body["errors"]}
        paths = sorted(e["path"][-1] for e in body["errors"])
        assert codes == {"FORBIDDEN"}
        assert paths == ["email", "phone"]


async def test_contact_reads_are_audited_without_values(
    graph: GraphClient, known: KnownData
) -> None:
    before = (await graph.data(AUDIT, as_="admin"))["auditRecords"]["totalCount"]
    await graph.data(CONTACT, {"id": alumnus(known, "aminata")}, as_="company")
    await graph.post(CONTACT, {"id": alumnus(known, "kouassi")}, as_="company")

    records = (await graph.data(AUDIT, as_="admin"))["auditRecords"]
    assert records["totalCount"] == before + 1  # the refused read is not audited
    newest = records["nodes"][0]
    assert newest == {
        "fields": ["email", "phone"],
        "alumni": [alumnus(known, "aminata")],
    }


@pytest.mark.parametrize("role", PARTNER_ROLES)
async def test_only_admins_read_the_audit_log(graph: GraphClient, role: str) -> None:
    assert await graph.error_codes(AUDIT, as_=role) == ["FORBIDDEN"]


# --- opportunities ----------------------------------------------------------

PUBLISHED = {
    "Ingénieur de données",
    "Remote data intern",
    "برنامج إرشاد مهني",
    "Formation cloud",
}


@pytest.mark.parametrize(
    ("role", "extra"),
    [
        pytest.param(None, set(), id="anonymous"),
        pytest.param("reader", set(), id="reader"),
        pytest.param("company", {"Poste brouillon"}, id="company-own-draft"),
        pytest.param("company2", set(), id="company2"),
        pytest.param("diaspora", {"Closed role"}, id="diaspora-own-closed"),
        pytest.param("university", set(), id="university"),
        pytest.param("admin", {"Poste brouillon", "Closed role"}, id="admin"),
    ],
)
async def test_opportunities_show_published_ones_and_your_own(
    graph: GraphClient, role: str | None, extra: set[str]
) -> None:
    data = await graph.data(OPPORTUNITY_TITLES, as_=role)
    titles = {node["title"] for node in data["opportunities"]["nodes"]}
    assert titles == PUBLISHED | extra


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        pytest.param(None, False, id="anonymous"),
        pytest.param("company", True, id="owner"),
        pytest.param("company2", False, id="other-company"),
        pytest.param("diaspora", False, id="diaspora"),
    ],
)
async def test_a_draft_is_readable_by_its_owner_only(
    graph: GraphClient, known: KnownData, role: str | None, visible: bool
) -> None:
    draft = to_global_id("Opportunity", known.opportunities["draft_job"])
    data = await graph.data(OPPORTUNITY, {"id": draft}, as_=role)
    expected = {"title": "Poste brouillon", "status": "DRAFT"} if visible else None
    assert data["opportunity"] == expected
    body = await graph.post(
        ENTITY, {"r": [{"__typename": "Opportunity", "id": draft}]}, as_=role
    )
    assert body["data"]["_entities"] == [
        {"title": "Poste brouillon"} if visible else None
    ]


@pytest.mark.parametrize("role", [None, *ROLES])
async def test_universities_are_public(graph: GraphClient, role: str | None) -> None:
    data = await graph.data("{ universities { totalCount } }", as_=role)
    assert data["universities"]["totalCount"] == 3
