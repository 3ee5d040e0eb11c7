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

# Session-scoped indexed corpus of generated reviews for the search tests.
pytest_plugins = ["tests.search_corpus"]

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


@pytest.fixture
def config(tmp_path, engine_url) -> Config:
    """A configuration with its own data directory and index prefix, on the session's node."""
    return Config.from_env(
        environ={},
        data_dir=tmp_path / "var",
        elasticsearch_url=engine_url,
        index_prefix=f"test-{uuid.uuid4().hex[:10]}",
        engine_home=ENGINE_HOME,
    )


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


@pytest.fixture
def client(app):
    return app.test_client()
