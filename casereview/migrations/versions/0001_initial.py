"""Initial catalogue: reports, pages, sources, curation overrides, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(500), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("file_size", sa.Integer, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("state_reason", sa.Text),
        sa.Column("page_count", sa.Integer, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("nation", sa.String(30)),
        sa.Column("review_type", sa.String(30)),
        sa.Column("year", sa.Integer),
        sa.Column("publication_date", sa.String(10)),
        sa.Column("board", sa.String(200)),
        sa.Column("child_pseudonym", sa.String(100)),
        sa.Column("child_age_years", sa.Float),
        sa.Column("child_sex", sa.String(10)),
        sa.Column("outcome", sa.String(20)),
        sa.Column("review_model", sa.String(50)),
        sa.Column("document_role", sa.String(40)),
        sa.Column("language", sa.String(20)),
        sa.Column("themes", sa.JSON, nullable=False),
        sa.Column("summary", sa.Text),
        sa.Column("review_key", sa.String(200)),
        sa.Column("extraction", sa.JSON, nullable=False),
        sa.Column("suppressed", sa.Boolean, nullable=False),
        sa.Column("suppressed_reason", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_reports_sha256", "reports", ["sha256"], unique=True)
    op.create_index("ix_reports_state", "reports", ["state"])
    op.create_index("ix_reports_review_key", "reports", ["review_key"])
    op.create_index("ix_reports_suppressed", "reports", ["suppressed"])

    op.create_table(
        "pages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ocr", sa.Boolean, nullable=False),
        sa.UniqueConstraint("report_id", "number"),
    )
    op.create_index("ix_pages_report_id", "pages", ["report_id"])

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id")),
        sa.Column("sha256", sa.String(64)),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("publisher", sa.String(200)),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        sa.Column("last_status", sa.Integer),
        sa.Column("etag", sa.String(300)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("gone_since", sa.DateTime),
        sa.Column("context", sa.JSON, nullable=False),
        sa.UniqueConstraint("url", "sha256"),
    )
    op.create_index("ix_sources_report_id", "sources", ["report_id"])
    op.create_index("ix_sources_sha256", "sources", ["sha256"])

    op.create_table(
        "curation_overrides",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("field", sa.String(50), nullable=False),
        sa.Column("value", sa.JSON),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("report_id", "field"),
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("entity", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.String(100), nullable=False),
        sa.Column("field", sa.String(50)),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
        sa.Column("reason", sa.Text),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    for table in ("audit_log", "curation_overrides", "sources", "pages", "reports"):
        op.drop_table(table)
