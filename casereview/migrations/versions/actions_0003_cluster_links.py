"""Librarians' corrections of the recurring-recommendation clusters (merge and split).

Revision ID: actions_0003_cluster_links
Revises: actions_0002_action_updates
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "actions_0003_cluster_links"
down_revision = "actions_0002_action_updates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cluster_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("first", sa.String(40), nullable=False),
        sa.Column("second", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_cluster_links_first", "cluster_links", ["first"])
    op.create_index("ix_cluster_links_second", "cluster_links", ["second"])


def downgrade() -> None:
    op.drop_index("ix_cluster_links_second", "cluster_links")
    op.drop_index("ix_cluster_links_first", "cluster_links")
    op.drop_table("cluster_links")
