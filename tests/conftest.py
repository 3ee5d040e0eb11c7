"""Shared fixtures: one real Elasticsearch node per test session, fresh catalogues per test.

The engine is never mocked: tests that touch search talk to the node started here.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from casereview import engine_node
from casereview.archive import Archive
from casereview.catalogue import Catalogue
from casereview.config import Config
from casereview.search_engine import SearchEngine

# Session-scoped indexed corpus of generated reviews for the search tests; the throwaway
# PostgreSQL cluster.
pytest_plugins = ["tests.search_corpus", "tests.postgres_cluster"]
# The catalogue's databases. A test module marked ``both_catalogues`` runs each of its tests that
# use the catalogue once on each (``pytest -k postgresql`` picks the PostgreSQL runs).
CATALOGUE_BACKENDS = ("sqlite", "postgresql")

REPO = Path(__file__).resolve().parent.parent
# The engine jars are fetched once per checkout and shared by every test session.
ENGINE_HOME = Path(os.environ.get("CASEREVIEW_ENGINE_HOME") or REPO / "var" / "engine-artifacts")


@pytest.fixture(scope="session")
def engine_url(tmp_path_factory) -> str:
    """Start one embedded node for the whole session (or use ELASTICSEARCH_URL if given)."""
    external = os.environ.get("CASEREVIEW_TEST_ELASTICSEARCH_URL")
    if external:
        yield external
        return
    for attempt in range(3):
        config = Config.from_env(
            environ={},
            data_dir=tmp_path_factory.mktemp("engine"),
            engine_home=ENGINE_HOME,
            engine_port=engine_node.free_port(9200, engine_node.MAX_HTTP_PORT),
        )
        try:
            state = engine_node.start(config)
            break
        except engine_node.EngineError:
            # Another process may have taken the port between the check and the bind.
            if attempt == 2:
                raise
    yield state.url
    engine_node.stop(config)


def pytest_generate_tests(metafunc):
    if (
        metafunc.definition.get_closest_marker("both_catalogues")
        and "catalogue_backend" in metafunc.fixturenames
    ):
        metafunc.parametrize("catalogue_backend", CATALOGUE_BACKENDS, indirect=True)


@pytest.fixture
def catalogue_backend(request) -> str:
    """The catalogue's database: SQLite unless the test is parametrised over both."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def database_url(request, catalogue_backend) -> str:
    """The catalogue's URL: empty for SQLite in the data directory, else a fresh PostgreSQL
    database of the test's own."""
    if catalogue_backend == "postgresql":
        return request.getfixturevalue("postgres_url")
    return ""


@pytest.fixture
def config(tmp_path, engine_url, database_url) -> Config:
    """A configuration with its own data directory, catalogue and index prefix, on the
    session's node."""
    return Config.from_env(
        environ={},
        data_dir=tmp_path / "var",
        database_url=database_url,
        elasticsearch_url=engine_url,
        index_prefix=f"test-{uuid.uuid4().hex[:10]}",
        engine_home=ENGINE_HOME,
    )


def command_env(config: Config) -> dict[str, str]:
    """The environment that points a command (or a child process) at ``config``'s data
    directory, catalogue, engine and index prefix."""
    return {
        "CASEREVIEW_DATA_DIR": str(config.data_dir),
        "CASEREVIEW_DATABASE_URL": config.database_url,
        "CASEREVIEW_ELASTICSEARCH_URL": config.elasticsearch_url,
        "CASEREVIEW_INDEX_PREFIX": config.index_prefix,
    }


@pytest.fixture
def catalogue(config) -> Catalogue:
    config.ensure_dirs()
    catalogue = Catalogue.from_config(config)
    yield catalogue
    catalogue.close()


@pytest.fixture
def archive(config) -> Archive:
    return Archive(config.archive_dir)


@pytest.fixture
def search_engine(config) -> SearchEngine:
    engine = SearchEngine(config.elasticsearch_url)
    yield engine
    for index in engine.indices(f"{config.index_prefix}-*"):
        engine.delete_index(index)
    engine.close()


@pytest.fixture
def app(config, catalogue):
    from search_app import create_app

    app = create_app({"TESTING": True, "CASEREVIEW": config})
    yield app
    # The app's index thread must not outlive the test's catalogue.
    if sync := app.extensions["casereview"].get("index_sync"):
        sync.stop()


@pytest.fixture
def client(app):
    return app.test_client()
