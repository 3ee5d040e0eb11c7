"""Review records: every review's harvestable number, the time of its last change, and whether
it was ever public (OAI-PMH).

Revision ID: oai_0001_review_records
Revises: 0002_ingest
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "oai_0001_review_records"
down_revision = "0002_ingest"
branch_labels = ("oai",)
depends_on = None


# The columns this revision reads, as they are at this revision.
reports = sa.table(
    "reports",
    *(sa.column(name, sa.Integer) for name in ("id", "duplicate_of")),
    *(sa.column(name, sa.String) for name in ("review_key", "state")),
    sa.column("updated_at", sa.DateTime),
)
overrides = sa.table(
    "curation_overrides",
    sa.column("report_id", sa.Integer),
    sa.column("field", sa.String),
    sa.column("value", sa.JSON),
    sa.column("created_at", sa.DateTime),
)


def upgrade() -> None:
    records = op.create_table(
        "review_records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("review_group", sa.String(200), nullable=False, unique=True),
        sa.Column("changed_at", sa.DateTime, nullable=False),
        sa.Column("published", sa.Boolean, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_review_records_changed_at", "review_records", ["changed_at"])
    op.create_index("ix_review_records_published", "review_records", ["published"])
    op.bulk_insert(records, _existing_reviews(op.get_bind()))


def _existing_reviews(connection) -> list[dict]:
    """The reviews of a catalogue from before this revision, numbered in the order of their
    first document, changed when their latest document or librarian's edit was."""
    # The grouping rule of casereview.catalogue.review_group, frozen here as migrations must be.
    edited = {}
    regrouped = {}
    for report_id, field, value, created_at in connection.execute(
        sa.select(
            overrides.c.report_id, overrides.c.field, overrides.c.value, overrides.c.created_at
        )
    ):
        edited[report_id] = max(edited.get(report_id, created_at), created_at)
        if field == "review_key":
            regrouped[report_id] = value
    found: dict[str, dict] = {}
    for report_id, key, state, duplicate_of, updated_at in connection.execute(
        sa.select(
            reports.c.id,
            reports.c.review_key,
            reports.c.state,
            reports.c.duplicate_of,
            reports.c.updated_at,
        ).order_by(reports.c.id)
    ):
        key = regrouped[report_id] if report_id in regrouped else key
        group = (key or f"report-{report_id}")[:200]
        changed = max(updated_at, edited.get(report_id, updated_at))
        record = found.setdefault(
            group, {"review_group": group, "changed_at": changed, "published": False}
        )
        record["changed_at"] = max(record["changed_at"], changed)
        record["published"] = record["published"] or (state == "indexed" and duplicate_of is None)
    return list(found.values())


def downgrade() -> None:
    op.drop_index("ix_review_records_published", "review_records")
    op.drop_index("ix_review_records_changed_at", "review_records")
    op.drop_table("review_records")
