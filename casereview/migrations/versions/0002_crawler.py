"""Crawler: one row per source per crawl (crawl_runs).

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


def downgrade() -> None:
    op.drop_table("crawl_runs")
