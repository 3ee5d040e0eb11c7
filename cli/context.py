"""What every subcommand shares: the configuration and the services built from it, and the one
way a command fails."""

from __future__ import annotations

import sys

import click

from casereview.archive import Archive
from casereview.catalogue import Catalogue
from casereview.config import Config
from casereview.search_engine import SearchEngine


class Context:
    """What every subcommand needs, built lazily from the one configuration object."""

    def __init__(self):
        self.config = Config.from_env()
        self._catalogue = None

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self.config.ensure_dirs()
            self._catalogue = Catalogue.from_config(self.config)
        return self._catalogue

    @property
    def archive(self) -> Archive:
        return Archive(self.config.archive_dir)

    def engine(self) -> SearchEngine:
        return SearchEngine.from_config(self.config)


pass_context = click.make_pass_decorator(Context, ensure=True)


def fail(message: str) -> None:
    """Print a one-line error and exit non-zero, without a traceback."""
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(1)
