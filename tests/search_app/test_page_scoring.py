"""A page is scored on its text without glossary lines: a glossary names every term of the
field, so it must not make a long report's appendix its best page."""

from __future__ import annotations

from tests.librarian_support import index, make_report

GLOSSARY = (
    "Glossary\n"
    "IRO – Independent Reviewing Officer\n"
    "LADO – Local Authority Designated Officer\n"
    "MARAC – Multi Agency Risk Assessment Conference\n"
    "MASH – Multi Agency Safeguarding Hub"
)


def test_a_glossary_line_neither_ranks_a_report_first_nor_gives_its_snippet(
    tmp_path, catalogue, archive, search_engine, config, client
):
    defined = make_report(catalogue, archive, tmp_path, "Review of Child T", GLOSSARY)
    used = make_report(
        catalogue,
        archive,
        tmp_path,
        "Review of Child U",
        "The reviewing officer raised drift twice; the IRO did not escalate to a manager.",
    )
    index(catalogue, search_engine, config, defined, used)
    hits = client.get("/api/search?q=IRO").get_json()["hits"]
    # The words still find the report that only defines the term, below the one that uses it.
    assert [int(hit["id"]) for hit in hits] == [used, defined]
    assert hits[0]["snippets"] and "<mark>IRO</mark>" in hits[0]["snippets"][0]["html"]
    assert hits[1]["snippets"] == []
