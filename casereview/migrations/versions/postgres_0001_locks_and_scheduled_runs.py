"""Operations: named locks held in the catalogue (one crawl at a time, on any number of
machines), and the summaries of scheduled runs (crawl, ingest, index sync).

Revision ID: postgres_0001
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "postgres_0001"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogue_locks",
        sa.Column("name", sa.String(50), primary_key=True),
        sa.Column("holder", sa.String(64), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("heartbeat_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "scheduled_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("steps", sa.JSON, nullable=False),
        sa.Column("failures", sa.JSON, nullable=False),
    )
    op.create_index("ix_scheduled_runs_started_at", "scheduled_runs", ["started_at"])


def downgrade() -> None:
    op.drop_index("ix_scheduled_runs_started_at", "scheduled_runs")
    op.drop_table("scheduled_runs")
    op.drop_table("catalogue_locks")
