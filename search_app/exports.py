"""Export rows: one per review by default (its documents listed in one column), or one per
document (``?per=document``). Codes come with their labels beside them, and every row has the
permalink of its review page (a document row's is its document page)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby

from index_mappings.documents import principal_rank
from nlp.fields.age import age_display

from .facets import REVIEW_TYPE_LABELS, THEME_LABELS

EXPORT_UNITS = ("review", "document")

# Columns computed here rather than read from the index: labels beside codes, the child's age as
# written, the permalink of the review page.
COMPUTED = ("permalink", "review_type_label", "child_age", "theme_labels")
METADATA_FIELDS = (
    "nation",
    "review_type",
    "review_type_label",
    "year",
    "publication_date",
    "board",
    "child_pseudonym",
    "child_age_years",
    "child_age",
    "child_age_band",
    "child_sex",
    "outcome",
    "review_model",
)
PLACE_FIELDS = ("available_at_publisher", "gone_since", "added_at")
DOCUMENT_FIELDS = (
    ("report_id", "permalink", "title", "review_group", "review_key")
    + METADATA_FIELDS
    + ("document_role", "language", "themes", "theme_labels", "publishers", "source_urls")
    + PLACE_FIELDS
    + ("page_count", "summary")
)
# What an export reads from the index.
SOURCE_FIELDS = tuple(name for name in DOCUMENT_FIELDS if name not in COMPUTED)
# A review's values are its leading document's, except these, gathered from all its documents.
GATHERED = ("themes", "theme_labels", "publishers", "source_urls")
REVIEW_FIELDS = (
    ("review_group", "review_key", "permalink", "title")
    + METADATA_FIELDS
    + ("themes", "theme_labels", "publishers")
    + PLACE_FIELDS
    + ("summary", "document_count", "documents")
)


def labelled(row: dict) -> dict:
    """``row`` with the labels of its codes beside them and the child's age as written."""
    return {
        **row,
        "review_type_label": REVIEW_TYPE_LABELS.get(row.get("review_type"), row.get("review_type")),
        "theme_labels": [THEME_LABELS.get(t, t) for t in row.get("themes") or []],
        "child_age": age_display(row.get("child_age_years")),
    }


def _leading_first(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (principal_rank(r.get("document_role")), r["added_at"]))


def review_row(documents: list[dict]) -> dict:
    """One review from the rows of its documents (labelled, with permalinks)."""
    documents = _leading_first(documents)
    lead = documents[0]
    row = {name: lead.get(name) for name in REVIEW_FIELDS}
    for name in row:
        if row[name] is None:
            row[name] = next((d[name] for d in documents if d.get(name) is not None), None)
    for name in GATHERED:
        row[name] = list(dict.fromkeys(v for d in documents for v in d.get(name) or []))
    live = any(d.get("available_at_publisher") for d in documents)
    row["available_at_publisher"] = live
    gone = [d["gone_since"] for d in documents if d.get("gone_since")]
    row["gone_since"] = None if live or not gone else max(gone)
    row["added_at"] = min(d["added_at"] for d in documents)
    row["document_count"] = len(documents)
    # The review's page by its first document's id (any of its ids opens the same page).
    row["permalink"] = min(documents, key=lambda d: int(d["report_id"]))["review_permalink"]
    row["documents"] = [
        {
            "role": d.get("document_role"),
            "title": d.get("title"),
            "urls": d.get("source_urls") or [],
            "permalink": d.get("permalink"),
        }
        for d in documents
    ]
    return row


def reviews(document_rows: Iterable[dict]) -> Iterator[dict]:
    """Review rows from document rows that come grouped by ``review_group``."""
    for _group, documents in groupby(document_rows, key=lambda row: row["review_group"]):
        yield review_row(list(documents))


def documents_cell(documents: list[dict]) -> str:
    """A review's documents in one spreadsheet cell: "role | title | URL | permalink; …"."""
    return "; ".join(
        " | ".join(
            [d["role"] or "document", d["title"] or "", " ".join(d["urls"]), d["permalink"] or ""]
        )
        for d in documents
    )
