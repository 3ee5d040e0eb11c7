"""Coded passages: a coder applies codes, with an optional memo, to a span of a document's
stored page text. The span is kept three ways (page, character offsets, the quoted text) so it
can be found again after the text is extracted anew.

Each coder's passages are their own: others see them only once an owner has opened the
project's coding (``CodingProject.open_coding``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from casereview.catalogue import (
    AppliedCode,
    Catalogue,
    Code,
    Coding,
    CodingProject,
    Page,
    User,
)
from casereview.users import Account
from nlp.textutil import sentence_spans

from . import CodingError, NotFound
from .codebook import active_code
from .corpus import corpus_document
from .projects import membership

MAX_MEMO_CHARS = 10_000
MAX_CODES_PER_PASSAGE = 50


@dataclass(frozen=True)
class Passage:
    id: int
    coder: str
    report_id: int
    page: int
    start: int
    end: int
    quote: str
    codes: tuple[str, ...]
    code_ids: tuple[int, ...]
    memo: str
    created_at: datetime
    updated_at: datetime


def _memo(memo: str | None) -> str:
    memo = (memo or "").strip()
    if len(memo) > MAX_MEMO_CHARS:
        raise CodingError(f"a memo has at most {MAX_MEMO_CHARS} characters")
    return memo


def _codes(session, project_id: int, code_ids: Iterable[int]) -> list[Code]:
    ids = list(dict.fromkeys(int(i) for i in code_ids))
    if not ids:
        raise CodingError("choose at least one code")
    if len(ids) > MAX_CODES_PER_PASSAGE:
        raise CodingError(f"apply at most {MAX_CODES_PER_PASSAGE} codes to one passage")
    return [active_code(session, project_id, i) for i in ids]


def is_anchored(text: str | None, start: int, end: int, quote: str) -> bool:
    """Whether the stored page ``text`` still holds the passage's ``quote`` at its offsets: it
    does until the document is extracted again and the quote is not found in the new text
    (``coding.anchoring``)."""
    return text is not None and text[start:end] == quote


def page_text(session, report_id: int, page: int) -> str:
    """The stored text of one page; NotFound if the document has no such page."""
    text = session.scalar(select(Page.text).where(Page.report_id == report_id, Page.number == page))
    if text is None:
        raise NotFound("that document has no such page")
    return text


def apply_codes(
    catalogue: Catalogue,
    account: Account,
    project_id: int,
    report_id: int,
    page: int,
    start: int,
    end: int,
    code_ids: Iterable[int],
    memo: str = "",
) -> int:
    """Code the characters ``start``..``end`` of a page of a corpus document; returns the
    passage's id. Offsets count characters of the stored page text, end excluded."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        document = corpus_document(session, project_id, report_id)
        text = page_text(session, report_id, page)
        return _add_passage(session, account, document, page, text, (start, end), code_ids, memo)


def apply_codes_to_sentences(
    catalogue: Catalogue,
    account: Account,
    project_id: int,
    report_id: int,
    page: int,
    sentences: Iterable[int],
    code_ids: Iterable[int],
    memo: str = "",
) -> list[int]:
    """Code whole sentences of a page, given by their numbers (from 0, in the order of
    ``nlp.textutil.sentence_spans``): what the page's sentence checkboxes send without
    JavaScript. Each run of consecutive sentences becomes one passage; all or none are made."""
    wanted = sorted(set(int(n) for n in sentences))
    if not wanted:
        raise CodingError("choose at least one sentence")
    with catalogue.session() as session:
        membership(session, project_id, account)
        document = corpus_document(session, project_id, report_id)
        text = page_text(session, report_id, page)
        spans = sentence_spans(text)
        if wanted[0] < 0 or wanted[-1] >= len(spans):
            raise CodingError("that page has no such sentence")
        runs = []
        for number in wanted:
            if runs and runs[-1][1] == number - 1:
                runs[-1][1] = number
            else:
                runs.append([number, number])
        code_ids = list(code_ids)
        return [
            _add_passage(
                session, account, document, page, text, (spans[a][0], spans[b][1]), code_ids, memo
            )
            for a, b in runs
        ]


def _add_passage(session, account, document, page, text, span, code_ids, memo) -> int:
    start, end = span
    if not (0 <= start < end <= len(text)) or not text[start:end].strip():
        raise CodingError("the passage must be some text of the page")
    coding = Coding(
        project_id=document.project_id,
        coder_id=account.id,
        report_id=document.report_id,
        sha256=document.sha256,
        page=page,
        char_start=start,
        char_end=end,
        quote=text[start:end],
        memo=_memo(memo),
    )
    codes = _codes(session, document.project_id, code_ids)
    coding.applied = [AppliedCode(code_id=c.id) for c in codes]
    session.add(coding)
    session.flush()
    return coding.id


def _own_coding(session, account: Account, project_id: int, coding_id: int) -> Coding:
    membership(session, project_id, account)
    coding = session.get(Coding, coding_id)
    if coding is None or coding.project_id != project_id or coding.coder_id != account.id:
        raise NotFound("there is no such passage among yours")
    return coding


def update_passage(
    catalogue: Catalogue,
    account: Account,
    project_id: int,
    coding_id: int,
    code_ids: Iterable[int] | None = None,
    memo: str | None = None,
) -> None:
    """Change the codes or the memo of one of the account's own passages."""
    with catalogue.session() as session:
        coding = _own_coding(session, account, project_id, coding_id)
        if code_ids is not None:
            wanted = {c.id for c in _codes(session, project_id, code_ids)}
            coding.applied = [a for a in coding.applied if a.code_id in wanted] + [
                AppliedCode(code_id=i) for i in sorted(wanted - set(coding.code_ids))
            ]
        if memo is not None:
            coding.memo = _memo(memo)


def delete_passage(catalogue: Catalogue, account: Account, project_id: int, coding_id: int):
    """Remove one of the account's own passages."""
    with catalogue.session() as session:
        session.delete(_own_coding(session, account, project_id, coding_id))


def passages(
    catalogue: Catalogue, account: Account, project_id: int, report_id: int | None = None
) -> list[Passage]:
    """The passages ``account`` may see: its own, or every coder's once the coding is open;
    of one document if ``report_id`` is given; in document, page and offset order."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        is_open = session.get(CodingProject, project_id).open_coding
        return _passages(session, project_id, None if is_open else account.id, report_id)


def all_passages(session, project_id: int) -> list[Passage]:
    """Every coder's passages, for the project's agreement (callers check who may see it)."""
    return _passages(session, project_id, None, None)


def _passages(session, project_id, coder_id, report_id) -> list[Passage]:
    query = (
        select(Coding, User.name)
        .join(User, User.id == Coding.coder_id)
        .where(Coding.project_id == project_id)
        .order_by(Coding.report_id, Coding.page, Coding.char_start, Coding.id)
    )
    if coder_id is not None:
        query = query.where(Coding.coder_id == coder_id)
    if report_id is not None:
        query = query.where(Coding.report_id == report_id)
    rows = session.execute(query).all()
    names = dict(
        session.execute(select(Code.id, Code.name).where(Code.project_id == project_id)).all()
    )
    return [
        Passage(
            c.id,
            coder,
            c.report_id,
            c.page,
            c.char_start,
            c.char_end,
            c.quote,
            tuple(names[i] for i in c.code_ids),
            tuple(c.code_ids),
            c.memo,
            c.created_at,
            c.updated_at,
        )
        for c, coder in rows
    ]
