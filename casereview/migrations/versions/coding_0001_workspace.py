"""The coding workspace: researchers' projects, members, corpus, codebook with its history, and
coded passages.

Revision ID: coding_0001_workspace
Revises: 0001 (needs the users table of 0002_librarian)
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "coding_0001_workspace"
down_revision = "0001"
branch_labels = ("coding",)
depends_on = ("0002_librarian",)


def _project_id() -> sa.Column:
    return sa.Column(
        "project_id",
        sa.Integer,
        sa.ForeignKey("coding_projects.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def upgrade() -> None:
    op.create_table(
        "coding_projects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("research_question", sa.Text, nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("open_coding", sa.Boolean, nullable=False),
    )
    op.create_table(
        "coding_members",
        sa.Column("id", sa.Integer, primary_key=True),
        _project_id(),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("project_id", "user_id"),
    )
    op.create_table(
        "coding_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        _project_id(),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
        sa.Column("review_key", sa.String(200), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("page_count", sa.Integer, nullable=False),
        sa.Column("added_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("project_id", "report_id"),
    )
    op.create_table(
        "coding_codes",
        sa.Column("id", sa.Integer, primary_key=True),
        _project_id(),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("coding_codes.id"), index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("definition", sa.Text, nullable=False),
        sa.Column("example", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("theme_slug", sa.String(100)),
        sa.Column("merged_into_id", sa.Integer, sa.ForeignKey("coding_codes.id")),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "coding_codebook_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        _project_id(),
        sa.Column("code_id", sa.Integer, sa.ForeignKey("coding_codes.id"), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
    )
    op.create_table(
        "coding_codings",
        sa.Column("id", sa.Integer, primary_key=True),
        _project_id(),
        sa.Column("coder_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("page", sa.Integer, nullable=False),
        sa.Column("char_start", sa.Integer, nullable=False),
        sa.Column("char_end", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("memo", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "coding_applied_codes",
        sa.Column(
            "coding_id",
            sa.Integer,
            sa.ForeignKey("coding_codings.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("code_id", sa.Integer, sa.ForeignKey("coding_codes.id"), primary_key=True),
    )


def downgrade() -> None:
    for table in (
        "coding_applied_codes",
        "coding_codings",
        "coding_codebook_changes",
        "coding_codes",
        "coding_documents",
        "coding_members",
        "coding_projects",
    ):
        op.drop_table(table)
