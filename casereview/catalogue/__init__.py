"""The catalogue: SQLAlchemy over SQLite (the default) or PostgreSQL, schema managed by Alembic
migrations; what differs between the two is handled in ``portable``."""

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
    MAX_ROW_ID,
    METADATA_FIELDS,
    Action,
    ActionUpdate,
    AuditEntry,
    Base,
    CatalogueLock,
    ClusterLink,
    CrawlRun,
    CurationOverride,
    ListingPage,
    LoginAttempt,
    Page,
    RejectedLink,
    RejectedLinkState,
    Report,
    ReportState,
    ScheduledRun,
    ScheduledRunStatus,
    SignInCounter,
    Source,
    User,
    is_row_id,
    utcnow,
)
from .outbox import IndexChange, OutboxStatus, enqueue, outbox_status
from .portable import insert_ignoring_conflicts, reset_sequences, serialise_outbox_writers
from .review_records import ReviewRecord, review_group

__all__ = [
    "CURATED_FIELDS",
    "MAX_ROW_ID",
    "METADATA_FIELDS",
    "Action",
    "ActionUpdate",
    "AppliedCode",
    "AuditEntry",
    "Base",
    "Catalogue",
    "CatalogueLock",
    "ClusterLink",
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
    "ReviewRecord",
    "ScheduledRun",
    "ScheduledRunStatus",
    "SignInCounter",
    "Source",
    "User",
    "enqueue",
    "insert_ignoring_conflicts",
    "is_row_id",
    "outbox_status",
    "review_group",
    "reset_sequences",
    "serialise_outbox_writers",
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
        # A server's connections may be closed under the pool (a restart, a failover): each is
        # checked before use. SQLite's are files.
        self.engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
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
