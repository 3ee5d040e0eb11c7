"""Action plans: each row of a review's action plan as an action, linked to its recommendation.

Revision ID: actions_0001_action_plans
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "actions_0001_action_plans"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE", name="fk_actions_report_id"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("recommendation_number", sa.String(20)),
        sa.Column("recommendation", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("lead", sa.Text, nullable=False),
        sa.Column("agency", sa.String(30)),
        sa.Column("timescale", sa.String(300), nullable=False),
        sa.Column("due", sa.String(10)),
        sa.Column("status", sa.String(20)),
        sa.Column("rag", sa.String(10)),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("page", sa.Integer),
    )
    op.create_index("ix_actions_report_id", "actions", ["report_id"])
    op.create_index("ix_actions_agency", "actions", ["agency"])
    op.create_index("ix_actions_status", "actions", ["status"])


def downgrade() -> None:
    op.drop_index("ix_actions_status", "actions")
    op.drop_index("ix_actions_agency", "actions")
    op.drop_index("ix_actions_report_id", "actions")
    op.drop_table("actions")
