"""Row rules: what each caller may see, as SQL predicates.

Every read statement that can return a protected row carries one of these
predicates, so the rule holds on every path (root fields, nested fields,
`node`, `_entities`) and a forgotten check in a resolver cannot leak rows.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from auth.caller import Caller
from auth.scopes import (
    CANDIDATES_CONTACT,
    CANDIDATES_READ,
    CONNECTORS_MANAGE,
    ENROLLMENT_READ,
    OPPORTUNITIES_READ,
    OPPORTUNITIES_WRITE,
)
from gateway.db.enums import OpportunityStatus
from gateway.db.models import Alumnus, Connector, Enrollment, Opportunity

alumni: Any = Alumnus.__table__
enrollments: Any = Enrollment.__table__
opportunities: Any = Opportunity.__table__
connectors: Any = Connector.__table__

CONSENTED = alumni.c.is_visible_to_partners == sa.true()


def school_of(caller: Caller | None) -> int | None:
    """The university a caller reads students of, if it may (`enrollment:read`)."""
    if caller is None or caller.university_id is None:
        return None
    return caller.university_id if caller.can(ENROLLMENT_READ) else None


def studies_at(university_id: int) -> sa.ColumnElement[bool]:
    """The alumnus row has an enrollment at `university_id`."""
    return (
        sa.select(sa.literal(1))
        .where(
            enrollments.c.alumnus_id == alumni.c.id,
            enrollments.c.university_id == university_id,
        )
        .exists()
    )


def visible_alumni(caller: Caller | None) -> sa.ColumnElement[bool]:
    """Alumni the caller may see at all.

    Partners with `candidates:read` see those who consented to be visible; a
    school with `enrollment:read` also sees its own students; admins see all;
    anonymous callers see nobody.
    """
    if caller is None:
        return sa.false()
    if caller.is_admin:
        return sa.true()
    parts: list[sa.ColumnElement[bool]] = []
    if caller.can(CANDIDATES_READ):
        parts.append(CONSENTED)
    school = school_of(caller)
    if school is not None:
        parts.append(studies_at(school))
    return sa.or_(*parts) if parts else sa.false()


def visible_enrollments(caller: Caller | None) -> sa.ColumnElement[bool]:
    """Enrollments the caller may see (joined with their alumnus row).

    A school sees its own enrollments; of other schools' enrollments it sees
    only what any partner sees: those of consenting alumni.
    """
    if caller is None:
        return sa.false()
    if caller.is_admin:
        return sa.true()
    parts: list[sa.ColumnElement[bool]] = []
    if caller.can(CANDIDATES_READ):
        parts.append(CONSENTED)
    school = school_of(caller)
    if school is not None:
        parts.append(enrollments.c.university_id == school)
    return sa.or_(*parts) if parts else sa.false()


def own_student_column(caller: Caller | None) -> sa.ColumnElement[bool]:
    """A column telling whether the alumnus studies at the caller's school."""
    school = caller.university_id if caller is not None else None
    if school is None:
        return sa.literal(False).label("is_own_student")
    return studies_at(school).label("is_own_student")


def may_read_contact(caller: Caller | None, row: Any) -> bool:
    """Whether e-mail and phone of this alumnus row may reach the caller.

    Needs `candidates:contact` and the alumnus's consent to be contacted; a
    school's contact scope reaches its own students only.
    """
    if caller is None:
        return False
    if caller.is_admin:
        return True
    if not caller.can(CANDIDATES_CONTACT) or not row.is_contactable:
        return False
    if caller.university_id is not None:
        return bool(row.is_own_student)
    return True


def visible_opportunities(caller: Caller | None) -> sa.ColumnElement[bool]:
    """Published opportunities for all; a partner's own in any state for it."""
    published: sa.ColumnElement[bool] = (
        opportunities.c.status == OpportunityStatus.PUBLISHED
    )
    if caller is None:
        return published
    if caller.is_admin:
        return sa.true()
    if caller.can(OPPORTUNITIES_READ) or caller.can(OPPORTUNITIES_WRITE):
        return sa.or_(published, opportunities.c.partner_id == caller.partner_id)
    return published


def visible_connectors(caller: Caller | None) -> sa.ColumnElement[bool]:
    """A partner's own connectors (with `connectors:manage`); admins see all."""
    if caller is None:
        return sa.false()
    if caller.is_admin:
        return sa.true()
    if caller.can(CONNECTORS_MANAGE):
        return connectors.c.partner_id == caller.partner_id  # type: ignore[no-any-return]
    return sa.false()
