"""What differs between the catalogue's databases, SQLite and PostgreSQL, kept in one place.

SQLite lets one writer at a time in and ignores the length of a VARCHAR; PostgreSQL runs writers
side by side and refuses a value longer than its column. The helpers here give both the same
behaviour: inserts that tolerate a simultaneous writer's identical row, text cut to its column,
sequences set after rows were written with their ids, and one writer at a time where order
matters (the index outbox).
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import String, event, func, select, text
from sqlalchemy.orm import Session

from .models import Base

# pg_advisory_xact_lock key of the index outbox ("outbox" read as a number).
OUTBOX_LOCK_KEY = int.from_bytes(b"outbox", "big")


def dialect_of(session_or_connection) -> str:
    bind = session_or_connection
    if isinstance(bind, Session):
        bind = bind.get_bind()
    return bind.dialect.name


def insert_ignoring_conflicts(session_or_connection, model):
    """``INSERT … ON CONFLICT DO NOTHING`` for ``model`` in the session's dialect: of two
    writers adding the same unique row at once, the second adds nothing instead of failing."""
    if dialect_of(session_or_connection) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model).on_conflict_do_nothing()


def serialise_outbox_writers(session: Session) -> None:
    """Hold the outbox's lock until this transaction ends (PostgreSQL; SQLite has one writer
    at a time anyway). Outbox ids are the index's external versions, so they must be given out
    in commit order: otherwise a change committed later under a smaller id is refused by the
    engine as older, and the index keeps the other writer's view of the report."""
    if dialect_of(session) == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(OUTBOX_LOCK_KEY)))


def reset_sequences(connection) -> None:
    """Set each table's id sequence past its largest id (PostgreSQL), after rows were written
    with their ids given (a copy, a restore, a test's fixed id)."""
    if connection.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


@cache
def _bounded_strings(mapper) -> dict[str, int]:
    return {
        attribute.key: column.type.length
        for attribute in mapper.column_attrs
        for column in attribute.columns
        if isinstance(column.type, String) and column.type.length
    }


@event.listens_for(Base, "before_insert", propagate=True)
@event.listens_for(Base, "before_update", propagate=True)
def cut_to_column_length(mapper, _connection, target) -> None:
    """Text from outside (a publisher's board name, an ETag, a file name) cut to its column's
    length on both databases: SQLite would keep it whole, PostgreSQL would refuse the row."""
    for key, length in _bounded_strings(mapper).items():
        value = getattr(target, key, None)
        if isinstance(value, str) and len(value) > length:
            setattr(target, key, value[:length])
