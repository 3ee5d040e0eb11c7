"""Named locks held in the catalogue, so that two processes (on one machine or several sharing
a PostgreSQL catalogue) never run the same job at once: two crawls, say.

A lock is a row of ``catalogue_locks`` that exists while it is held, with the holder's process
id, host, start and last heartbeat. Taking it is one ``INSERT … ON CONFLICT DO NOTHING``: of two
processes trying at once exactly one gets the row. A lock whose holder is gone (its process no
longer runs on this host, or it has not beaten for ``stale_after`` seconds) is taken over with a
compare-and-set on the holder, so two processes taking over the same stale lock cannot both win.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from casereview.processes import process_alive

from .models import CatalogueLock, utcnow
from .portable import insert_ignoring_conflicts

CRAWL_LOCK = "crawl"
# A holder beats every HEARTBEAT_SECONDS; one silent for STALE_AFTER_SECONDS is presumed dead
# (a machine that crashed, a process on another host that cannot be checked).
HEARTBEAT_SECONDS = 30
STALE_AFTER_SECONDS = 300


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as its row says."""

    name: str
    pid: int
    host: str
    started_at: datetime
    heartbeat_at: datetime

    @classmethod
    def of(cls, row: CatalogueLock) -> Holder:
        return cls(row.name, row.pid, row.host, row.started_at, row.heartbeat_at)

    def stale(self, now: datetime, stale_after: float) -> bool:
        if self.host == socket.gethostname() and not process_alive(self.pid):
            return True
        return now - self.heartbeat_at > timedelta(seconds=stale_after)

    def text(self) -> str:
        return (
            f"process {self.pid} on {self.host} holds the {self.name} lock since "
            f"{self.started_at.isoformat(timespec='seconds')} UTC (last heartbeat "
            f"{self.heartbeat_at.isoformat(timespec='seconds')} UTC)"
        )


class LockHeld(RuntimeError):
    """The lock is held by a live process."""

    def __init__(self, holder: Holder):
        self.holder = holder
        super().__init__(holder.text())


class LockLost(RuntimeError):
    """Another process took the lock over (this one was silent past ``stale_after``)."""


class Lock:
    """A held lock; ``heartbeat()`` now and then, ``release()`` at the end (or use ``with``)."""

    def __init__(self, catalogue, name: str, token: str, took_over: Holder | None):
        self.catalogue = catalogue
        self.name = name
        self.token = token
        # The stale holder this lock was taken from, if any.
        self.took_over = took_over

    def heartbeat(self) -> None:
        with self.catalogue.session() as session:
            beaten = session.execute(
                update(CatalogueLock)
                .where(CatalogueLock.name == self.name, CatalogueLock.holder == self.token)
                .values(heartbeat_at=utcnow())
            ).rowcount
        if not beaten:
            raise LockLost(f"the {self.name} lock was taken over by another process")

    def release(self) -> None:
        with self.catalogue.session() as session:
            session.execute(
                delete(CatalogueLock).where(
                    CatalogueLock.name == self.name, CatalogueLock.holder == self.token
                )
            )

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *_exc) -> None:
        self.release()


def acquire(catalogue, name: str, stale_after: float = STALE_AFTER_SECONDS) -> Lock:
    """Take the lock ``name``, or raise ``LockHeld`` naming its live holder."""
    token = uuid.uuid4().hex
    now = utcnow()
    row = {
        "name": name,
        "holder": token,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started_at": now,
        "heartbeat_at": now,
    }
    with catalogue.session() as session:
        taken = session.scalar(
            insert_ignoring_conflicts(session, CatalogueLock)
            .values(**row)
            .returning(CatalogueLock.name)
        )
        if taken:
            return Lock(catalogue, name, token, None)
        current = session.scalar(select(CatalogueLock).where(CatalogueLock.name == name))
        if current is None:  # released between the two statements: try again
            return acquire(catalogue, name, stale_after)
        holder = Holder.of(current)
        if not holder.stale(now, stale_after):
            raise LockHeld(holder)
        took = session.execute(
            update(CatalogueLock)
            .where(CatalogueLock.name == name, CatalogueLock.holder == current.holder)
            .values(**row)
        ).rowcount
    if not took:  # another process took the stale lock over first
        return acquire(catalogue, name, stale_after)
    return Lock(catalogue, name, token, holder)


def holder_of(catalogue, name: str) -> Holder | None:
    """Who holds ``name`` now, if anyone."""
    with catalogue.session() as session:
        row = session.get(CatalogueLock, name)
        return Holder.of(row) if row else None
