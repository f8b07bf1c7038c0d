"""GraphQL enums, the same vocabularies the database stores."""

from __future__ import annotations

import strawberry

from gateway.db import enums

UniversitySector = strawberry.enum(
    enums.UniversitySector, description="Whether a school is public or private."
)
DegreeLevel = strawberry.enum(
    enums.DegreeLevel,
    description="Degree a program leads to (Moroccan LMD system, engineering "
    "schools, medicine).",
)
AlumnusStatus = strawberry.enum(
    enums.AlumnusStatus,
    description="STUDENT while studying, GRADUATE after a degree, PROFESSIONAL "
    "for experienced people such as Moroccans working abroad.",
)
EnrollmentStatus = strawberry.enum(
    enums.EnrollmentStatus, description="State of one enrollment."
)
PartnerKind = strawberry.enum(
    enums.PartnerKind, description="What kind of organisation a partner is."
)
OpportunityKind = strawberry.enum(
    enums.OpportunityKind, description="What an opportunity offers."
)
OpportunityStatus = strawberry.enum(
    enums.OpportunityStatus,
    description="Publication state; the public sees PUBLISHED only.",
)
WorkplaceType = strawberry.enum(
    enums.WorkplaceType, description="Where the work happens."
)
EmploymentType = strawberry.enum(
    enums.EmploymentType, description="Contract form, one vocabulary for all sources."
)
SalaryPeriod = strawberry.enum(
    enums.SalaryPeriod, description="Time unit a salary amount is paid for."
)
CefrLevel = strawberry.enum(
    enums.CefrLevel,
    description="Language level on the Common European Framework, A1 (beginner) "
    "to C2 (mastery).",
)
