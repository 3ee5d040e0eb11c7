"""The coding workspace's interactive pages through the Flask test client: coding a document's
page by sentence checkboxes and by a free selection (the same route), removing a passage, each
coder's own view until the owner opens the coding, the codebook pages with their history, the
agreement page, and adding reviews from a search or a review page."""

from __future__ import annotations

import html
import re

import pytest

from casereview.catalogue import Coding, Report
from casereview.users import Account, list_users
from coding import agreement
from tests.librarian_support import add_account, index, make_report, sign_in
from tests.test_coding_web import form_post

TEXT = "The health visitor saw the baby twice. Nobody spoke to the child. The GP was not told."
TITLE = "Child Practice Review Child A"


def account_of(catalogue, name: str) -> Account:
    return next(Account.of(u) for u in list_users(catalogue) if u.name == name)


def signed_in(app, catalogue, name: str, role: str = "researcher"):
    client = app.test_client()
    add_account(catalogue, name, role)
    sign_in(client, name)
    return client


def body(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def project_with_document(client, tmp_path, catalogue, archive, text=TEXT, title=TITLE):
    """A project of ``client``'s researcher with one document; returns (project id, report id)."""
    report = make_report(catalogue, archive, tmp_path, title, text)
    created = form_post(client, "/projects/", {"name": "Triple coding"})
    project_id = int(created.headers["Location"].rsplit("/", 1)[1])
    form_post(client, f"/projects/{project_id}/reviews", {"report_ids": str(report)})
    return project_id, report


def add_code(client, project_id: int, name: str, parent: str = "top", **fields) -> int:
    answer = form_post(
        client,
        f"/projects/{project_id}/codebook",
        {"name": name, "parent_id": parent, **fields},
        follow_redirects=True,
    )
    assert f"Code “{name}” added." in body(answer), body(answer)
    found = re.search(rf'codebook/(\d+)" class="code-name">{re.escape(name)}<', body(answer))
    return int(found.group(1))


@pytest.fixture
def owner(app, catalogue):
    return signed_in(app, catalogue, "olwen")


@pytest.fixture
def coded_project(owner, app, catalogue, archive, tmp_path):
    project_id, report = project_with_document(owner, tmp_path, catalogue, archive)
    codes = {name: add_code(owner, project_id, name) for name in ("Voice of the child", "Health")}
    form_post(owner, f"/projects/{project_id}/members", {"name": "carys", "role": "coder"})
    return project_id, report, codes


@pytest.fixture
def coder(app, catalogue):
    return signed_in(app, catalogue, "carys")


def page_of(client, project_id, report, page=1) -> str:
    answer = client.get(f"/projects/{project_id}/documents/{report}?page={page}")
    assert answer.status_code == 200
    return body(answer)


def code(client, project_id, report, data: dict) -> str:
    answer = form_post(
        client,
        f"/projects/{project_id}/documents/{report}/passages",
        {"page": "1", **data},
        follow_redirects=True,
    )
    assert answer.status_code == 200
    return body(answer)


def test_the_page_text_in_sentences_with_checkboxes_codes_and_a_memo(
    coder, owner, coded_project, catalogue
):
    project_id, report, codes = coded_project
    page = page_of(owner, project_id, report)
    assert page.count('name="sentence"') == 4  # the title, then the three sentences of TEXT
    assert re.search(r'<label for="sentence-2"><span class="sentence-text" data-start="\d+"', page)
    assert "Nobody spoke to the child." in page and 'name="code"' in page
    assert '<label for="memo">' in page and 'name="csrf_token"' in page
    assert 'src="/static/coding.js"' in page
    headers = owner.get(f"/projects/{project_id}/documents/{report}").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"].split("; ")
    assert headers["Cache-Control"] == "no-store"
    assert "script-src" not in owner.get("/search").headers["Content-Security-Policy"]

    done = code(
        owner,
        project_id,
        report,
        {"sentence": ["2", "3"], "code": [str(codes["Voice of the child"])], "memo": "Not heard"},
    )
    assert "1 passage(s) coded." in done
    assert "<q>Nobody spoke to the child. The GP was not told.</q>" in done
    assert "Not heard" in done and "Coded: Voice of the child" in done
    with catalogue.session() as session:
        (stored,) = session.query(Coding).all()
        assert (stored.page, stored.quote) == (1, "Nobody spoke to the child. The GP was not told.")
        text = session.get(Report, report).pages[0].text
        assert text[stored.char_start : stored.char_end] == stored.quote

    removed = form_post(
        owner,
        f"/projects/{project_id}/documents/{report}/passages/{stored.id}/delete",
        {"page": "1"},
        follow_redirects=True,
    )
    assert "The passage is removed." in body(removed) and "No passages yet." in body(removed)


def test_a_free_selection_posts_offsets_and_quote_to_the_same_route(
    owner, coded_project, catalogue
):
    project_id, report, codes = coded_project
    with catalogue.session() as session:
        text = session.get(Report, report).pages[0].text
    start = text.index("spoke to")
    end = text.index("GP") + 2
    done = code(
        owner,
        project_id,
        report,
        {
            "start": str(start),
            "end": str(end),
            "quote": "spoke to the child.  The GP",  # as a browser joins the sentences
            "code": [str(codes["Health"]), str(codes["Voice of the child"])],
        },
    )
    assert "The selected passage is coded." in done
    with catalogue.session() as session:
        (stored,) = session.query(Coding).all()
        assert (stored.char_start, stored.char_end) == (start, end)
        assert stored.quote == "spoke to the child. The GP"
        assert sorted(stored.code_ids) == sorted(codes.values())


@pytest.mark.parametrize(
    "data, message",
    [
        ({"start": "3", "end": "9", "quote": "something else"}, "does not match the page's text"),
        ({"start": "3", "end": "9", "quote": "x", "sentence": "1"}, "not both"),
        ({}, "tick at least one sentence"),
        ({"sentence": "1", "code": []}, "choose at least one code"),
        ({"sentence": "one"}, "the sentence must be a number"),
        ({"sentence": "99"}, "that page has no such sentence"),
        ({"start": "9", "end": "3", "quote": ""}, "does not match"),
        ({"start": "-1", "end": "3"}, "the start must be a number"),
    ],
)
def test_bad_coding_forms_get_a_clear_message_and_store_nothing(
    owner, coded_project, catalogue, data, message
):
    project_id, report, codes = coded_project
    data.setdefault("code", [str(codes["Health"])])
    assert message in code(owner, project_id, report, data)
    with catalogue.session() as session:
        assert session.query(Coding).count() == 0


def test_missing_pages_documents_and_codes_are_404(owner, coded_project, app, catalogue):
    project_id, report, codes = coded_project
    for path in (
        f"/projects/{project_id}/documents/{report}?page=3",
        f"/projects/{project_id}/documents/{report}?page=x",
        f"/projects/{project_id}/documents/{report + 1}",
        f"/projects/{project_id}/codebook/{max(codes.values()) + 1}",
    ):
        assert owner.get(path).status_code == 404, path
    other = signed_in(app, catalogue, "sian")
    other_project = form_post(other, "/projects/", {"name": "Another"}).headers["Location"]
    other_code = add_code(other, int(other_project.rsplit("/", 1)[1]), "Not yours")
    answer = form_post(
        owner,
        f"/projects/{project_id}/documents/{report}/passages",
        {"page": "1", "sentence": "1", "code": str(other_code)},
    )
    assert answer.status_code == 404
    # A document taken down since it was added can no longer be read or coded.
    with catalogue.session() as session:
        session.get(Report, report).suppressed = True
    taken_down = owner.get(f"/projects/{project_id}/documents/{report}")
    assert taken_down.status_code == 404 and TITLE not in body(taken_down)
    refused = form_post(
        owner,
        f"/projects/{project_id}/documents/{report}/passages",
        {"page": "1", "sentence": "1", "code": str(codes["Health"])},
    )
    assert refused.status_code == 404


def test_each_coder_sees_their_own_passages_until_the_owner_opens_the_coding(
    owner, coder, coded_project, catalogue
):
    project_id, report, codes = coded_project
    code(
        owner,
        project_id,
        report,
        {"sentence": "2", "code": str(codes["Health"]), "memo": "Memo by the owner"},
    )
    code(
        coder,
        project_id,
        report,
        {"sentence": "3", "code": str(codes["Health"]), "memo": "Memo by the coder"},
    )
    own = page_of(coder, project_id, report)
    # Memos with spaces: a short one could turn up by chance inside a CSRF token.
    assert "Memo by the coder" in own and "Memo by the owner" not in own
    assert "Your passages" in own
    refused = form_post(
        coder, f"/projects/{project_id}/coding", {"open": "1"}, follow_redirects=True
    )
    assert "only an owner of the project can do that" in body(refused)
    opened = form_post(
        owner, f"/projects/{project_id}/coding", {"open": "1"}, follow_redirects=True
    )
    assert "Coding is open" in body(opened)
    both = page_of(coder, project_id, report)
    assert "Memo by the owner" in both and "Memo by the coder" in both
    assert "Every coder's passages" in both
    assert "Health (olwen)" in both and "Health (carys)" in both
    # Only one's own passages have a remove button, and only one's own can be removed.
    assert both.count("Remove<span") == 1
    with catalogue.session() as session:
        owners = session.query(Coding).filter(Coding.memo == "Memo by the owner").one().id
    answer = form_post(
        coder, f"/projects/{project_id}/documents/{report}/passages/{owners}/delete", {"page": "1"}
    )
    assert answer.status_code == 404
    with catalogue.session() as session:
        assert session.query(Coding).count() == 2


def test_codebook_pages_add_edit_move_and_merge_with_history(owner, coded_project):
    project_id, _report, codes = coded_project
    health = codes["Health"]
    child = add_code(
        owner,
        project_id,
        "Missed appointments",
        str(health),
        definition="Appointments not kept",
        example="did not attend",
    )
    page = body(owner.get(f"/projects/{project_id}/codebook"))
    assert "Appointments not kept" in page and "Example: “did not attend”" in page
    assert "add: added under “Health”" in page

    form_post(
        owner,
        f"/projects/{project_id}/codebook/{child}/edit",
        {"name": "Was not brought", "definition": "A child not brought", "example": ""},
    )
    form_post(owner, f"/projects/{project_id}/codebook/{child}/move", {"parent_id": "top"})
    code_page = body(owner.get(f"/projects/{project_id}/codebook/{child}"))
    assert "Code: Was not brought" in code_page
    assert "edit: renamed from “Missed appointments”, definition changed, example changed" in (
        code_page
    )
    assert "move: moved from “Health” to the top level" in code_page
    # The move and merge selects offer every other code, never the code itself.
    assert f'<option value="{child}"' not in code_page
    refused = form_post(
        owner,
        f"/projects/{project_id}/codebook/{health}/move",
        {"parent_id": str(health)},
        follow_redirects=True,
    )
    assert "cannot move under itself" in body(refused)
    empty = form_post(
        owner,
        f"/projects/{project_id}/codebook/{health}/edit",
        {"name": " "},
        follow_redirects=True,
    )
    assert "a code needs a name" in body(empty)

    merged = form_post(
        owner,
        f"/projects/{project_id}/codebook/{child}/merge",
        {"into": str(codes["Voice of the child"])},
        follow_redirects=True,
    )
    page = body(merged)
    assert "Codes merged." in page and "merge: merged into “Voice of the child”" in page
    assert 'class="code-name">Was not brought<' not in page
    assert owner.get(f"/projects/{project_id}/codebook/{child}").status_code == 404

    made = form_post(owner, f"/projects/{project_id}/codebook/taxonomy", {}, follow_redirects=True)
    assert "code(s) added from the theme taxonomy" in body(made)
    assert "Polarised views of mothers" in body(made)


def test_the_agreement_page_after_the_coding_is_opened(owner, coder, coded_project, catalogue):
    project_id, report, codes = coded_project
    health, voice = str(codes["Health"]), str(codes["Voice of the child"])
    code(owner, project_id, report, {"sentence": ["1", "2"], "code": health})
    code(owner, project_id, report, {"sentence": "3", "code": voice})
    code(coder, project_id, report, {"sentence": "1", "code": health})
    code(coder, project_id, report, {"sentence": "3", "code": [voice, health]})

    closed = body(coder.get(f"/projects/{project_id}/agreement"))
    assert "an owner must open the coding first" in closed and "open-coding-form" not in closed
    assert "open-coding-form" in body(owner.get(f"/projects/{project_id}/agreement"))
    form_post(owner, f"/projects/{project_id}/coding", {"open": "1"})

    page = body(coder.get(f"/projects/{project_id}/agreement"))
    expected = agreement.project_agreement(catalogue, account_of(catalogue, "olwen"), project_id)
    assert expected.coders == ("carys", "olwen")
    assert f"{expected.kappa:.3f}" in page and f"{expected.alpha:.3f}" in page
    for row in expected.per_code:
        assert f"{row.kappa:.3f}" in page
    table = page[page.index('id="disagreements"') :]
    # The sentences after the title are 1, 2 and 3; the coders in name order, carys first.
    rows = re.findall(
        r"<tr>\s*<td><q>(.*?)</q>.*?</td>\s*<td>(.*?)</td><td>(.*?)</td>", table, re.S
    )
    assert rows == [
        ("Nobody spoke to the child.", "none", "Health"),
        ("The GP was not told.", "Health", "none"),
    ]
    assert len(expected.disagreements) == len(rows)


def test_reviews_are_added_from_a_search_and_from_a_review_page(
    app, catalogue, archive, search_engine, config, tmp_path
):
    reports = [
        make_report(catalogue, archive, tmp_path, f"Review of Child {letter}", "Neglect was seen.")
        for letter in "PQR"
    ]
    index(catalogue, search_engine, config, *reports)
    owner = signed_in(app, catalogue, "olwen")
    first = form_post(owner, "/projects/", {"name": "Neglect study"}).headers["Location"]
    form_post(owner, "/projects/", {"name": "Second study"})
    project_id = int(first.rsplit("/", 1)[1])

    results = owner.get("/search?q=neglect")
    page = body(results)
    assert results.headers["Cache-Control"] == "private, no-store"
    assert "Cookie" in results.headers["Vary"]
    assert 'id="add-to-project"' in page and "Neglect study" in page and "Second study" in page
    boxes = re.findall(
        r'<input type="checkbox" form="add-to-project"[^>]*value="(\d+)" checked>', page
    )
    assert sorted(map(int, boxes)) == sorted(reports)
    added = form_post(
        owner,
        "/projects/add-reviews",
        {"project_id": str(project_id), "report_id": [str(r) for r in reports[:2]]},
        follow_redirects=True,
    )
    assert "2 document(s) added." in body(added)

    review = body(owner.get(f"/reviews/{reports[2]}"))
    assert 'id="add-review-to-project"' in review
    assert f'name="report_id" value="{reports[2]}"' in review
    form_post(
        owner,
        "/projects/add-reviews",
        {"project_id": str(project_id), "report_id": str(reports[2])},
    )
    listed = body(owner.get(f"/projects/{project_id}"))
    assert all(f"Review of Child {letter}" in listed for letter in "PQR")

    # Not one's own project, or no project named: 404, nothing added.
    stranger = signed_in(app, catalogue, "sian")
    refused = form_post(
        stranger, "/projects/add-reviews", {"project_id": str(project_id), "report_id": "1"}
    )
    assert refused.status_code == 404
    assert form_post(owner, "/projects/add-reviews", {"report_id": "1"}).status_code == 404


def test_the_add_forms_appear_only_to_researchers_with_projects(
    app, catalogue, archive, search_engine, config, tmp_path
):
    report = make_report(catalogue, archive, tmp_path, "Review of Child S", "Neglect was seen.")
    index(catalogue, search_engine, config, report)
    owner = signed_in(app, catalogue, "olwen")
    form_post(owner, "/projects/", {"name": "Owner's own study"})
    without_projects = signed_in(app, catalogue, "sian")
    librarian = signed_in(app, catalogue, "lib", "librarian")
    for client in (app.test_client(), librarian, without_projects):
        for path in ("/search?q=neglect", f"/reviews/{report}", "/"):
            answer = client.get(path)
            page = body(answer)
            assert answer.status_code == 200
            assert "add-to-project" not in page and "Add to a project" not in page, path
            assert "Owner's own study" not in page and "add-reviews" not in page, path
            assert "no-store" not in answer.headers.get("Cache-Control", ""), path


def test_three_coders_get_krippendorffs_alpha_without_cohens_kappa(
    owner, coder, coded_project, app, catalogue
):
    project_id, report, codes = coded_project
    third = signed_in(app, catalogue, "dafydd")
    form_post(owner, f"/projects/{project_id}/members", {"name": "dafydd", "role": "coder"})
    health = str(codes["Health"])
    for client, sentences in ((owner, ["1", "2"]), (coder, ["1"]), (third, ["1", "3"])):
        code(client, project_id, report, {"sentence": sentences, "code": health})
    form_post(owner, f"/projects/{project_id}/coding", {"open": "1"})
    page = body(third.get(f"/projects/{project_id}/agreement"))
    expected = agreement.project_agreement(catalogue, account_of(catalogue, "olwen"), project_id)
    assert expected.coders == ("carys", "dafydd", "olwen") and expected.kappa is None
    assert "Cohen's kappa" not in page and f"{expected.alpha:.3f}" in page
    assert "carys's codes" in page and "dafydd's codes" in page and "olwen's codes" in page
