"""How far a project's coders agree, sentence by sentence.

Each sentence of each page of the corpus (``nlp.textutil.sentence_spans`` of the stored page
text) is a unit. A coder applied a code to a sentence when one of their passages with that code
overlaps it by at least one character. Per code, each unit has one value per coder (applied or
not); overall, every (sentence, code) pair is a unit, for the codes anyone applied. Every coder
who coded anything in the project is taken to have read the whole corpus.

Agreement shows every coder's work, so it is given only once an owner has opened the project's
coding to all members.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from casereview.catalogue import Catalogue, Code, CodingProject, Page, ProjectDocument
from casereview.users import Account
from nlp.textutil import sentence_spans

from . import CodingError
from .passages import Passage, all_passages, is_anchored
from .projects import membership
from .statistics import cohen_kappa, krippendorff_alpha

APPLIED, NOT_APPLIED = 1, 0


@dataclass(frozen=True)
class Sentence:
    report_id: int
    page: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Disagreement:
    sentence: Sentence
    code_id: int
    code: str
    coded_by: tuple[str, ...]
    not_coded_by: tuple[str, ...]


@dataclass(frozen=True)
class CodeAgreement:
    code_id: int
    code: str
    # Sentences at least one coder applied the code to.
    coded_sentences: int
    kappa: float | None
    alpha: float | None


@dataclass(frozen=True)
class Agreement:
    coders: tuple[str, ...]
    sentences: int
    per_code: tuple[CodeAgreement, ...]
    # Cohen's kappa only for two coders; None otherwise.
    kappa: float | None
    alpha: float | None
    disagreements: tuple[Disagreement, ...]


def page_sentences(report_id: int, page: int, text: str) -> list[Sentence]:
    return [Sentence(report_id, page, s, e, text[s:e]) for s, e in sentence_spans(text)]


def _applied(sentences: list[Sentence], passages: list[Passage]) -> dict[tuple, set[str]]:
    """{(code id, sentence index): coders who applied the code to the sentence}."""
    by_page = defaultdict(list)
    for index, sentence in enumerate(sentences):
        by_page[sentence.report_id, sentence.page].append(index)
    applied = defaultdict(set)
    for passage in passages:
        indexes = by_page.get((passage.report_id, passage.page), [])
        ends = [sentences[i].end for i in indexes]
        # The first sentence ending after the passage starts, then on while they start before
        # the passage ends.
        for at in range(bisect.bisect_right(ends, passage.start), len(indexes)):
            sentence = sentences[indexes[at]]
            if sentence.start >= passage.end:
                break
            for code_id in passage.code_ids:
                applied[code_id, indexes[at]].add(passage.coder)
    return applied


def measure(
    sentences: list[Sentence], passages: list[Passage], code_names: dict[int, str]
) -> Agreement:
    """Agreement of the coders of ``passages`` over the units ``sentences``."""
    coders = tuple(sorted({p.coder for p in passages}))
    if len(coders) < 2:
        raise CodingError("agreement needs the codings of at least two coders")
    applied = _applied(sentences, passages)
    codes = sorted({code_id for code_id, _ in applied}, key=lambda c: (code_names[c], c))
    per_code, overall, disagreements = [], Counter(), []
    for code_id in codes:
        units = Counter()
        for (applied_code, index), who in applied.items():
            if applied_code != code_id:
                continue
            units[tuple(APPLIED if c in who else NOT_APPLIED for c in coders)] += 1
            if len(who) < len(coders):
                disagreements.append(
                    Disagreement(
                        sentences[index],
                        code_id,
                        code_names[code_id],
                        tuple(c for c in coders if c in who),
                        tuple(c for c in coders if c not in who),
                    )
                )
        coded = sum(units.values())
        units[(NOT_APPLIED,) * len(coders)] += len(sentences) - coded
        overall.update(units)
        per_code.append(
            CodeAgreement(
                code_id,
                code_names[code_id],
                coded,
                _kappa(units, coders),
                krippendorff_alpha(units),
            )
        )
    disagreements.sort(
        key=lambda d: (d.sentence.report_id, d.sentence.page, d.sentence.start, d.code)
    )
    return Agreement(
        coders,
        len(sentences),
        tuple(per_code),
        _kappa(overall, coders),
        krippendorff_alpha(overall),
        tuple(disagreements),
    )


def _kappa(units: Counter, coders: tuple[str, ...]) -> float | None:
    return cohen_kappa(units) if len(coders) == 2 else None


def project_agreement(catalogue: Catalogue, account: Account, project_id: int) -> Agreement:
    """The agreement of a project's coders over its whole corpus (once its coding is open)."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        if not session.get(CodingProject, project_id).open_coding:
            raise CodingError(
                "agreement shows every coder's work: an owner must open the coding first"
            )
        pages = session.execute(
            select(Page.report_id, Page.number, Page.text)
            .join(ProjectDocument, ProjectDocument.report_id == Page.report_id)
            .where(ProjectDocument.project_id == project_id)
            .order_by(Page.report_id, Page.number)
        ).all()
        sentences = [s for r, n, text in pages for s in page_sentences(r, n, text)]
        names = dict(
            session.execute(select(Code.id, Code.name).where(Code.project_id == project_id)).all()
        )
        texts = {(r, n): text for r, n, text in pages}
        # A passage re-extraction left unanchored no longer marks the sentences it was about.
        anchored = [
            p
            for p in all_passages(session, project_id)
            if is_anchored(texts.get((p.report_id, p.page)), p.start, p.end, p.quote)
        ]
        return measure(sentences, anchored, names)
