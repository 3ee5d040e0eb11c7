"""Crawler: one row per source per crawl (crawl_runs); listing pages as last read.

Revision ID: 0002_crawler
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_crawler"
down_revision = "0001"
branch_labels = ("crawler",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("pid", sa.Integer),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("bytes", sa.Integer, nullable=False),
        sa.Column("counts", sa.JSON, nullable=False),
        sa.Column("errors", sa.JSON, nullable=False),
        sa.Column("error_log", sa.JSON, nullable=False),
    )
    op.create_index("ix_crawl_runs_source", "crawl_runs", ["source"])
    op.create_table(
        "listing_pages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("etag", sa.String(300)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        sa.Column("listing", sa.JSON, nullable=False),
    )
    op.create_index("ix_listing_pages_source", "listing_pages", ["source"])


def downgrade() -> None:
    op.drop_table("listing_pages")
    op.drop_table("crawl_runs")
