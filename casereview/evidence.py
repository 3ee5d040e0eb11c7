"""Evidence files a librarian attaches to an action's status update (a PDF, a Word document or
an image): their kind decided by their first bytes, never by their name or the browser's word;
their name reduced to a plain file name with the suffix of that kind; their size bounded
(``EVIDENCE_MAX_MB``); kept in the archive by their SHA-256, so no name ever becomes a path."""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from werkzeug.utils import secure_filename

from casereview.archive import Archive

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Each kind accepted: its media type, the suffix its name gets, and how its first bytes begin.
KINDS = (
    ("application/pdf", ".pdf", lambda head: head.startswith(b"%PDF-")),
    (DOCX, ".docx", lambda head: head.startswith(b"PK\x03\x04")),
    ("image/png", ".png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ("image/jpeg", ".jpg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ("image/gif", ".gif", lambda head: head[:6] in (b"GIF87a", b"GIF89a")),
    ("image/webp", ".webp", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
)
SUFFIX_OF = {media_type: suffix for media_type, suffix, _test in KINDS}
MAX_NAME = 120


class EvidenceError(ValueError):
    """An evidence file that cannot be kept; the message says why."""


@dataclass(frozen=True)
class EvidenceFile:
    sha256: str
    name: str
    media_type: str
    size: int


def sniffed_type(path: Path) -> str:
    """The media type of the file at ``path`` by its bytes; a ZIP is a Word document only if
    it holds ``word/document.xml``."""
    with open(path, "rb") as handle:
        head = handle.read(16)
    for media_type, _suffix, test in KINDS:
        if test(head):
            if media_type == DOCX and not _is_docx(path):
                break
            return media_type
    raise EvidenceError("the evidence must be a PDF, a Word document (.docx) or an image")


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def safe_name(filename: str, media_type: str) -> str:
    """A plain file name (no folders, no odd characters) ending in its kind's suffix."""
    stem = Path(secure_filename(Path((filename or "").replace("\\", "/")).name)).stem
    return (stem[:MAX_NAME] or "evidence") + SUFFIX_OF[media_type]


def store(
    archive: Archive, filename: str, stream: BinaryIO, limit_mb: int, scratch: Path
) -> EvidenceFile:
    """Check and archive an uploaded evidence file; nothing is kept if it is refused."""
    limit = limit_mb * 1024 * 1024
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        path = Path(folder) / "evidence"
        size = 0
        with open(path, "wb") as out:
            while block := stream.read(1 << 20):
                size += len(block)
                if size > limit:
                    raise EvidenceError(f"the evidence file is larger than {limit_mb} MB")
                out.write(block)
        if size == 0:
            raise EvidenceError("the evidence file is empty")
        media_type = sniffed_type(path)
        sha256 = archive.put_file(path)
    return EvidenceFile(sha256, safe_name(filename, media_type), media_type, size)
