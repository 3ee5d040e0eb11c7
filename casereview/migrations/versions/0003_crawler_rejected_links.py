"""Crawler: links rejected as not child case reviews (with kind, rule and reason, for
librarians to overturn), and the reading mode of each crawl run.

Revision ID: 0003_crawler_rejected_links
Revises: 0002_crawler
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_crawler_rejected_links"
down_revision = "0002_crawler"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rejected_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("rule", sa.String(50), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        sa.Column("overturned_by", sa.String(100)),
        sa.Column("overturned_at", sa.DateTime),
        sa.Column("context", sa.JSON, nullable=False),
        sa.UniqueConstraint("source", "url"),
    )
    op.create_index("ix_rejected_links_source", "rejected_links", ["source"])
    op.create_index("ix_rejected_links_kind", "rejected_links", ["kind"])
    op.create_index("ix_rejected_links_state", "rejected_links", ["state"])
    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("read_as", sa.String(30)))


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch:
        batch.drop_column("read_as")
    op.drop_index("ix_rejected_links_state", "rejected_links")
    op.drop_index("ix_rejected_links_kind", "rejected_links")
    op.drop_index("ix_rejected_links_source", "rejected_links")
    op.drop_table("rejected_links")
