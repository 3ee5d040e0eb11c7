"""Whether a process runs: for lock holders, crawl runs and the embedded engine's pid file."""

from __future__ import annotations

import os


def process_alive(pid: int | None) -> bool:
    """Whether a process with this id runs on this host (one of another user's counts); a
    zombie child of ours is reaped and counts as gone."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers kill(0); reap it if it is ours.
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        return waited == 0
    except ChildProcessError:
        return True
