"""Bad input answers 400 (or 404 for an id no review can have), never 500: integer parameters
are ASCII digits within bounds, ids fit the catalogue, and page links (cursors) are checked."""

from __future__ import annotations

import base64

import pytest

from tests.librarian_support import add_account, make_report, post, sign_in

# Ids beyond the catalogue's reach must not reach the database: PostgreSQL refuses them.
pytestmark = pytest.mark.both_catalogues


def _cursor(raw_json: str) -> str:
    return base64.urlsafe_b64encode(raw_json.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "path",
    [
        "/reviews/9223372036854775808",
        "/reviews/2147483648",
        "/api/reviews/4294967296",
        "/api/reviews/99999999999999999999999",
        "/reviews/9223372036854775808/file",
        "/reviews/%C2%B2",
        "/api/reviews/%D9%A3",
    ],
)
def test_ids_no_catalogue_can_hold_are_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404, response.status_code


@pytest.mark.parametrize(
    "query",
    [
        {"page": "²"},
        {"size": "⁵⁰"},
        {"year_from": "²⁰²¹"},
        {"year_to": "٢٠٢٠"},
        {"page": "１"},
        {"size": "1" * 40},
    ],
)
def test_unicode_digits_in_integer_parameters_are_a_bad_request(client, query):
    response = client.get("/api/search", query_string=query)
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_request"
    assert client.get("/search", query_string=query).status_code == 400


@pytest.mark.parametrize(
    "sort, raw",
    [
        ("relevance", '[NaN, "1"]'),
        ("relevance", '[Infinity, "1"]'),
        ("relevance", '[-Infinity, "1"]'),
        ("relevance", '[1e309, "1"]'),
        ("relevance", '[null, "1"]'),
        ("relevance", '[true, "1"]'),
        ("relevance", '["x", "1"]'),
        ("relevance", "[1.5, 2]"),
        ("relevance", "[1.5]"),
        ("relevance", '[1.5, "1", 3]'),
        ("relevance", "null"),
        ("relevance", '{"a": 1}'),
        ("newest", '[1e300, 2020, "1"]'),
        ("newest", '[false, 2020, "1"]'),
        ("oldest", '[1, 2020, ""]'),
    ],
)
def test_tampered_page_links_are_a_bad_request(client, sort, raw):
    query = {"q": "neglect", "page": "1001", "after": _cursor(raw)}
    if sort != "relevance":
        query["sort"] = sort
    response = client.get("/api/search", query_string=query)
    assert response.status_code == 400, (raw, response.status_code)
    assert "page link" in response.get_json()["message"]


def test_librarians_report_numbers_beyond_the_catalogue_are_a_bad_request(
    client, catalogue, archive, tmp_path
):
    report_id = make_report(catalogue, archive, tmp_path, "Review of Child H")
    add_account(catalogue)
    sign_in(client)
    assert client.get("/librarian/reports/2147483648").status_code == 404
    found = client.get("/librarian/find", query_string={"q": "99999999999"})
    assert found.status_code == 200 and "Review of Child H" not in found.get_data(as_text=True)
    for path, data in [
        (f"/librarian/reports/{report_id}/merge", {"other": "2147483648", "reason": "same"}),
        (f"/librarian/reports/{report_id}/split", {"documents": "2147483648", "reason": "x"}),
        (f"/librarian/reports/{report_id}/merge", {"other": "٣", "reason": "same"}),
    ]:
        assert post(client, path, data).status_code == 400, path
