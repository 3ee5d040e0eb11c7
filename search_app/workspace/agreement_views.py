"""The agreement page: Cohen's kappa (two coders) or Krippendorff's alpha per code and overall,
and the sentences where coders disagree, each coder's codes side by side.

Agreement shows every coder's work, so, as ``coding.agreement`` rules, it is given once an owner
has opened the coding; before that the page says so (and gives owners the button)."""

from __future__ import annotations

from dataclasses import dataclass

from coding import CodingError, NotFound, agreement, corpus, projects

from .. import resources
from . import bp, current_account, researcher_required, shown

MAX_DISAGREEMENTS_SHOWN = 300


@dataclass(frozen=True)
class DisputedSentence:
    sentence: agreement.Sentence
    # One entry per coder, in the order of the agreement's coders: the disputed codes each
    # applied to the sentence.
    codes_by_coder: tuple[tuple[str, ...], ...]


def side_by_side(result: agreement.Agreement) -> list[DisputedSentence]:
    """The disagreements grouped by sentence, in corpus order."""
    grouped: dict[tuple, dict[str, list[str]]] = {}
    sentences = {}
    for item in result.disagreements:
        key = (item.sentence.report_id, item.sentence.page, item.sentence.start)
        sentences[key] = item.sentence
        by_coder = grouped.setdefault(key, {coder: [] for coder in result.coders})
        for coder in item.coded_by:
            by_coder[coder].append(item.code)
    return [
        DisputedSentence(
            sentences[key], tuple(tuple(grouped[key][coder]) for coder in result.coders)
        )
        for key in grouped
    ]


@bp.get("/<int:project_id>/agreement", endpoint="agreement_page")
@researcher_required
def agreement_page(project_id: int):
    catalogue, account = resources.catalogue(), current_account()

    def read():
        context = {"project": projects.project(catalogue, account, project_id)}
        try:
            result = agreement.project_agreement(catalogue, account, project_id)
        except NotFound:
            raise
        except CodingError as refusal:
            return {**context, "refusal": str(refusal)}
        disputed = side_by_side(result)
        titles = {
            d.report_id: d.title or f"Document {d.report_id}"
            for d in corpus.corpus(catalogue, account, project_id)
        }
        return {
            **context,
            "result": result,
            "disputed": disputed[:MAX_DISAGREEMENTS_SHOWN],
            "disputed_count": len(disputed),
            "titles": titles,
        }

    return shown("workspace/agreement.html", read)
