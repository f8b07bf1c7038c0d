"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-12-03 16:20:11.323477
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import gateway.db.types

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "alumni",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(length=120), nullable=False),
        sa.Column("family_name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("nationality", sa.String(length=2), nullable=False),
        sa.Column("residence_country", sa.String(length=2), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "student",
                "graduate",
                "professional",
                name="alumnusstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("graduation_year", sa.SmallInteger(), nullable=True),
        sa.Column("headline", sa.String(length=200), nullable=True),
        sa.Column("is_visible_to_partners", sa.Boolean(), nullable=False),
        sa.Column("is_contactable", sa.Boolean(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column(
            "created_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alumni")),
    )
    with op.batch_alter_table("alumni", schema=None) as batch_op:
        batch_op.create_index(
            "ix_alumni_graduation_year", ["graduation_year"], unique=False
        )
        batch_op.create_index("ix_alumni_nationality", ["nationality"], unique=False)
        batch_op.create_index(
            "ix_alumni_residence_country", ["residence_country"], unique=False
        )
        batch_op.create_index("ix_alumni_status", ["status"], unique=False)
        batch_op.create_index(
            "ix_alumni_visible_id", ["is_visible_to_partners", "id"], unique=False
        )

    op.create_table(
        "universities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column(
            "names",
            sa.JSON().with_variant(
                postgresql.JSONB(astext_type=sa.Text()), "postgresql"
            ),
            nullable=False,
        ),
        sa.Column("acronym", sa.String(length=32), nullable=True),
        sa.Column(
            "sector",
            sa.Enum(
                "public",
                "private",
                "public_private_partnership",
                name="universitysector",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("oneroster_org_id", sa.String(length=255), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column(
            "created_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_universities")),
        sa.UniqueConstraint(
            "oneroster_org_id", name=op.f("uq_universities_oneroster_org_id")
        ),
    )
    with op.batch_alter_table("universities", schema=None) as batch_op:
        batch_op.create_index("ix_universities_name", ["name"], unique=False)

    op.create_table(
        "alumnus_languages",
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "A1",
                "A2",
                "B1",
                "B2",
                "C1",
                "C2",
                name="cefrlevel",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("level_rank", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["alumni.id"],
            name=op.f("fk_alumnus_languages_alumnus_id_alumni"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "alumnus_id", "language", name=op.f("pk_alumnus_languages")
        ),
    )
    with op.batch_alter_table("alumnus_languages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_alumnus_languages_language_rank",
            ["language", "level_rank"],
            unique=False,
        )

    op.create_table(
        "alumnus_skills",
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.Column("skill", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["alumni.id"],
            name=op.f("fk_alumnus_skills_alumnus_id_alumni"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alumnus_id", "skill", name=op.f("pk_alumnus_skills")),
    )
    with op.batch_alter_table("alumnus_skills", schema=None) as batch_op:
        batch_op.create_index(
            "ix_alumnus_skills_skill", ["skill", "alumnus_id"], unique=False
        )

    op.create_table(
        "partners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "company",
                "university",
                "private_institute",
                "diaspora_org",
                "platform",
                name="partnerkind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("university_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["university_id"],
            ["universities.id"],
            name=op.f("fk_partners_university_id_universities"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partners")),
        sa.UniqueConstraint("slug", name=op.f("uq_partners_slug")),
        sa.UniqueConstraint("university_id", name=op.f("uq_partners_university_id")),
    )
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("university_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column(
            "names",
            sa.JSON().with_variant(
                postgresql.JSONB(astext_type=sa.Text()), "postgresql"
            ),
            nullable=False,
        ),
        sa.Column(
            "degree_level",
            sa.Enum(
                "dut",
                "bts",
                "deug",
                "licence",
                "licence_professionnelle",
                "master",
                "master_specialise",
                "ingenieur",
                "doctorat",
                "doctorat_medecine",
                "certificate",
                name="degreelevel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("field_of_study", sa.String(length=4), nullable=False),
        sa.Column("oneroster_course_id", sa.String(length=255), nullable=True),
        sa.Column(
            "created_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["university_id"],
            ["universities.id"],
            name=op.f("fk_programs_university_id_universities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programs")),
        sa.UniqueConstraint(
            "university_id",
            "oneroster_course_id",
            name=op.f("uq_programs_university_id_oneroster_course_id"),
        ),
    )
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.create_index(
            "ix_programs_degree_level", ["degree_level"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_programs_field_of_study"), ["field_of_study"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_programs_university_id"), ["university_id"], unique=False
        )

    op.create_table(
        "enrollments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.Column("university_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "graduated",
                "withdrawn",
                name="enrollmentstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("begin_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("source_id", sa.String(length=255), nullable=True),
        sa.Column(
            "created_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["alumni.id"],
            name=op.f("fk_enrollments_alumnus_id_alumni"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_enrollments_program_id_programs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["university_id"],
            ["universities.id"],
            name=op.f("fk_enrollments_university_id_universities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollments")),
        sa.UniqueConstraint(
            "university_id",
            "source_id",
            name=op.f("uq_enrollments_university_id_source_id"),
        ),
    )
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrollments_alumnus_id"), ["alumnus_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_enrollments_program_id"), ["program_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_enrollments_university_id"), ["university_id"], unique=False
        )

    op.create_table(
        "opportunities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "job",
                "internship",
                "training",
                "scholarship",
                "mentoring",
                "event",
                name="opportunitykind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "published",
                "closed",
                name="opportunitystatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column(
            "workplace_type",
            sa.Enum(
                "on_site",
                "hybrid",
                "remote",
                name="workplacetype",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "employment_type",
            sa.Enum(
                "full_time",
                "part_time",
                "contract",
                "temporary",
                "internship",
                "apprenticeship",
                "volunteer",
                "other",
                name="employmenttype",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("salary_min", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("salary_max", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("salary_currency", sa.String(length=3), nullable=True),
        sa.Column(
            "salary_period",
            sa.Enum(
                "hour",
                "day",
                "week",
                "month",
                "year",
                name="salaryperiod",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "posted_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "expires_at", gateway.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("apply_url", sa.String(length=1000), nullable=True),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column(
            "created_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_opportunities_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
        sa.UniqueConstraint(
            "partner_id",
            "source",
            "external_id",
            name=op.f("uq_opportunities_partner_id_source_external_id"),
        ),
    )
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.create_index("ix_opportunities_country", ["country"], unique=False)
        batch_op.create_index("ix_opportunities_kind", ["kind"], unique=False)
        batch_op.create_index(
            "ix_opportunities_status_posted",
            ["status", "posted_at", "id"],
            unique=False,
        )

    op.create_table(
        "opportunity_languages",
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column(
            "min_level",
            sa.Enum(
                "A1",
                "A2",
                "B1",
                "B2",
                "C1",
                "C2",
                name="cefrlevel",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("min_level_rank", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_opportunity_languages_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "opportunity_id", "language", name=op.f("pk_opportunity_languages")
        ),
    )
    op.create_table(
        "opportunity_skills",
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("skill", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_opportunity_skills_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "opportunity_id", "skill", name=op.f("pk_opportunity_skills")
        ),
    )
    with op.batch_alter_table("opportunity_skills", schema=None) as batch_op:
        batch_op.create_index(
            "ix_opportunity_skills_skill", ["skill", "opportunity_id"], unique=False
        )

    op.create_table(
        "opportunity_translations",
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_opportunity_translations_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "opportunity_id", "language", name=op.f("pk_opportunity_translations")
        ),
    )
    with op.batch_alter_table("opportunity_translations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_opportunity_translations_language",
            ["language", "opportunity_id"],
            unique=False,
        )


def downgrade() -> None:

    with op.batch_alter_table("opportunity_translations", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunity_translations_language")

    op.drop_table("opportunity_translations")
    with op.batch_alter_table("opportunity_skills", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunity_skills_skill")

    op.drop_table("opportunity_skills")
    op.drop_table("opportunity_languages")
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunities_status_posted")
        batch_op.drop_index("ix_opportunities_kind")
        batch_op.drop_index("ix_opportunities_country")

    op.drop_table("opportunities")
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollments_university_id"))
        batch_op.drop_index(batch_op.f("ix_enrollments_program_id"))
        batch_op.drop_index(batch_op.f("ix_enrollments_alumnus_id"))

    op.drop_table("enrollments")
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programs_university_id"))
        batch_op.drop_index(batch_op.f("ix_programs_field_of_study"))
        batch_op.drop_index("ix_programs_degree_level")

    op.drop_table("programs")
    op.drop_table("partners")
    with op.batch_alter_table("alumnus_skills", schema=None) as batch_op:
        batch_op.drop_index("ix_alumnus_skills_skill")

    op.drop_table("alumnus_skills")
    with op.batch_alter_table("alumnus_languages", schema=None) as batch_op:
        batch_op.drop_index("ix_alumnus_languages_language_rank")

    op.drop_table("alumnus_languages")
    with op.batch_alter_table("universities", schema=None) as batch_op:
        batch_op.drop_index("ix_universities_name")

    op.drop_table("universities")
    with op.batch_alter_table("alumni", schema=None) as batch_op:
        batch_op.drop_index("ix_alumni_visible_id")
        batch_op.drop_index("ix_alumni_status")
        batch_op.drop_index("ix_alumni_residence_country")
        batch_op.drop_index("ix_alumni_nationality")
        batch_op.drop_index("ix_alumni_graduation_year")

    op.drop_table("alumni")
