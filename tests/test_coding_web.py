"""The researchers' pages (/projects) through the Flask test client: the researcher role signs
in through the shared form, is kept out of the librarians' pages, makes a project with reviews
and a codebook; strangers get 404; nothing from a project reaches a public route."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from casereview.catalogue import Report
from casereview.users import Account, list_users
from coding.codebook import add_code
from coding.passages import apply_codes
from coding.projects import set_open_coding
from tests.librarian_support import (
    PASSWORD,
    add_account,
    index,
    make_report,
    sign_in,
)

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
# Words that exist nowhere but in the project, to look for on public routes.
PROJECT_NAME = "Quillfeather triangulation"
QUESTION = "Zanzibarine voices of fathers"
MEMO = "Memo marjoribanks-grapefruit"


def form_post(client, path: str, data: dict, **kwargs):
    """A POST with the session's CSRF token (read from the projects page, which shows, and so
    uses up, any message waiting: follow the redirect to read a message)."""
    token = _TOKEN.search(client.get("/projects/").get_data(as_text=True)).group(1)
    return client.post(path, data={**data, "csrf_token": token}, **kwargs)


@pytest.fixture
def researcher(client, catalogue):
    add_account(catalogue, "rhian", "researcher")
    assert sign_in(client, "rhian").headers["Location"] == "/projects/"
    return client


def _project_id(response) -> int:
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def test_the_command_line_adds_researchers(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEREVIEW_DATA_DIR", str(tmp_path / "var"))
    from cli.main import main

    result = CliRunner().invoke(
        main, ["users", "add", "rhian", "--role", "researcher", "--password-stdin"], PASSWORD
    )
    assert result.exit_code == 0 and "added researcher rhian" in result.output


def test_researchers_have_projects_not_the_librarians_pages(researcher, app, catalogue):
    for path in ("/librarian/", "/librarian/find", "/librarian/audit", "/librarian/users"):
        assert researcher.get(path).status_code == 403, path
    page = researcher.get("/projects/")
    assert page.status_code == 200 and "My coding projects" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    # Signed in already: the sign-in page sends a researcher to the projects.
    assert researcher.get("/librarian/login").headers["Location"] == "/projects/"

    librarian = app.test_client()
    add_account(catalogue, "lib")
    assert sign_in(librarian, "lib").headers["Location"] == "/librarian/"
    assert librarian.get("/projects/").status_code == 403
    anonymous = app.test_client()
    assert anonymous.get("/projects/").headers["Location"].startswith("/librarian/login")
    assert anonymous.get("/projects/1").status_code == 302


@pytest.mark.parametrize(
    "next_page, lands_on",
    [("/librarian/find", "/projects/"), ("/projects/7", "/projects/7"), ("//evil/x", "/projects/")],
)
def test_a_researcher_returns_only_to_researchers_pages(client, catalogue, next_page, lands_on):
    add_account(catalogue, "rhian", "researcher")
    token = _TOKEN.search(client.get("/librarian/login").get_data(as_text=True)).group(1)
    form = {"name": "rhian", "password": PASSWORD, "csrf_token": token}
    answer = client.post(f"/librarian/login?next={next_page}", data=form)
    assert answer.headers["Location"] == lands_on


def test_a_project_with_reviews_members_and_a_codebook(
    researcher, app, catalogue, archive, tmp_path
):
    first = make_report(catalogue, archive, tmp_path, "Child Practice Review Child A")
    second = make_report(catalogue, archive, tmp_path, "Learning review Child B")
    hidden = make_report(catalogue, archive, tmp_path, "Withdrawn review", suppressed=True)
    add_account(catalogue, "carys", "researcher")
    created = form_post(
        researcher, "/projects/", {"name": PROJECT_NAME, "research_question": QUESTION}
    )
    project_id = _project_id(created)
    added = form_post(
        researcher,
        f"/projects/{project_id}/reviews",
        {"report_ids": f"{first}, {second} {hidden}"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "2 document(s) added" in added and f"not found: {hidden}" in added
    form_post(researcher, f"/projects/{project_id}/codebook/taxonomy", {})
    form_post(researcher, f"/projects/{project_id}/members", {"name": "carys", "role": "coder"})
    page = researcher.get(f"/projects/{project_id}").get_data(as_text=True)
    assert PROJECT_NAME in page and QUESTION in page
    assert "Child Practice Review Child A" in page and "Withdrawn review" not in page
    assert "Partial assessment" in page and "Polarised views of mothers" in page
    assert "carys (coder)" in page
    listed = researcher.get("/projects/").get_data(as_text=True)
    assert PROJECT_NAME in listed
    with catalogue.session() as session:
        session.get(Report, first).suppressed = True
    page = researcher.get(f"/projects/{project_id}").get_data(as_text=True)
    assert "Child Practice Review Child A" not in page
    assert f"Document {first}: taken down since it was added" in page

    bad = form_post(
        researcher,
        f"/projects/{project_id}/reviews",
        {"report_ids": "../etc"},
        follow_redirects=True,
    )
    assert "give the reviews as their numbers" in bad.get_data(as_text=True)
    empty = form_post(researcher, "/projects/", {"name": "  "}, follow_redirects=True)
    assert "must not be empty" in empty.get_data(as_text=True)


def project_pages(project_id: int, report_id: int = 1, code_id: int = 1) -> list[str]:
    """Every page of a project, for the walks of who may see what."""
    base = f"/projects/{project_id}"
    return [
        base,
        f"{base}/codebook",
        f"{base}/codebook/{code_id}",
        f"{base}/documents/{report_id}",
        f"{base}/documents/{report_id}?page=2",
        f"{base}/agreement",
    ]


def project_actions(project_id: int, report_id: int = 1, code_id: int = 1) -> list[str]:
    """Every form target of a project."""
    base = f"/projects/{project_id}"
    return [
        f"{base}/reviews",
        f"{base}/codebook/taxonomy",
        f"{base}/members",
        f"{base}/codebook",
        f"{base}/codebook/{code_id}/edit",
        f"{base}/codebook/{code_id}/move",
        f"{base}/codebook/{code_id}/merge",
        f"{base}/documents/{report_id}/passages",
        f"{base}/documents/{report_id}/passages/1/delete",
        f"{base}/coding",
    ]


def test_strangers_get_404_and_changes_need_a_csrf_token(
    researcher, app, catalogue, archive, tmp_path
):
    report = make_report(catalogue, archive, tmp_path, "Child Practice Review Child D")
    project_id = _project_id(form_post(researcher, "/projects/", {"name": PROJECT_NAME}))
    form_post(researcher, f"/projects/{project_id}/reviews", {"report_ids": str(report)})
    rhian = next(Account.of(u) for u in list_users(catalogue) if u.name == "rhian")
    code = add_code(catalogue, rhian, project_id, "Invisible fathers-quillfeather")
    apply_codes(catalogue, rhian, project_id, report, 1, 0, 10, [code], MEMO)
    assert researcher.post("/projects/", data={"name": "No token"}).status_code == 400
    for action in (*project_actions(project_id, report, code), "/projects/add-reviews"):
        answer = researcher.post(action, data={"name": "x", "page": "1", "project_id": "1"})
        assert answer.status_code == 400, action
    for page in project_pages(project_id, report, code):
        assert researcher.get(page).status_code == 200, page

    stranger = app.test_client()
    add_account(catalogue, "sian", "researcher")
    sign_in(stranger, "sian")
    for path in (
        *project_pages(project_id, report, code),
        *project_pages(project_id + 50, report, code),
    ):
        answer = stranger.get(path)
        assert answer.status_code == 404, path
        assert not [m for m in (PROJECT_NAME, MEMO, "quillfeather") if m in answer.text], path
    fields = {"report_ids": "1", "report_id": str(report), "project_id": str(project_id)}
    fields |= {"name": "x", "page": "1", "sentence": "0", "code": str(code), "into": str(code)}
    fields |= {"open": "1", "parent_id": "top"}
    for action in (*project_actions(project_id, report, code), "/projects/add-reviews"):
        answer = form_post(stranger, action, fields)
        assert answer.status_code == 404, action
    assert PROJECT_NAME not in stranger.get("/projects/").get_data(as_text=True)
    assert researcher.get("/projects/99999999999999999999").status_code == 404

    anonymous = app.test_client()
    librarian = app.test_client()
    add_account(catalogue, "lib")
    sign_in(librarian, "lib")
    for path in project_pages(project_id, report, code):
        assert anonymous.get(path).headers["Location"].startswith("/librarian/login"), path
        assert librarian.get(path).status_code == 403, path
    # Nothing changed: the researcher's passage and code are as they were.
    page = researcher.get(f"/projects/{project_id}/documents/{report}").get_data(as_text=True)
    assert MEMO in page and page.count("Remove<span") == 1


def test_no_project_data_on_any_public_route(
    researcher, app, catalogue, archive, search_engine, config, tmp_path
):
    report = make_report(
        catalogue, archive, tmp_path, "Child Practice Review Child F", "Father was not seen."
    )
    index(catalogue, search_engine, config, report)
    project_id = _project_id(
        form_post(researcher, "/projects/", {"name": PROJECT_NAME, "research_question": QUESTION})
    )
    form_post(researcher, f"/projects/{project_id}/reviews", {"report_ids": str(report)})
    rhian = next(Account.of(u) for u in list_users(catalogue) if u.name == "rhian")
    code = add_code(catalogue, rhian, project_id, "Invisible fathers-quillfeather")
    apply_codes(catalogue, rhian, project_id, report, 1, 0, 10, [code], MEMO)
    set_open_coding(catalogue, rhian, project_id, True)
    markers = (PROJECT_NAME, QUESTION, MEMO, "quillfeather", "Quillfeather")
    # A member sees the project's name in the form that adds reviews to it, and nothing else.
    names_in_form = re.compile(rf'<option value="{project_id}">{PROJECT_NAME}</option>')
    routes = [
        "/",
        "/search?q=father",
        "/api/search?q=father",
        "/export.csv?q=father",
        "/export.json?q=father",
        "/feed.atom",
        f"/reviews/{report}",
        f"/api/reviews/{report}",
        f"/reviews/{report}/citation.ris",
        "/stats",
        "/api/stats",
    ]
    anonymous = app.test_client()
    librarian = app.test_client()
    add_account(catalogue, "lib")
    sign_in(librarian, "lib")
    stranger = app.test_client()
    add_account(catalogue, "sian", "researcher")
    sign_in(stranger, "sian")
    form_post(stranger, "/projects/", {"name": "Sian's own project"})
    for client in (anonymous, librarian, stranger, researcher):
        for route in routes:
            answer = client.get(route)
            assert answer.status_code == 200, route
            body = answer.get_data(as_text=True)
            if client is researcher and route in ("/", "/search?q=father", f"/reviews/{report}"):
                assert names_in_form.search(body), route
                body = names_in_form.sub("", body)
            assert not [m for m in markers if m in body], route
        assert client.get("/api/search?q=father").get_json()["total"] == 1
        # Searching for a project's words finds nothing: the index has none of them.
        for word in ("quillfeather", "marjoribanks", "zanzibarine"):
            found = client.get(f"/api/search?q={word}").get_json()
            assert found["total"] == 0 and not found["hits"], word
