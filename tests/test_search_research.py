"""Review pages, citations, exports, statistics, the Atom feed and the API description."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from index_mappings.indexer import index_reports
from tests import search_corpus
from tests.search_corpus import review_counts

ATOM = "{http://www.w3.org/2005/Atom}"


def first_report(corpus):
    return next(
        r for r in corpus.reports if r.role == "final report" and r.review_key.endswith(" 1")
    )


def test_review_page_shows_metadata_with_provenance_themes_recommendations_documents(
    indexed_corpus,
):
    report = first_report(indexed_corpus)
    briefing = next(r for r in indexed_corpus.reports if r.role == "7-minute briefing")
    response = indexed_corpus.client.get(f"/reviews/{report.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert report.title in html and report.board in html
    assert "The publisher&#39;s listing page" in html or "The publisher's listing page" in html
    assert f"Published {report.year}" in html  # the evidence for the year
    assert f'href="/reports/{report.id}/file#page=1"' in html
    for theme in report.themes:
        assert search_corpus.THEME_SENTENCES[theme].split(":")[0][:30] in html.replace("&#39;", "'")
    assert "Recommendation 1" in html and "record the child" in html
    assert f'href="/documents/{briefing.id}"' in html  # the other document of the review
    assert report.review_key in html
    assert "first seen" in html.lower() and "2024-01-10" in html
    assert "Similar reviews" in html
    assert f'<link rel="canonical" href="http://localhost/reviews/{report.id}">' in html
    assert indexed_corpus.client.get(f"/reports/{report.id}").status_code == 200


def review_of(corpus, document):
    """The corpus documents of ``document``'s review, and the review's id (its first)."""
    members = [r for r in corpus.visible if r.review_group == document.review_group]
    return members, min(r.id for r in members)


def test_a_review_has_one_address_whichever_document_it_is_reached_by(indexed_corpus):
    briefing = next(r for r in indexed_corpus.visible if r.role == "7-minute briefing")
    members, review_id = review_of(indexed_corpus, briefing)
    report = next(r for r in members if r.role == "final report")
    assert len(members) == 2 and briefing.id > review_id
    client = indexed_corpus.client
    for member in members:
        record = client.get(f"/api/reviews/{member.id}").get_json()
        assert record["id"] == record["review"]["id"] == review_id
        # The review is told by its fullest document, whichever was registered first.
        assert record["document_id"] == report.id and record["title"] == report.title
        assert record["permalink"] == f"http://localhost/reviews/{review_id}"
        assert {d["id"]: d["document_role"] for d in record["documents"]} == {
            report.id: "final report",
            briefing.id: "7-minute briefing",
        }
        html = client.get(f"/reviews/{member.id}").get_data(as_text=True)
        assert f'<link rel="canonical" href="http://localhost/reviews/{review_id}">' in html
        assert "This review has 2 documents" in html
    document = client.get(f"/api/documents/{briefing.id}").get_json()
    assert document["id"] == document["document_id"] == briefing.id
    assert document["title"] == briefing.title and document["review"]["id"] == review_id
    assert document["permalink"] == f"http://localhost/documents/{briefing.id}"
    html = client.get(f"/documents/{briefing.id}").get_data(as_text=True)
    assert briefing.title in html and f'href="/reviews/{review_id}"' in html
    assert client.get(f"/api/documents/{999_999}").status_code == 404


def test_search_results_link_to_the_review_by_its_id(indexed_corpus):
    briefing = next(r for r in indexed_corpus.visible if r.role == "7-minute briefing")
    _members, review_id = review_of(indexed_corpus, briefing)
    data = indexed_corpus.client.get("/api/search?q=briefing&size=50").get_json()
    [hit] = [h for h in data["hits"] if h["review_group"] == briefing.review_group]
    assert hit["review_id"] == str(review_id) and hit["review_url"] == f"/reviews/{review_id}"
    assert all(d["url"] == f"/documents/{d['id']}" for d in hit["documents"])


def test_similar_reviews_exclude_the_review_itself_and_its_documents(indexed_corpus):
    report = first_report(indexed_corpus)
    briefing = next(r for r in indexed_corpus.reports if r.role == "7-minute briefing")
    html = indexed_corpus.client.get(f"/reviews/{report.id}").get_data(as_text=True)
    similar = html.split("Similar reviews", 1)[1].split("Cite this review", 1)[0]
    linked = [int(part.split('"')[0]) for part in similar.split('href="/reviews/')[1:]]
    assert linked and report.id not in linked and briefing.id not in linked
    # One entry per review, each by the review's own id.
    groups = [next(r for r in indexed_corpus.visible if r.id == i).review_group for i in linked]
    assert len(groups) == len(set(groups))
    assert all(
        i == review_of(indexed_corpus, r)[1]
        for i in linked
        for r in indexed_corpus.visible
        if r.id == i
    )


def test_gone_sources_show_since_when(indexed_corpus):
    gone = next(r for r in indexed_corpus.visible if r.gone)
    html = indexed_corpus.client.get(f"/reviews/{gone.id}").get_data(as_text=True)
    assert "No longer at publisher since 2024-02-10" in html
    record = indexed_corpus.client.get(f"/api/reviews/{gone.id}").get_json()
    assert record["available_at_publisher"] is False
    assert record["sources"][0]["gone_since"].startswith("2024-02-10")


def test_citations_download_as_ris_and_bibtex(indexed_corpus):
    report = first_report(indexed_corpus)
    ris = indexed_corpus.client.get(f"/reviews/{report.id}/citation.ris")
    assert ris.status_code == 200 and "attachment" in ris.headers["Content-Disposition"]
    text = ris.get_data(as_text=True)
    assert text.startswith("TY  - RPRT\r\n") and text.rstrip().endswith("ER  -")
    assert f"TI  - {report.title}\r\n" in text and f"PY  - {report.year}\r\n" in text
    assert f"UR  - http://localhost/reviews/{report.id}\r\n" in text
    bib = indexed_corpus.client.get(f"/reviews/{report.id}/citation.bib").get_data(as_text=True)
    assert bib.startswith(f"@techreport{{casereview{report.id},")
    assert f"year = {{{report.year}}}" in bib and bib.count("{") == bib.count("}")


def test_api_review_mirrors_the_page(indexed_corpus):
    report = first_report(indexed_corpus)
    record = indexed_corpus.client.get(f"/api/reviews/{report.id}").get_json()
    assert record["title"] == report.title
    year = next(row for row in record["metadata"] if row["name"] == "year")
    assert year == {**year, "value": report.year, "source": "text", "page": 1}
    assert record["permalink"] == f"http://localhost/reviews/{report.id}"
    assert record["citation"]["ris"].endswith(f"/reviews/{report.id}/citation.ris")
    assert [d["document_role"] for d in record["documents"]] == [
        "final report",
        "7-minute briefing",
    ]


def test_suppressed_reports_are_invisible_everywhere(indexed_corpus):
    hidden = next(r for r in indexed_corpus.reports if r.suppressed)
    client = indexed_corpus.client
    for route in ("", "/file", "/citation.ris", "/citation.bib"):
        assert client.get(f"/reviews/{hidden.id}{route}").status_code == 404
    assert client.get(f"/reports/{hidden.id}").status_code == 404
    assert client.get(f"/reports/{hidden.id}/file").status_code == 404
    assert client.get(f"/api/reviews/{hidden.id}").status_code == 404
    assert client.get("/api/search?q=zanzibarite").get_json()["total"] == 0
    assert hidden.title not in client.get("/export.csv").get_data(as_text=True)
    assert hidden.title not in client.get("/feed.atom").get_data(as_text=True)
    total = client.get("/api/stats").get_json()["total"]
    assert total == len({r.review_group for r in indexed_corpus.visible})


def test_suppressing_after_indexing_removes_the_report_from_every_route(
    tmp_path, catalogue, archive, search_engine, config, client
):
    from casereview.catalogue import Report

    reports = search_corpus.specs(3)[:2]
    search_corpus.load(catalogue, archive, tmp_path, reports)
    index_reports(catalogue, search_engine, config, [r.id for r in reports])
    target = reports[0]
    assert client.get(f"/reviews/{target.id}").status_code == 200
    assert client.get("/api/search").get_json()["total"] == 2
    with catalogue.session() as session:
        session.get(Report, target.id).suppressed = True
    index_reports(catalogue, search_engine, config, [target.id])
    assert client.get("/api/search").get_json()["total"] == 1
    assert client.get(f"/reviews/{target.id}").status_code == 404
    assert client.get(f"/reports/{target.id}/file").status_code == 404
    facet_counts = client.get("/api/search").get_json()["facets"][0]["buckets"]
    assert sum(b["count"] for b in facet_counts) == 1
    assert target.title not in client.get("/export.json").get_data(as_text=True)


def read_csv(response) -> list[dict]:
    data = response.get_data()
    assert data.startswith("\ufeff".encode()), "the CSV starts with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_export_streams_every_review_with_the_filters_applied(indexed_corpus):
    client = indexed_corpus.client
    response = client.get("/export.csv?nation=Wales&theme=neglect")
    assert response.status_code == 200 and response.is_streamed
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    chosen = [r for r in indexed_corpus.visible if r.nation == "Wales" and "neglect" in r.themes]
    assert sorted(row["review_group"] for row in rows) == sorted({r.review_group for r in chosen})
    assert all("neglect" in row["themes"].split("; ") for row in rows)
    assert all("Neglect" in row["theme_labels"] for row in rows)
    assert all("/reviews/" in row["permalink"] for row in rows)
    assert all(row["review_type_label"] and row["review_type"] for row in rows)
    everything = json.loads(client.get("/export.json").get_data(as_text=True))
    assert everything["search"]["per"] == "review"
    assert len(everything["reviews"]) == len({r.review_group for r in indexed_corpus.visible})
    found = json.loads(client.get("/export.json?q=haemorrhages").get_data(as_text=True))
    assert found["search"]["query"] == "haemorrhages"
    assert len(found["reviews"]) == client.get("/api/search?q=haemorrhages").get_json()["total"]


def test_a_review_row_lists_its_documents_and_per_document_keeps_one_row_each(indexed_corpus):
    client = indexed_corpus.client
    briefing = next(r for r in indexed_corpus.visible if r.role == "7-minute briefing")
    report = next(
        r for r in indexed_corpus.visible if r.review_key == briefing.review_key and r != briefing
    )
    data = client.get("/export.json").get_json()
    [row] = [r for r in data["reviews"] if r["review_group"] == briefing.review_key]
    assert row["document_count"] == 2 and row["title"] == report.title
    assert row["permalink"] == f"http://localhost/reviews/{min(report.id, briefing.id)}"
    assert [(d["role"], d["title"], d["permalink"]) for d in row["documents"]] == [
        ("final report", report.title, f"http://localhost/documents/{report.id}"),
        ("7-minute briefing", briefing.title, f"http://localhost/documents/{briefing.id}"),
    ]
    assert all(d["urls"] and d["urls"][0].startswith("http") for d in row["documents"])
    [csv_row] = [
        r for r in read_csv(client.get("/export.csv")) if r["review_group"] == briefing.review_key
    ]
    assert csv_row["documents"].startswith(f"final report | {report.title} | http")
    assert f"7-minute briefing | {briefing.title} | " in csv_row["documents"]
    per_document = read_csv(client.get("/export.csv?per=document"))
    assert {int(r["report_id"]) for r in per_document} == {r.id for r in indexed_corpus.visible}
    assert {r["document_role"] for r in per_document} >= {"final report", "7-minute briefing"}
    documents = client.get("/export.json?per=document").get_json()
    assert len(documents["documents"]) == len(indexed_corpus.visible)
    assert client.get("/export.csv?per=page").status_code == 400


def test_export_goes_past_one_scroll_batch(indexed_corpus, monkeypatch):
    from casereview.search_engine import SearchEngine

    original = SearchEngine.scan
    monkeypatch.setattr(SearchEngine, "scan", lambda self, i, b: original(self, i, b, batch=4))
    data = json.loads(indexed_corpus.client.get("/export.json").get_data(as_text=True))
    assert len({row["review_group"] for row in data["reviews"]}) == len(data["reviews"])
    assert len(data["reviews"]) == len({r.review_group for r in indexed_corpus.visible})


def test_statistics_follow_the_search_and_show_charts_with_tables(indexed_corpus):
    client = indexed_corpus.client
    stats = client.get("/api/stats?nation=England").get_json()
    england = [r for r in indexed_corpus.visible if r.nation == "England"]
    assert stats["total"] == len(england)
    assert {row["year"]: row["total"] for row in stats["by_year"]} == dict(
        Counter(r.year for r in england)
    )
    pairs = Counter((a, b) for r in england for a in r.themes for b in r.themes if a != b)
    for (a, b), count in pairs.items():
        assert stats["themes_together"][a][b] == count
    html = client.get("/stats?nation=England").get_data(as_text=True)
    # the index's statistics; the follow-up ones (recommendations and actions) come after
    html, _heading, follow_up = html.partition('id="follow-up-heading"')
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 4
    assert html.count("<table") == 5
    assert follow_up.count("<svg") == follow_up.count("<table") >= 1
    assert "Reviews by year, nation and type" in html and "Documents by role" in html
    assert client.get("/stats?q=xylophonic").status_code == 200


def test_atom_feed_lists_newest_additions_for_a_search(indexed_corpus):
    response = indexed_corpus.client.get("/feed.atom?nation=Wales")
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.data)
    entries = feed.findall(f"{ATOM}entry")
    wales = [r for r in indexed_corpus.visible if r.nation == "Wales"]
    assert len(entries) == len({r.review_group for r in wales}) < len(wales)
    newest = max(wales, key=lambda r: r.id)
    assert entries[0].find(f"{ATOM}title").text == newest.title
    # An entry is its review, by the review's id: a document joining it later changes when
    # the entry was updated, never which entry it is.
    _members, review_id = review_of(indexed_corpus, newest)
    assert entries[0].find(f"{ATOM}id").text == f"http://localhost/reviews/{review_id}"
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feed.atom?nation=Wales")


def test_openapi_document_describes_every_api_route(indexed_corpus):
    document = indexed_corpus.client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    rules = {
        rule.rule.replace("<int:report_id>", "{id}")
        for rule in indexed_corpus.app.url_map.iter_rules()
        if rule.rule.startswith("/api/") and rule.rule != "/api/openapi.json"
    }
    assert rules <= set(document["paths"])
    names = {p["name"] for p in document["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "nation", "year_from", "theme", "role", "after"} <= names
    refs = json.dumps(document).count("#/components/schemas/")
    assert refs and all(
        ref.split("/")[-1] in document["components"]["schemas"]
        for ref in (
            part.split('"')[0] for part in json.dumps(document).split("#/components/schemas/")[1:]
        )
    )


@pytest.mark.parametrize(
    "route", ["/reviews/0", "/reviews/abc", "/api/reviews/99999", "/reviews/1/citation.doc"]
)
def test_unknown_reviews_are_404_not_500(indexed_corpus, route):
    assert indexed_corpus.client.get(route).status_code == 404


def test_search_answers_follow_the_openapi_schema_of_reviews(indexed_corpus):
    from openapi_schema_validator import OAS30Validator

    document = indexed_corpus.client.get("/api/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    # the results schema at the root, beside the components its references point into
    validator = OAS30Validator({**schemas["SearchResults"], "components": document["components"]})
    for query in ("q=neglect&size=50", "", "within=recommendations&q=supervision"):
        answer = indexed_corpus.client.get("/api/search?" + query).get_json()
        validator.validate(answer)
        assert all(hit["documents"] for hit in answer["hits"])
    broken = dict(answer, hits=[{**answer["hits"][0], "documents": "none"}])
    with pytest.raises(Exception, match="not of type"):
        validator.validate(broken)


def test_statistics_count_reviews_and_documents_by_role_counts_documents(indexed_corpus):
    visible = indexed_corpus.visible
    stats = indexed_corpus.client.get("/api/stats").get_json()
    reviews = {r.review_group for r in visible}
    assert stats["total"] == len(reviews) < len(visible) == stats["documents"]
    assert {row["year"]: row["total"] for row in stats["by_year"]} == review_counts(
        visible, lambda r: r.year
    )
    assert stats["theme_totals"] == review_counts(visible, lambda r: r.themes)
    wales = [r for r in visible if r.nation == "Wales"]
    assert sum(row["nations"].get("Wales", {}).get("total", 0) for row in stats["by_year"]) == len(
        {r.review_group for r in wales}
    )
    roles = {row["role"]: row for row in stats["documents_by_role"]}
    assert roles["7-minute briefing"] == {"role": "7-minute briefing", "documents": 1, "reviews": 1}
    assert roles["final report"]["documents"] == len(visible) - 1


def test_review_page_shows_the_review_code_as_a_code(indexed_corpus):
    report = indexed_corpus.visible[0]
    html = indexed_corpus.client.get(f"/reviews/{report.id}").get_data(as_text=True)
    assert f"<code>{report.review_key}</code>" in html


def test_review_page_carries_highwire_tags_and_coins_for_reference_managers(indexed_corpus):
    import html as html_module
    import re
    from urllib.parse import parse_qs

    report = indexed_corpus.visible[0]
    page = indexed_corpus.client.get(f"/reviews/{report.id}").get_data(as_text=True)
    tags = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', page))
    assert html_module.unescape(tags["citation_title"]) == report.title
    assert tags["citation_author"] == report.board
    assert tags["citation_publication_date"].startswith(str(report.year))
    assert tags["citation_technical_report_number"] == report.review_key
    assert tags["citation_pdf_url"].endswith(f"/{report.id}/file")
    [coins] = re.findall(r'<span class="Z3988" title="([^"]*)">', page)
    context = parse_qs(html_module.unescape(coins))
    assert context["rft.genre"] == ["report"] and context["rft.btitle"] == [report.title]
    assert context["rft.aucorp"] == [report.board]
    assert context["rft_id"][0].endswith(f"/reviews/{report.id}")


def test_charts_keep_empty_years_write_four_digits_colour_each_series_and_show_nations(
    indexed_corpus,
):
    import re

    from search_app import charts, queries, service
    from search_app.research import stats_charts

    with indexed_corpus.app.test_request_context():
        stats = service.statistics(queries.SearchParams())
    years = {row["year"] for row in stats["by_year"]}
    drawn = stats_charts(stats)
    assert drawn["years"] == list(range(min(years), max(years) + 1))
    gap = {"by_year": [row for row in stats["by_year"] if row["year"] != min(years) + 1]}
    gap = stats_charts({**stats, **gap})
    assert min(years) + 1 in gap["years"]
    assert [r["total"] for r in gap["year_rows"] if r["year"] == min(years) + 1] == [0]
    html = indexed_corpus.client.get("/stats").get_data(as_text=True)
    labels = re.findall(r'font-size="10">(\d+)</text>', html)
    assert labels and all(len(label) == 4 for label in labels)
    nations = {r.nation for r in indexed_corpus.visible}
    assert {nation for nation, _chart in drawn["type_charts"]} == nations
    for nation in nations:
        assert f"Reviews per year by review type, {nation}" in html
    assert (
        len(set(charts.PALETTE))
        == len(charts.PALETTE)
        >= len({r.review_type for r in indexed_corpus.visible})
    )
    legend = re.findall(r'<rect x="\d+" y="\d+" width="12" height="12" fill="(#[0-9A-F]+)"/>', html)
    type_chart = str(drawn["type_charts"][0][1])
    colours = re.findall(r'width="12" height="12" fill="(#[0-9A-F]+)"/>', type_chart)
    assert legend and len(colours) == len(set(colours)) > 1


def test_the_api_page_reads_the_openapi_document_for_people(indexed_corpus):
    client = indexed_corpus.client
    document = client.get("/api/openapi.json").get_json()
    home = client.get("/").get_data(as_text=True)
    assert 'href="/api">API</a>' in home
    page = client.get("/api")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    html = page.get_data(as_text=True)
    assert "<script" not in html and 'href="/api/openapi.json"' in html
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            assert f"<code>{method.upper()} {path}</code>" in html
            for parameter in operation.get("parameters", []):
                assert f"<code>{parameter['name']}</code>" in html
    assert "<code>theme_match</code>" in html and "<code>documents</code>" in html
    assert 'id="schema-SearchResults"' in html
