import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from casereview.catalogue import Base, Catalogue, CurationOverride, Page, Report

pytestmark = pytest.mark.both_catalogues


def test_migrations_build_exactly_the_models_schema(config):
    catalogue = Catalogue(config.database_url)
    catalogue.upgrade()
    with catalogue.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
    catalogue.close()


def test_upgrade_twice_is_harmless(tmp_path):
    catalogue = Catalogue(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    catalogue.upgrade()
    catalogue.upgrade()
    catalogue.close()


def test_overrides_win_over_extraction(catalogue):
    with catalogue.session() as session:
        report = Report(sha256="a" * 64, filename="x.pdf", year=2019, nation="Wales", themes=[])
        report.pages = [Page(number=1, text="hello")]
        report.overrides = [
            CurationOverride(field="year", value=2021, reason="title page says 2021", actor="lib")
        ]
        session.add(report)
    with catalogue.session() as session:
        report = session.query(Report).one()
        assert report.year == 2019
        assert report.effective()["year"] == 2021
        assert report.effective()["nation"] == "Wales"


def test_the_sessions_migration_puts_existing_user_names_in_their_normal_form(tmp_path):
    from sqlalchemy import text

    catalogue = Catalogue(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    catalogue.upgrade("0002_librarian")
    with catalogue.engine.begin() as connection:
        for name in ("\u212airk", "Alice"):
            connection.execute(
                text(
                    "INSERT INTO users (name, role, password_hash, active, created_at) "
                    "VALUES (:name, 'librarian', 'x', 1, '2026-01-01')"
                ),
                {"name": name},
            )
    catalogue.upgrade()
    with catalogue.engine.connect() as connection:
        rows = connection.execute(text("SELECT name, session_generation FROM users")).all()
    catalogue.close()
    assert sorted(rows) == [("alice", 0), ("kirk", 0)]


def test_text_longer_than_its_column_is_cut_not_refused(catalogue):
    # PostgreSQL refuses a VARCHAR longer than its length where SQLite keeps it: both cut it.
    with catalogue.session() as session:
        session.add(Report(sha256="b" * 64, filename="f" * 900, board="B" * 300, themes=[]))
    with catalogue.session() as session:
        report = session.query(Report).one()
        assert (len(report.filename), len(report.board)) == (500, 200)
        report.board = "C" * 201
    with catalogue.session() as session:
        assert session.query(Report).one().board == "C" * 200
