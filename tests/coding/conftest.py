"""The coding workspace's tests run on a fresh SQLite catalogue each (no search engine needed):
researcher accounts, catalogued reviews with page text, and a project with members."""

from __future__ import annotations

import hashlib
import itertools

import pytest

from casereview.catalogue import Catalogue, Page, Report
from casereview.users import add_user
from coding.projects import add_member, create_project

PASSWORD = "correct horse battery staple"
_files = itertools.count(1)


@pytest.fixture
def catalogue(tmp_path):
    catalogue = Catalogue(f"sqlite:///{tmp_path / 'catalogue.sqlite3'}")
    catalogue.upgrade()
    yield catalogue
    catalogue.close()


def researcher(catalogue, name: str, role: str = "researcher"):
    return add_user(catalogue, name, role, PASSWORD)


def add_report(catalogue, pages: list[str], review_key: str | None = None, **columns) -> int:
    """A catalogued, public document with these page texts (in review ``review_key``)."""
    sha256 = hashlib.sha256(f"file {next(_files)}".encode()).hexdigest()
    columns.setdefault("state", "indexed")
    columns.setdefault("title", f"Review {review_key or sha256[:6]}")
    with catalogue.session() as session:
        report = Report(sha256=sha256, review_key=review_key, themes=[], **columns)
        report.pages = [Page(number=n, text=t) for n, t in enumerate(pages, start=1)]
        report.page_count = len(pages)
        session.add(report)
        session.flush()
        return report.id


@pytest.fixture
def owner(catalogue):
    return researcher(catalogue, "olwen")


@pytest.fixture
def coder(catalogue):
    return researcher(catalogue, "carys")


@pytest.fixture
def project_id(catalogue, owner, coder):
    project_id = create_project(catalogue, owner, "Triple coding", "What do reviews learn?")
    add_member(catalogue, owner, project_id, "carys")
    return project_id
