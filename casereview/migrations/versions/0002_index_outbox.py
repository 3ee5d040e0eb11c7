"""Index outbox: the index operations still to apply, one row per changed report.

Revision ID: 0002_index_outbox
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_index_outbox"
down_revision = "0001"
branch_labels = ("index",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "index_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, nullable=False),
        sa.Column("op", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_index_outbox_report_id", "index_outbox", ["report_id"])
    # Reports already in the catalogue are looked at once: whatever the index holds, the
    # reconciler brings it in line (a catalogue upgraded from before the outbox).
    op.execute(
        "INSERT INTO index_outbox (report_id, op, created_at, attempts) "
        "SELECT id, 'upsert', CURRENT_TIMESTAMP, 0 FROM reports"
    )


def downgrade() -> None:
    op.drop_table("index_outbox")
