"""GraphQL enums, the same vocabularies the database stores.

`strawberry.enum` registers each database enum class in place, so the graph
and the SQL layer share one class per vocabulary.
"""

from __future__ import annotations

import strawberry

from gateway.db.enums import (
    AlumnusStatus,
    CefrLevel,
    DegreeLevel,
    EmploymentType,
    EnrollmentStatus,
    OpportunityKind,
    OpportunityStatus,
    PartnerKind,
    SalaryPeriod,
    UniversitySector,
    WorkplaceType,
)

strawberry.enum(UniversitySector, description="Whether a school is public or private.")
strawberry.enum(
    DegreeLevel,
    description="Degree a program leads to (Moroccan LMD system, engineering "
    "schools, medicine).",
)
strawberry.enum(
    AlumnusStatus,
    description="STUDENT while studying, GRADUATE after a degree, PROFESSIONAL "
    "for experienced people such as Moroccans working abroad.",
)
strawberry.enum(EnrollmentStatus, description="State of one enrollment.")
strawberry.enum(PartnerKind, description="What kind of organisation a partner is.")
strawberry.enum(OpportunityKind, description="What an opportunity offers.")
strawberry.enum(
    OpportunityStatus,
    description="Publication state; the public sees PUBLISHED only.",
)
strawberry.enum(WorkplaceType, description="Where the work happens.")
strawberry.enum(
    EmploymentType, description="Contract form, one vocabulary for all sources."
)
strawberry.enum(SalaryPeriod, description="Time unit a salary amount is paid for.")
strawberry.enum(
    CefrLevel,
    description="Language level on the Common European Framework, A1 (beginner) "
    "to C2 (mastery).",
)

__all__ = [
    "AlumnusStatus",
    "CefrLevel",
    "DegreeLevel",
    "EmploymentType",
    "EnrollmentStatus",
    "OpportunityKind",
    "OpportunityStatus",
    "PartnerKind",
    "SalaryPeriod",
    "UniversitySector",
    "WorkplaceType",
]
