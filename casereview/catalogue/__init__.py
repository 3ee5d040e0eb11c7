"""The catalogue: SQLAlchemy over SQLite by default, schema managed by Alembic migrations."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from .coding import (
    AppliedCode,
    Code,
    CodebookChange,
    Coding,
    CodingProject,
    ProjectDocument,
    ProjectMember,
    ProjectRole,
)
from .models import (
    CURATED_FIELDS,
    METADATA_FIELDS,
    AuditEntry,
    Base,
    CrawlRun,
    CurationOverride,
    ListingPage,
    LoginAttempt,
    Page,
    RejectedLink,
    RejectedLinkState,
    Report,
    ReportState,
    SignInCounter,
    Source,
    User,
    utcnow,
)
from .outbox import IndexChange, OutboxStatus, outbox_status

__all__ = [
    "CURATED_FIELDS",
    "METADATA_FIELDS",
    "AppliedCode",
    "AuditEntry",
    "Base",
    "Catalogue",
    "Code",
    "CodebookChange",
    "Coding",
    "CodingProject",
    "CrawlRun",
    "CurationOverride",
    "IndexChange",
    "ListingPage",
    "LoginAttempt",
    "OutboxStatus",
    "Page",
    "ProjectDocument",
    "ProjectMember",
    "ProjectRole",
    "RejectedLink",
    "RejectedLinkState",
    "Report",
    "ReportState",
    "SignInCounter",
    "Source",
    "User",
    "outbox_status",
    "utcnow",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Catalogue:
    """Opens the catalogue database, brings its schema up to date, and hands out sessions."""

    def __init__(self, url: str):
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def from_config(cls, config) -> Catalogue:
        catalogue = cls(config.database_url)
        catalogue.upgrade()
        return catalogue

    def upgrade(self, revision: str = "heads") -> None:
        """Apply Alembic migrations up to ``revision`` (every head by default: each stage may
        add its own migration branch on top of the initial schema)."""
        alembic_config = AlembicConfig()
        alembic_config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.engine.begin() as connection:
            alembic_config.attributes["connection"] = connection
            command.upgrade(alembic_config, revision)

    @contextmanager
    def session(self) -> Session:
        """A session that commits on success and rolls back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
