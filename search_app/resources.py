"""The app's long-lived resources: the search engine client, the catalogue and the archive."""

from __future__ import annotations

import atexit

from flask import Flask, current_app

from casereview.archive import Archive
from casereview.catalogue import Catalogue
from casereview.search_engine import SearchEngine


def init_app(app: Flask) -> None:
    config = app.config["CASEREVIEW"]
    engine = SearchEngine.from_config(config, timeout=10)
    catalogue = Catalogue.from_config(config)
    app.extensions["casereview"] = {
        "engine": engine,
        "catalogue": catalogue,
        "archive": Archive(config.archive_dir),
    }

    def close() -> None:
        engine.close()
        catalogue.close()

    atexit.register(close)


def engine() -> SearchEngine:
    return current_app.extensions["casereview"]["engine"]


def catalogue() -> Catalogue:
    return current_app.extensions["casereview"]["catalogue"]


def archive() -> Archive:
    return current_app.extensions["casereview"]["archive"]


def alias() -> str:
    return current_app.config["CASEREVIEW"].alias
