"""An evidence file on a librarian's action status update: its SHA-256 in the archive, its
sanitised name, its sniffed media type and its size.

Revision ID: actions2_0001_evidence_files
Revises: actions_0003_cluster_links
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "actions2_0001_evidence_files"
down_revision = "actions_0003_cluster_links"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action_updates") as table:
        table.add_column(sa.Column("evidence_sha256", sa.String(64), nullable=True))
        table.add_column(sa.Column("evidence_name", sa.String(200), nullable=True))
        table.add_column(sa.Column("evidence_type", sa.String(100), nullable=True))
        table.add_column(sa.Column("evidence_size", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("action_updates") as table:
        for name in ("evidence_size", "evidence_type", "evidence_name", "evidence_sha256"):
            table.drop_column(name)
