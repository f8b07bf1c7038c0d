"""enrollment imports and roster ids

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 17:29:38.757870
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import gateway.db.types

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "enrollment_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("university_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("oneroster_version", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column(
            "started_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "finished_at", gateway.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("ended", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column(
            "rejects",
            sa.JSON().with_variant(
                postgresql.JSONB(astext_type=sa.Text()), "postgresql"
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["university_id"],
            ["universities.id"],
            name=op.f("fk_enrollment_imports_university_id_universities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollment_imports")),
    )
    with op.batch_alter_table("enrollment_imports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_enrollment_imports_university_hash",
            ["university_id", "content_hash"],
            unique=False,
        )

    op.create_table(
        "roster_ids",
        sa.Column("university_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.String(length=255), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["university_id"],
            ["universities.id"],
            name=op.f("fk_roster_ids_university_id_universities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "university_id", "kind", "source_id", name=op.f("pk_roster_ids")
        ),
    )


def downgrade() -> None:
    op.drop_table("roster_ids")
    with op.batch_alter_table("enrollment_imports", schema=None) as batch_op:
        batch_op.drop_index("ix_enrollment_imports_university_hash")

    op.drop_table("enrollment_imports")
