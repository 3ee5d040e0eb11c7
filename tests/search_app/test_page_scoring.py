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


def test_a_title_sharing_one_word_of_a_long_query_does_not_lift_its_report(
    tmp_path, catalogue, archive, search_engine, config, client
):
    """An NSPCC heading names the child "Baby A": the word says who, not what happened, so a
    title holding one word of four is no better than a body holding it."""
    heading = {"fields": {"title": {"value": "heading", "confidence": 0.8}}}
    named = make_report(
        catalogue,
        archive,
        tmp_path,
        "2021 - Anytown - Baby A",
        "The mother was admitted to hospital after a fall at home. The baby was born early and "
        "the baby was cared for in the neonatal unit; concerns were acted on at once.",
        extraction=heading,
    )
    about = make_report(
        catalogue,
        archive,
        tmp_path,
        "2021 - Othertown - Child W",
        "Bruising on the face of the toddler was seen by the nursery and by the baby clinic.",
        extraction=heading,
    )
    index(catalogue, search_engine, config, named, about)
    hits = client.get("/api/search?q=baby bruising not acted on").get_json()["hits"]
    assert [int(hit["id"]) for hit in hits][:2] == [about, named]
    # a short query's one word in a title still counts
    hits = client.get("/api/search?q=baby").get_json()["hits"]
    assert int(hits[0]["id"]) == named
