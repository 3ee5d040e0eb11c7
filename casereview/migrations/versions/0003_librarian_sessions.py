"""Librarians: revocable sessions, atomic sign-in counters, user names in one normal form.

Revision ID: 0003_librarian_sessions
Revises: 0002_librarian
Create Date: 2026-12-01
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003_librarian_sessions"
down_revision = "0002_librarian"
branch_labels = None
depends_on = None


def _normal(name: str) -> str:
    # The same rule as casereview.users.normal_name, frozen here as migrations must be.
    return unicodedata.normalize("NFKC", name or "").casefold().strip()


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("session_generation", sa.Integer, nullable=False, server_default="0")
        )
    op.create_table(
        "sign_in_counters",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("window_started", sa.DateTime, nullable=False),
        sa.Column("last_failure", sa.DateTime),
    )
    connection = op.get_bind()
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("name", sa.String))
    taken = set()
    for user_id, name in connection.execute(sa.select(users.c.id, users.c.name)).all():
        normal = _normal(name)
        if normal != name and normal not in taken:
            connection.execute(users.update().where(users.c.id == user_id).values(name=normal))
        taken.add(normal)


def downgrade() -> None:
    op.drop_table("sign_in_counters")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_generation")
