"""Librarians' status updates on actions: date, status, note, evidence URL, who and when.

Revision ID: actions_0002_action_updates
Revises: actions_0001_action_plans
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "actions_0002_action_updates"
down_revision = "actions_0001_action_plans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action_updates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE", name="fk_action_updates_report_id"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("evidence_url", sa.Text, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_action_updates_report_id", "action_updates", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_action_updates_report_id", "action_updates")
    op.drop_table("action_updates")
