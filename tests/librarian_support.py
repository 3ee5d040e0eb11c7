"""Builders shared by the librarian and security tests: reports, accounts, signed-in clients."""

from __future__ import annotations

import re
from pathlib import Path

from casereview.archive import Archive
from casereview.catalogue import Catalogue, Page, Report
from casereview.users import add_user
from index_mappings.indexer import index_reports
from standins.corpus.pdf import write_text_pdf

PASSWORD = "correct horse battery staple"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_report(
    catalogue: Catalogue,
    archive: Archive,
    tmp_path: Path,
    title: str,
    text: str = "",
    report_id: int | None = None,
    **columns,
) -> int:
    """A catalogued report with a real archived PDF holding ``title`` and ``text``."""
    pages = [f"{title}\n\n{text}", "The review panel met the agencies."]
    pdf = write_text_pdf(tmp_path / f"{abs(hash((title, report_id)))}.pdf", pages, title=title)
    sha256 = archive.put_file(pdf)
    columns.setdefault("state", "indexed")
    columns.setdefault("nation", "Wales")
    columns.setdefault("year", 2020)
    with catalogue.session() as session:
        report = Report(
            id=report_id,
            sha256=sha256,
            filename=pdf.name,
            file_size=pdf.stat().st_size,
            page_count=len(pages),
            title=title,
            themes=columns.pop("themes", []),
            extraction=columns.pop("extraction", {}),
            **columns,
        )
        report.pages = [Page(number=n, text=t) for n, t in enumerate(pages, start=1)]
        session.add(report)
        session.flush()
        return report.id


def index(catalogue, search_engine, config, *report_ids) -> None:
    index_reports(catalogue, search_engine, config, list(report_ids))


def add_account(catalogue, name="lib", role="librarian"):
    return add_user(catalogue, name, role, PASSWORD)


def csrf_token(client, path="/librarian/login") -> str:
    return _TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def sign_in(client, name="lib", password=PASSWORD):
    """Sign in through the form; returns the response of the POST."""
    token = csrf_token(client)
    return client.post(
        "/librarian/login", data={"name": name, "password": password, "csrf_token": token}
    )


def post(client, path: str, data: dict, **kwargs):
    """A POST with the CSRF token of the signed-in session."""
    return client.post(
        path, data={**data, "csrf_token": csrf_token(client, "/librarian/")}, **kwargs
    )
