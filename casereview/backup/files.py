"""Files of a backup: hard links where the filesystem allows (the archive is written once and
never changed, so a link is as good as a copy and costs no space), copies otherwise, each listed
with its size and SHA-256 and checked against that list before anything is restored."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from casereview.archive import sha256_file

from . import BackupError

# Half-written files of the archive (``Archive._store``), never part of a backup.
INCOMING = ".incoming-"
# Why os.link refuses where a copy still works: another filesystem, no links allowed, too many.
_LINK_REFUSED = {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EACCES}


@dataclass(frozen=True)
class FileEntry:
    """One file of a backup: its path inside the backup folder, size and SHA-256."""

    path: str
    size: int
    sha256: str

    def as_list(self) -> list:
        return [self.path, self.size, self.sha256]

    @classmethod
    def from_list(cls, row: list) -> FileEntry:
        """An entry read from a manifest; a path leaving the backup folder is refused."""
        path, size, sha256 = row
        parts = PurePosixPath(str(path)).parts
        if not parts or parts[0] == "/" or ".." in parts:
            raise BackupError(f"the manifest lists a file outside the backup: {path!r}")
        return cls(str(path), int(size), str(sha256))


@dataclass
class Copied:
    """How the files of a folder were carried over."""

    linked: int = 0
    copied: int = 0

    @property
    def files(self) -> int:
        return self.linked + self.copied


def link_or_copy(source: Path, target: Path, copy: bool = False) -> bool:
    """Put ``source`` at ``target``: a hard link unless ``copy`` is asked for or the filesystem
    refuses one, then a copy. True when linked."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not copy:
        try:
            os.link(source, target)
            return True
        except OSError as error:
            if error.errno not in _LINK_REFUSED:
                raise
    shutil.copy2(source, target)
    return False


def files_under(root: Path) -> Iterator[Path]:
    """The regular files below ``root``, in a stable order, without half-written ones."""
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if not name.startswith(INCOMING) and path.is_file() and not path.is_symlink():
                yield path


def has_files(root: Path) -> bool:
    return next(files_under(root), None) is not None


def copy_tree(source: Path, target: Path, copy: bool = False) -> Copied:
    """Carry every file below ``source`` to the same place below ``target``; a file already
    there is left alone (the archive is content-addressed: same name, same bytes)."""
    done = Copied()
    for path in files_under(source):
        destination = target / path.relative_to(source)
        if destination.exists():
            continue
        if link_or_copy(path, destination, copy):
            done.linked += 1
        else:
            done.copied += 1
    return done


def describe(root: Path, skip: set[str] = frozenset()) -> list[FileEntry]:
    """Size and SHA-256 of every file below ``root`` (but the ``skip`` paths)."""
    entries = []
    for path in files_under(root):
        relative = path.relative_to(root).as_posix()
        if relative not in skip:
            entries.append(FileEntry(relative, path.stat().st_size, sha256_file(path)))
    return entries


def problems(root: Path, entries: list[FileEntry]) -> list[str]:
    """What is missing or changed below ``root`` compared with ``entries`` (empty when all is
    as listed)."""
    found = []
    for entry in entries:
        path = root / entry.path
        if not path.is_file():
            found.append(f"{entry.path} is missing")
        elif path.stat().st_size != entry.size:
            found.append(
                f"{entry.path} has {path.stat().st_size} bytes, the manifest says {entry.size}"
            )
        elif (digest := sha256_file(path)) != entry.sha256:
            found.append(f"{entry.path} has SHA-256 {digest}, the manifest says {entry.sha256}")
    return found
