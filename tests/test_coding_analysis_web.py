"""A project's exports, analysis and re-anchoring through the Flask test client: members
download CSV, JSON, .qdpx and .qdc and import a .qdc; the analysis tables link every count to
its passages; a librarian's "extract again" moves coded passages or lists them as unanchored;
strangers get 404, other roles 403, the public a sign-in page, and no public route shows any of
it."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
from lxml import html
from sqlalchemy import select

from casereview.catalogue import Page
from casereview.users import Account, list_users
from coding.codebook import add_code
from coding.passages import apply_codes
from coding.projects import add_member
from tests.librarian_support import add_account, index, make_report, post, sign_in
from tests.test_coding_web import PROJECT_NAME, _project_id, form_post

from .coding.test_qdpx import QDC

MEMO = "Memo quillfeather-persimmon"
CODE = "Unseen fathers-zanzibarine"
IMPORTED = "Tunnel vision"


def account(catalogue, name: str) -> Account:
    return next(Account.of(u) for u in list_users(catalogue) if u.name == name)


@pytest.fixture
def project(client, app, catalogue, archive, tmp_path):
    """rhian's project (carys a coder): two reviews, a code, one passage each; rhian's client."""
    add_account(catalogue, "rhian", "researcher")
    add_account(catalogue, "carys", "researcher")
    sign_in(client, "rhian")
    first = make_report(
        catalogue, archive, tmp_path, "Child Practice Review Child F", "Father was not seen."
    )
    second = make_report(
        catalogue, archive, tmp_path, "Serious Case Review Child G", "Nobody asked the father.",
        nation="England", year=2016, review_type="SCR",
    )  # fmt: skip
    project_id = _project_id(form_post(client, "/projects/", {"name": PROJECT_NAME}))
    form_post(client, f"/projects/{project_id}/reviews", {"report_ids": f"{first} {second}"})
    rhian, carys = account(catalogue, "rhian"), account(catalogue, "carys")
    add_member(catalogue, rhian, project_id, "carys")
    code = add_code(catalogue, rhian, project_id, CODE)
    text = {}
    with catalogue.session() as session:
        for report in (first, second):
            text[report] = session.scalar(
                select(Page.text).where(Page.report_id == report, Page.number == 1)
            )
    start = text[first].index("Father")
    apply_codes(catalogue, rhian, project_id, first, 1, start, len(text[first]), [code], MEMO)
    start = text[second].index("Nobody")
    apply_codes(catalogue, carys, project_id, second, 1, start, len(text[second]), [code])
    return {"id": project_id, "first": first, "second": second, "code": code}


def _rows(response):
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_members_download_what_they_may_see(client, app, catalogue, project, tmp_path):
    base = f"/projects/{project['id']}"
    answer = client.get(f"{base}/export.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert answer.headers["Content-Disposition"].startswith("attachment;")
    rows = _rows(answer)
    assert [(r["coder"], r["quote"], r["codes"]) for r in rows] == [
        ("rhian", "Father was not seen.", CODE),
        ("carys", "Nobody asked the father.", CODE),
    ]
    assert rows[0]["memo"] == MEMO and rows[0]["review_url"] == f"/reviews/{project['first']}"
    document = client.get(f"{base}/export.json").get_json()
    assert [e["quote"] for e in document["excerpts"]] == [r["quote"] for r in rows]
    with zipfile.ZipFile(io.BytesIO(client.get(f"{base}/export.qdpx").data)) as bundle:
        assert len([n for n in bundle.namelist() if n.startswith("sources/")]) == 2
        assert MEMO.encode() in bundle.read("project.qde")
    qdc = client.get(f"{base}/codebook.qdc")
    assert qdc.status_code == 200 and CODE.encode() in qdc.data

    # A coder sees their own passages only, the coding not being open.
    coder = app.test_client()
    sign_in(coder, "carys")
    assert [r["coder"] for r in _rows(coder.get(f"{base}/export.csv"))] == ["carys"]
    own = coder.get(f"{base}/export.json").get_json()
    assert [e["coder"] for e in own["excerpts"]] == ["carys"] and MEMO not in str(own)
    page = coder.get(f"{base}/analysis").get_data(as_text=True)
    assert "your own only" in page and "Father was not seen" not in page


def test_importing_a_codebook_file(client, catalogue, project):
    base = f"/projects/{project['id']}"
    upload = {"qdc": (io.BytesIO(QDC), "atlas.qdc")}
    done = form_post(client, f"{base}/codebook/import", upload, follow_redirects=True)
    assert "4 code(s) imported; 0 already in the codebook." in done.get_data(as_text=True)
    assert IMPORTED in client.get(base).get_data(as_text=True)
    bad = {"qdc": (io.BytesIO(b"<nope/>"), "bad.qdc")}
    answer = form_post(client, f"{base}/codebook/import", bad, follow_redirects=True)
    assert answer.status_code == 200
    assert "not a REFI-QDA codebook" in answer.get_data(as_text=True)
    none = form_post(client, f"{base}/codebook/import", {}, follow_redirects=True)
    assert "choose a codebook file" in none.get_data(as_text=True)
    no_token = client.post(f"{base}/codebook/import", data={"qdc": (io.BytesIO(QDC), "a.qdc")})
    assert no_token.status_code == 400


def test_the_analysis_links_every_count_to_its_passages(client, project):
    base = f"/projects/{project['id']}"
    answer = client.get(f"{base}/analysis")
    assert answer.status_code == 200
    page = html.fromstring(answer.get_data(as_text=True))
    tables = page.xpath("//table")
    assert len(tables) == 4
    for table in tables:
        assert table.xpath("caption") and table.xpath(".//th[@scope='col']")
        assert table.xpath(".//th[@scope='row']")
    [nation] = page.xpath("//table[@id='frequencies-nation']")
    headers = [th.text_content() for th in nation.xpath(".//thead/tr/th")]
    assert headers == ["Code", "England", "Wales", "All"]
    links = {a.text_content(): a.get("href") for a in nation.xpath(".//tbody//a")}
    assert len(links) == 2  # "1" (each nation, same text) and "2" (all)
    england = nation.xpath(".//tbody/tr/td[1]/a")[0].get("href")
    listed = client.get(england).get_data(as_text=True)
    assert "Nobody asked the father." in listed and "Father was not seen." not in listed
    assert "1 passage(s)." in listed
    everything = client.get(links["2"]).get_data(as_text=True)
    assert "Nobody asked the father." in everything and MEMO in everything
    [year] = page.xpath("//table[@id='frequencies-year']")
    assert [th.text_content() for th in year.xpath(".//thead/tr/th")][1:3] == ["2016", "2020"]
    for bad in ("code=abc", "with=1", "together=x&code=1&with=2"):
        answer = client.get(f"{base}/passages?{bad}")
        assert answer.status_code == 400, bad


def test_extracting_again_re_anchors_or_lists_passages(client, app, catalogue, project):
    """The stored text is an older reading; a librarian extracts the file again."""
    with catalogue.session() as session:
        first = session.scalar(
            select(Page).where(Page.report_id == project["first"], Page.number == 1)
        )
        first.text = "An older reading.\nFather   was\nnot seen."
        second = session.scalar(
            select(Page).where(Page.report_id == project["second"], Page.number == 1)
        )
        second.text = "An older reading. The police were not told."
    rhian, carys = account(catalogue, "rhian"), account(catalogue, "carys")
    apply_codes(catalogue, rhian, project["id"], project["first"], 1, 18, 39, [project["code"]])
    apply_codes(catalogue, carys, project["id"], project["second"], 1, 18, 43, [project["code"]])
    librarian = app.test_client()
    add_account(catalogue, "lib")
    sign_in(librarian, "lib")
    for report in (project["first"], project["second"]):
        answer = post(librarian, f"/librarian/reports/{report}/retry", {"reason": "new reader"})
        assert answer.status_code == 302

    base = f"/projects/{project['id']}"
    rows = _rows(client.get(f"{base}/export.csv"))
    anchored = {r["quote"]: r["anchored"] for r in rows}
    assert anchored["Father was not seen."] == "True"
    assert anchored["The police were not told."] == "False"
    assert list(anchored.values()).count("True") == 3
    unanchored = client.get(f"{base}/unanchored").get_data(as_text=True)
    assert "The police were not told." in unanchored and "1 passage(s)." in unanchored
    assert "1 passage(s) could not be anchored" in client.get(f"{base}/analysis").get_data(
        as_text=True
    )


def _routes(project_id: int) -> list[str]:
    base = f"/projects/{project_id}"
    return [
        f"{base}/export.csv",
        f"{base}/export.json",
        f"{base}/export.qdpx",
        f"{base}/codebook.qdc",
        f"{base}/analysis",
        f"{base}/passages?code=1",
        f"{base}/unanchored",
    ]


def test_strangers_get_404_and_the_public_nothing(
    client, app, catalogue, project, search_engine, config
):
    index(catalogue, search_engine, config, project["first"], project["second"])
    form_post(
        client,
        f"/projects/{project['id']}/codebook/import",
        {"qdc": (io.BytesIO(QDC), "atlas.qdc")},
    )
    stranger = app.test_client()
    add_account(catalogue, "sian", "researcher")
    sign_in(stranger, "sian")
    librarian = app.test_client()
    add_account(catalogue, "lib")
    sign_in(librarian, "lib")
    anonymous = app.test_client()
    # Words only the project has (a quote is the public document's text: not one of them).
    markers = (PROJECT_NAME, MEMO, CODE, IMPORTED)
    names_in_form = re.compile(rf'<option value="{project["id"]}">{PROJECT_NAME}</option>')
    mine = _routes(project["id"])
    for route in mine + _routes(project["id"] + 1000):
        assert client.get(route).status_code == (200 if route in mine else 404), route
        answer = stranger.get(route)
        assert answer.status_code == 404, route
        assert librarian.get(route).status_code == 403, route
        public = anonymous.get(route)
        assert public.status_code == 302 and "/librarian/login" in public.headers["Location"]
        for seen in (answer, public):
            body = seen.get_data(as_text=True)
            assert not [m for m in (*markers, "Nobody asked") if m in body], route
    upload = {"qdc": (io.BytesIO(QDC), "atlas.qdc")}
    assert (
        form_post(stranger, f"/projects/{project['id']}/codebook/import", upload).status_code == 404
    )
    for route in ("/", "/search?q=father", "/api/search?q=tunnel", f"/reviews/{project['first']}",
                  f"/api/reviews/{project['second']}", "/stats", "/feed.atom"):  # fmt: skip
        for viewer in (anonymous, client):
            body = viewer.get(route).get_data(as_text=True)
            # A member sees the project's name in the form that adds reviews to it, only there.
            body = names_in_form.sub("", body) if viewer is client else body
            assert not [m for m in markers if m in body], route
    assert json.loads(anonymous.get("/api/search?q=father").data)["total"] == 2
    for word in ("zanzibarine", "quillfeather", "tunnel"):
        assert json.loads(anonymous.get(f"/api/search?q={word}").data)["total"] == 0, word
