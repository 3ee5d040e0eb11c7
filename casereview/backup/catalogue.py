"""The catalogue's part of a backup: a consistent copy made by the database's own tool (SQLite's
online backup API, PostgreSQL's ``pg_dump``), and what the manifest says of it (rows per table,
Alembic revisions, the index outbox's high-water mark).

One small class per kind of database, registered in ``KINDS`` by SQLAlchemy backend name.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, inspect, text
from sqlalchemy.engine import make_url

from casereview.catalogue import MIGRATIONS_DIR, Catalogue

from . import BackupError

ALEMBIC_TABLE = "alembic_version"
OUTBOX_TABLE = "index_outbox"


@dataclass
class CatalogueCopy:
    """What a copy of the catalogue holds, measured on the copy's own state."""

    kind: str
    file: str
    tool: str
    revisions: list[str] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)
    outbox_high_water: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def table_counts(connection: Connection) -> dict[str, int]:
    """Rows in every table but Alembic's own."""
    names = sorted(n for n in inspect(connection).get_table_names() if n != ALEMBIC_TABLE)
    quote = connection.dialect.identifier_preparer.quote
    return {n: connection.scalar(text(f"SELECT COUNT(*) FROM {quote(n)}")) for n in names}


def revisions(connection: Connection) -> list[str]:
    """The Alembic revisions the catalogue is at (one per migration branch)."""
    if not inspect(connection).has_table(ALEMBIC_TABLE):
        return []
    return sorted(connection.scalars(text(f"SELECT version_num FROM {ALEMBIC_TABLE}")))


def unknown_revisions(names: list[str]) -> list[str]:
    """The revisions this version of the code has no migration for (a newer backup)."""
    alembic_config = AlembicConfig()
    alembic_config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(alembic_config)
    known = {revision.revision for revision in script.walk_revisions()}
    return [name for name in names if name not in known]


def _measure(connection: Connection, copy: CatalogueCopy, high_water: int) -> CatalogueCopy:
    copy.revisions = revisions(connection)
    copy.tables = table_counts(connection)
    copy.outbox_high_water = high_water
    return copy


class SqliteCatalogue:
    """A SQLite catalogue, copied page by page with the online backup API while others write."""

    name = "sqlite"
    file = "catalogue.sqlite3"

    @staticmethod
    def _path(url: str) -> Path:
        return Path(make_url(url).database or "")

    def exists(self, url: str) -> bool:
        return self._path(url).is_file()

    def outbox_high_water(self, connection: Connection) -> int:
        # AUTOINCREMENT keeps the largest id ever given in sqlite_sequence, in the transaction.
        if not inspect(connection).has_table("sqlite_sequence"):
            return 0
        found = connection.scalar(
            text("SELECT seq FROM sqlite_sequence WHERE name = :table"), {"table": OUTBOX_TABLE}
        )
        return int(found or 0)

    def dump(self, url: str, target: Path) -> CatalogueCopy:
        with closing(sqlite3.connect(self._path(url), timeout=30)) as live:
            with closing(sqlite3.connect(target)) as copy:
                live.backup(copy)
                # The copy stands alone: no -wal file beside it, nothing written when read.
                copy.execute("PRAGMA journal_mode=DELETE")
        measured = CatalogueCopy(
            self.name, self.file, f"SQLite {sqlite3.sqlite_version} backup API"
        )
        copied = Catalogue(f"sqlite:///{target}")
        try:
            with copied.engine.connect() as connection:
                return _measure(connection, measured, self.outbox_high_water(connection))
        finally:
            copied.close()

    def load(self, source: Path, url: str) -> None:
        target = self._path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as copy:
            with closing(sqlite3.connect(target, timeout=30)) as live:
                copy.backup(live)


class PostgresCatalogue:
    """A PostgreSQL catalogue, dumped by ``pg_dump`` (custom format) from an exported snapshot,
    so that the counts in the manifest are those of the dump; restored by ``pg_restore``."""

    name = "postgresql"
    file = "catalogue.pgdump"

    @staticmethod
    def _libpq(url: str) -> tuple[str, dict]:
        """The libpq form of a SQLAlchemy URL, and the environment carrying its password (kept
        off the command line, where other users could read it)."""
        parsed = make_url(url)
        env = dict(os.environ)
        if parsed.password:
            env["PGPASSWORD"] = parsed.password
        plain = parsed.set(drivername="postgresql", password=None)
        return plain.render_as_string(hide_password=False), env

    @staticmethod
    def _tool(name: str) -> str:
        found = shutil.which(name)
        if not found:
            raise BackupError(
                f"{name} was not found: install PostgreSQL's client tools "
                "(apt-get install postgresql-client)"
            )
        return found

    def _run(self, command: list[str], env: dict) -> str:
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            last = (result.stderr or result.stdout).strip().splitlines()[-3:]
            raise BackupError(f"{Path(command[0]).name} failed: " + " | ".join(last))
        return result.stdout.strip()

    def exists(self, url: str) -> bool:
        return True

    def outbox_high_water(self, connection: Connection) -> int:
        sequence = connection.scalar(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": OUTBOX_TABLE}
        )
        if not sequence:
            return 0
        # The name comes from PostgreSQL itself, already quoted where it needs to be.
        return int(
            connection.scalar(
                text(f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {sequence}")
            )
        )

    def dump(self, url: str, target: Path) -> CatalogueCopy:
        pg_dump = self._tool("pg_dump")
        conninfo, env = self._libpq(url)
        catalogue = Catalogue(url)
        try:
            with catalogue.engine.connect() as connection:
                connection.execution_options(isolation_level="REPEATABLE READ")
                with connection.begin():
                    snapshot = connection.scalar(text("SELECT pg_export_snapshot()"))
                    measured = _measure(
                        connection,
                        CatalogueCopy(self.name, self.file, self._run([pg_dump, "--version"], env)),
                        self.outbox_high_water(connection),
                    )
                    self._run(
                        [pg_dump, "--format=custom", f"--snapshot={snapshot}", "--no-owner"]
                        + ["--no-privileges", f"--file={target}", f"--dbname={conninfo}"],
                        env,
                    )
        finally:
            catalogue.close()
        return measured

    def load(self, source: Path, url: str) -> None:
        pg_restore = self._tool("pg_restore")
        conninfo, env = self._libpq(url)
        catalogue = Catalogue(url)
        try:
            # The tables already there (an empty schema, or what --force replaces) go first.
            existing = MetaData()
            existing.reflect(catalogue.engine)
            existing.drop_all(catalogue.engine)
        finally:
            catalogue.close()
        self._run(
            [pg_restore, "--no-owner", "--no-privileges", "--single-transaction"]
            + ["--exit-on-error", f"--dbname={conninfo}", str(source)],
            env,
        )


KINDS = {kind.name: kind for kind in (SqliteCatalogue(), PostgresCatalogue())}


def kind_of(url: str):
    """The registered kind for a catalogue URL (by SQLAlchemy backend name)."""
    backend = make_url(url).get_backend_name()
    if backend not in KINDS:
        raise BackupError(
            f"backups of a {backend} catalogue are not supported ({', '.join(KINDS)})"
        )
    return KINDS[backend]


def is_empty(url: str) -> bool:
    """True when the catalogue does not exist yet or holds no rows (a fresh schema is empty)."""
    if not kind_of(url).exists(url):
        return True
    catalogue = Catalogue(url)
    try:
        with catalogue.engine.connect() as connection:
            return not any(table_counts(connection).values())
    finally:
        catalogue.close()
