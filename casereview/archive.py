"""The archive: original files addressed by their SHA-256, written once, never overwritten."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Archive:
    """A content-addressed store: ``root/ab/cd/abcd…`` holds the file whose SHA-256 is ``abcd…``."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        """The file's place in the archive; refuses anything but a SHA-256, so no path traversal."""
        if not _SHA256.match(sha256 or ""):
            raise ValueError(f"not a SHA-256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def __contains__(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def put_bytes(self, data: bytes) -> str:
        """Store ``data`` and return its SHA-256; storing the same bytes again is a no-op."""
        return self._store(lambda handle: handle.write(data))

    def put_file(self, path: Path) -> str:
        """Store a file, streamed, and return its SHA-256."""
        with open(path, "rb") as source:
            return self._store(lambda handle: _copy(source, handle))

    def _store(self, write) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with _HashingWriter(os.fdopen(fd, "wb")) as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            sha256 = handle.hexdigest()
            target = self.path_for(sha256)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(tmp, 0o444)
            # link() never replaces an existing file, so what is archived is never overwritten.
            try:
                os.link(tmp, target)
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp)
        return sha256

    def read_bytes(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()


def _copy(source, target) -> None:
    for block in iter(lambda: source.read(1 << 20), b""):
        target.write(block)


class _HashingWriter:
    """A binary file wrapper that hashes what passes through it."""

    def __init__(self, handle):
        self._handle = handle
        self._digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self._digest.update(data)
        return self._handle.write(data)

    def flush(self) -> None:
        self._handle.flush()

    def fileno(self) -> int:
        return self._handle.fileno()

    def hexdigest(self) -> str:
        return self._digest.hexdigest()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()
