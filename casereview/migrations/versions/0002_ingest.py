"""Ingest: text fingerprints and near-duplicate links between reports.

Revision ID: 0002_ingest
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_ingest"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("text_fingerprint", sa.JSON))
        batch.add_column(sa.Column("duplicate_of", sa.Integer))
        batch.create_foreign_key("fk_reports_duplicate_of", "reports", ["duplicate_of"], ["id"])
        batch.create_index("ix_reports_duplicate_of", ["duplicate_of"])


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_index("ix_reports_duplicate_of")
        batch.drop_constraint("fk_reports_duplicate_of", type_="foreignkey")
        batch.drop_column("duplicate_of")
        batch.drop_column("text_fingerprint")
