"""What a coder reads: one page of a corpus document, split into the sentences that the page's
checkboxes (and agreement) count, and a free selection of that page checked against its text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from casereview.catalogue import Catalogue, Report
from casereview.users import Account
from nlp.textutil import sentence_spans

from . import CodingError
from .corpus import corpus_document, page_text_sha256
from .passages import Passage, apply_codes, page_text
from .projects import membership


@dataclass(frozen=True)
class PageSentence:
    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DocumentPage:
    report_id: int
    review_key: str
    title: str
    document_role: str | None
    page: int
    page_count: int
    text: str
    sentences: tuple[PageSentence, ...]
    # False when the document's page text was extracted again since the project added it.
    text_unchanged: bool


def document_page(
    catalogue: Catalogue, account: Account, project_id: int, report_id: int, page: int
) -> DocumentPage:
    """Page ``page`` of a document of the project's corpus, as stored; NotFound if the account
    is not a member, the document is not in the corpus (or taken down), or has no such page."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        document = corpus_document(session, project_id, report_id)
        report = session.get(Report, report_id)
        text = page_text(session, report_id, page)
        texts = [p.text for p in sorted(report.pages, key=lambda p: p.number)]
        meta = report.effective()
        return DocumentPage(
            report_id,
            document.review_key,
            meta["title"] or report.filename or f"Document {report_id}",
            meta["document_role"],
            page,
            len(texts),
            text,
            tuple(
                PageSentence(number, start, end, text[start:end])
                for number, (start, end) in enumerate(sentence_spans(text))
            ),
            page_text_sha256(texts) == document.text_sha256,
        )


def _words(text: str) -> str:
    return " ".join(text.split())


def apply_selection(
    catalogue: Catalogue,
    account: Account,
    project_id: int,
    report_id: int,
    page: int,
    span: tuple[int, int],
    quote: str,
    code_ids: Iterable[int],
    memo: str = "",
) -> int:
    """Code a passage selected in the browser: its offsets, checked against the quote the
    browser saw (spaces aside), so that a page extracted anew since it was shown is not coded
    at the wrong place."""
    start, end = span
    with catalogue.session() as session:
        membership(session, project_id, account)
        corpus_document(session, project_id, report_id)
        text = page_text(session, report_id, page)
    if not (0 <= start < end <= len(text)) or _words(text[start:end]) != _words(quote):
        raise CodingError("the selection does not match the page's text: select it again")
    return apply_codes(catalogue, account, project_id, report_id, page, start, end, code_ids, memo)


def sentence_codes(
    sentences: Iterable[PageSentence], passages: Iterable[Passage], page: int
) -> dict[int, list[tuple[str, str]]]:
    """{sentence number: [(coder, code name)]} for the passages of ``page`` that overlap each
    sentence, so a page can show what was coded where."""
    on_page = [p for p in passages if p.page == page]
    found = {}
    for sentence in sentences:
        pairs = sorted(
            {
                (p.coder, code)
                for p in on_page
                if p.start < sentence.end and sentence.start < p.end
                for code in p.codes
            }
        )
        if pairs:
            found[sentence.number] = pairs
    return found
