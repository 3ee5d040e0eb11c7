"""`casereview ingest DIR` reads files inside DIR only: a symbolic link that leads out of the
folders given is refused, with a reason, and nothing of its target is archived."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from casereview.catalogue import Report
from ingest.pipeline import ingest_paths
from tests.factories import multi_page_pdf

pytestmark = pytest.mark.both_catalogues


def test_links_out_of_the_folder_given_are_refused(tmp_path, catalogue, archive, config):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    secret = outside / "secret.pdf"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (outside / "folder").mkdir()
    (outside / "folder" / "other.pdf").write_text("not for the archive\n")
    given = tmp_path / "in"
    given.mkdir()
    (given / "passwd.pdf").symlink_to("/etc/passwd")
    (given / "secret.pdf").symlink_to(secret)
    (given / "linked-folder").symlink_to(outside / "folder", target_is_directory=True)
    inside = multi_page_pdf(given / "real.pdf", marker_page=1, pages=1, marker="A review.")
    (given / "same-file.pdf").symlink_to(inside)  # a link inside the folder is fine

    results = ingest_paths([given], catalogue, archive, config)
    refused = sorted(r.path for r in results if r.state == "refused")
    assert refused == [str(given / "passwd.pdf"), str(given / "secret.pdf")]
    assert all("outside the folders given" in r.reason for r in results if r.state == "refused")
    with catalogue.session() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 1
    assert not any(
        b"root:x:0:0" in path.read_bytes() for path in archive.root.rglob("*") if path.is_file()
    )
    # Named on the command line, a link still may not leave its own folder.
    [named] = ingest_paths([given / "secret.pdf"], catalogue, archive, config)
    assert named.state == "refused"
