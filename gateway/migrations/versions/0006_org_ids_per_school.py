"""org ids unique per school only

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 18:25:04.544946
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("universities", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_universities_oneroster_org_id"), type_="unique"
        )


def downgrade() -> None:
    with op.batch_alter_table("universities", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_universities_oneroster_org_id"), ["oneroster_org_id"]
        )
