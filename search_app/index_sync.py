"""The app keeps the index following the catalogue: a background thread applies the catalogue's
pending index operations at start, then every ``INDEX_SYNC_SECONDS`` while any are pending, so
the index catches up within one interval of the engine's return without anyone running a
command. Checking for work is one count on the catalogue; the engine is asked only when there
is work.

The thread holds the app only weakly and stops when the app is gone, at interpreter exit, or on
``stop()``.
"""

from __future__ import annotations

import atexit
import logging
import threading
import weakref

from flask import Flask

from casereview.catalogue import IndexChange
from index_mappings.reconcile import reconcile

log = logging.getLogger(__name__)


class IndexSync:
    """One daemon thread per app; ``stop()`` ends it within one interval."""

    def __init__(self, app: Flask, interval: float):
        self.interval = interval
        self._stopped = threading.Event()
        self._app = weakref.ref(app)
        self.thread = threading.Thread(target=self._run, name="index-sync", daemon=True)

    def start(self) -> IndexSync:
        self.thread.start()
        atexit.register(self.stop)
        return self

    def stop(self) -> None:
        self._stopped.set()

    def _run(self) -> None:
        while not self._stopped.is_set():
            app = self._app()
            if app is None:
                return
            try:
                self.run_once(app)
            except Exception:  # a bad moment of the catalogue must not end the thread
                log.exception("applying pending index changes failed; retrying")
            del app
            self._stopped.wait(self.interval)

    @staticmethod
    def run_once(app: Flask):
        """Apply what is pending, if anything; the reconcile's result, or None."""
        services = app.extensions["casereview"]
        catalogue = services["catalogue"]
        with catalogue.session() as session:
            if session.query(IndexChange.id).first() is None:
                return None
        return reconcile(catalogue, services["engine"], app.config["CASEREVIEW"])


def init_app(app: Flask) -> None:
    """Start the thread unless the interval is 0 (or INDEX_SYNC is False in the app config)."""
    interval = app.config["CASEREVIEW"].index_sync_seconds
    if interval <= 0 or not app.config.get("INDEX_SYNC", True):
        return
    app.extensions["casereview"]["index_sync"] = IndexSync(app, interval).start()
