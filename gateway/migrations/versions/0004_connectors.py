"""connectors and sync runs

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 17:17:42.535124
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import gateway.db.types

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "connectors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("is_enabled", sa.Boolean(), nullable=False),
        sa.Column(
            "sync_requested_at",
            gateway.db.types.UTCDateTime(timezone=True),
            nullable=True,
        ),
        sa.Column("is_close_confirmed", sa.Boolean(), nullable=False),
        sa.Column(
            "locked_until", gateway.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("lock_token", sa.String(length=32), nullable=True),
        sa.Column(
            "last_run_at", gateway.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "created_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_connectors_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connectors")),
        sa.UniqueConstraint(
            "partner_id", "kind", "url", name=op.f("uq_connectors_partner_id_kind_url")
        ),
    )
    with op.batch_alter_table("connectors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_connectors_partner_id"), ["partner_id"], unique=False
        )

    op.create_table(
        "sync_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connector_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "running",
                "succeeded",
                "failed",
                "needs_confirmation",
                name="syncrunstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "started_at", gateway.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "finished_at", gateway.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("error_code", sa.String(length=64), nullable=True),
        sa.Column("error_message", sa.String(length=500), nullable=True),
        sa.Column(
            "rejects",
            sa.JSON().with_variant(
                postgresql.JSONB(astext_type=sa.Text()), "postgresql"
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["connector_id"],
            ["connectors.id"],
            name=op.f("fk_sync_runs_connector_id_connectors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_sync_runs_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_runs")),
    )
    with op.batch_alter_table("sync_runs", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sync_runs_connector_started",
            ["connector_id", "started_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_sync_runs_partner_id"), ["partner_id"], unique=False
        )

    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("connector_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "source_updated_at",
                gateway.db.types.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("content_hash", sa.String(length=64), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "fetched_at", gateway.db.types.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "sync_closed_at",
                gateway.db.types.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
        batch_op.create_index(
            batch_op.f("ix_opportunities_connector_id"), ["connector_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_opportunities_connector_id_connectors"),
            "connectors",
            ["connector_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_opportunities_connector_id_connectors"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_opportunities_connector_id"))
        batch_op.drop_column("sync_closed_at")
        batch_op.drop_column("fetched_at")
        batch_op.drop_column("content_hash")
        batch_op.drop_column("source_updated_at")
        batch_op.drop_column("connector_id")

    with op.batch_alter_table("sync_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_runs_partner_id"))
        batch_op.drop_index("ix_sync_runs_connector_started")

    op.drop_table("sync_runs")
    with op.batch_alter_table("connectors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_connectors_partner_id"))

    op.drop_table("connectors")
