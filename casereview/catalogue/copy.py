"""Copy a whole catalogue into another database (``casereview db copy --to URL``): the way from
SQLite to PostgreSQL.

The target is migrated to head first, so it has the same tables; then every table is copied, in
dependency order, row for row with its ids, a batch at a time; a column that points into its own
table (a report that repeats another) is filled in after all the table's rows are in. Last,
PostgreSQL's id sequences are set past the copied ids. An empty target is required, unless
``force`` clears it first. Everything is one transaction on the target: a failed copy leaves it
as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Table, func, select

from . import Catalogue
from .models import Base
from .portable import reset_sequences

BATCH = 500


class CopyError(RuntimeError):
    pass


def catalogue_tables() -> list[Table]:
    """The catalogue's tables, each after the tables it points to."""
    return list(Base.metadata.sorted_tables)


def row_counts(connection) -> dict[str, int]:
    return {
        table.name: connection.scalar(select(func.count()).select_from(table))
        for table in catalogue_tables()
    }


def _self_references(table: Table) -> list[str]:
    return [
        fk.parent.name
        for fk in table.foreign_keys
        if fk.column.table is table and fk.parent.nullable
    ]


def _copy_table(source, target, table: Table) -> int:
    later = _self_references(table)
    key = list(table.primary_key.columns)
    copied, pending_links = 0, []
    rows = source.execution_options(yield_per=BATCH).execute(select(table).order_by(*key))
    for batch in rows.mappings().partitions(BATCH):
        values = [dict(row) for row in batch]
        for row in values:
            links = {name: row[name] for name in later if row[name] is not None}
            if links:
                # The columns an update would stamp (updated_at) keep their copied values.
                stamped = {c.name: row[c.name] for c in table.c if c.onupdate is not None}
                pending_links.append(({c.name: row[c.name] for c in key}, links | stamped))
                row.update(dict.fromkeys(links))
        target.execute(table.insert(), values)
        copied += len(values)
    for ids, links in pending_links:
        where = [table.c[name] == value for name, value in ids.items()]
        target.execute(table.update().where(*where).values(**links))
    return copied


def copy_catalogue(
    source: Catalogue,
    target_url: str,
    force: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Copy ``source`` into the database at ``target_url``; returns {table: rows copied}."""
    target = Catalogue(target_url)
    try:
        target.upgrade()
        with source.engine.connect() as reading, target.engine.begin() as writing:
            filled = {name: n for name, n in row_counts(writing).items() if n}
            if filled and not force:
                listed = ", ".join(f"{name} ({n} rows)" for name, n in sorted(filled.items()))
                raise CopyError(
                    f"the target catalogue is not empty: {listed}; "
                    "use --force to replace what it holds"
                )
            for table in reversed(catalogue_tables()):
                writing.execute(table.delete())
            copied = {}
            for table in catalogue_tables():
                copied[table.name] = _copy_table(reading, writing, table)
                if progress:
                    progress(table.name, copied[table.name])
            reset_sequences(writing)
        return copied
    finally:
        target.close()
