import hashlib
import os

import pytest

from casereview.archive import Archive


def test_files_are_addressed_by_sha256_and_stored_once(tmp_path):
    archive = Archive(tmp_path / "archive")
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.4 a review")
    digest = archive.put_file(source)
    assert digest == hashlib.sha256(b"%PDF-1.4 a review").hexdigest()
    assert archive.put_bytes(b"%PDF-1.4 a review") == digest
    stored = list((tmp_path / "archive").rglob("*"))
    assert [p for p in stored if p.is_file()] == [archive.path_for(digest)]
    assert archive.read_bytes(digest) == b"%PDF-1.4 a review"
    assert digest in archive


def test_archived_files_are_never_overwritten(tmp_path):
    archive = Archive(tmp_path)
    digest = archive.put_bytes(b"original")
    path = archive.path_for(digest)
    assert not os.access(path, os.W_OK) or os.geteuid() == 0
    assert path.stat().st_mode & 0o222 == 0
    archive.put_bytes(b"original")
    assert path.read_bytes() == b"original"


def test_no_temporary_files_are_left_behind(tmp_path):
    archive = Archive(tmp_path)
    archive.put_bytes(b"one")
    archive.put_bytes(b"one")
    assert not [p for p in tmp_path.rglob(".incoming-*")]


@pytest.mark.parametrize("bad", ["../../etc/passwd", "abc", "A" * 64, "", None])
def test_only_digests_name_archive_paths(tmp_path, bad):
    with pytest.raises(ValueError):
        Archive(tmp_path).path_for(bad)
