"""A throwaway PostgreSQL cluster for the test session: Debian's ``postgresql`` package, started
with its own ``initdb`` and ``pg_ctl`` in a temporary directory, listening only on a Unix socket
in that directory (no TCP port to collide with other runs).

PostgreSQL refuses to run as root; under root (a CI machine, a container) the cluster belongs to
the unprivileged ``nobody`` account and is started with ``runuser``. Either way the tests connect
over the socket with ``trust`` authentication, as the cluster's superuser ``casereview``.

Each test gets a database of its own, copied from a template already migrated to head (a copy
takes a few tens of milliseconds; running the migrations again would take far longer).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest

from casereview.catalogue import Catalogue

SUPERUSER = "casereview"
TEMPLATE = "casereview_template"
# Durability is of no use to a throwaway cluster; without fsync the tests run much faster.
SERVER_OPTIONS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=200 -c shared_buffers=32MB"
)
UNPRIVILEGED_OWNER = "nobody"


class ClusterError(RuntimeError):
    pass


def server_binaries() -> Path:
    """The newest installed ``/usr/lib/postgresql/<version>/bin``."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[-3]),
    )
    if not found:
        raise ClusterError(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: "
            "install Debian's `postgresql` package (`make setup` does)"
        )
    return Path(found[-1]).parent


class ThrowawayCluster:
    """initdb, start, hand out databases, stop and remove."""

    def __init__(self):
        self.bin = server_binaries()
        self.owner = UNPRIVILEGED_OWNER if os.geteuid() == 0 else None
        # The owner must reach the directory: under root, in /tmp (TMPDIR may be root's own).
        where = "/tmp" if self.owner else None
        self.directory = Path(tempfile.mkdtemp(prefix="casereview-pg-", dir=where))
        self.data = self.directory / "data"
        if self.owner:
            account = pwd.getpwnam(self.owner)
            os.chown(self.directory, account.pw_uid, account.pw_gid)

    def _run(self, *command: str) -> None:
        argv = [str(self.bin / command[0]), *command[1:]]
        if self.owner:
            argv = ["runuser", "-u", self.owner, "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, cwd=self.directory)
        if done.returncode:
            log = self.directory / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise ClusterError(f"{' '.join(argv)} failed:\n{done.stdout}{done.stderr}{tail}")

    def start(self) -> ThrowawayCluster:
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.directory / "server.log"), "-w",
            "-o", f"{SERVER_OPTIONS} -c unix_socket_directories='{self.directory}'", "start",
        )  # fmt: skip
        self.create_database(TEMPLATE)
        catalogue = Catalogue(self.url(TEMPLATE))
        catalogue.upgrade()
        catalogue.close()
        return self

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.directory}"

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(
            host=str(self.directory), user=SUPERUSER, dbname="postgres", autocommit=True
        )

    def create_database(self, name: str, template: str | None = None) -> str:
        with self._admin() as connection:
            connection.execute(
                f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
            )
        return self.url(name)

    def new_catalogue_url(self) -> str:
        """A fresh database holding the catalogue's schema at head, and nothing else."""
        return self.create_database(f"test_{uuid.uuid4().hex[:12]}", template=TEMPLATE)

    def new_empty_url(self) -> str:
        """A fresh database with no tables at all."""
        return self.create_database(f"test_{uuid.uuid4().hex[:12]}")

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1].split("?", 1)[0]
        with self._admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_cluster() -> ThrowawayCluster:
    """One throwaway cluster for the whole session, started on first use."""
    cluster = ThrowawayCluster()
    try:
        cluster.start()
    except ClusterError as error:
        cluster.stop()
        pytest.fail(str(error), pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster) -> str:
    """A database of this test's own, migrated to head; dropped afterwards."""
    url = postgres_cluster.new_catalogue_url()
    yield url
    postgres_cluster.drop(url)
