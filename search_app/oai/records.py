"""Reviews as OAI-PMH items, read from the catalogue (the truth, so a take-down holds at once and
harvesting works while the engine is down).

A review's record is the export's review row (``exports.review_row`` over the rows that
``service.document_row`` makes of ``index_mappings.documents.report_document``): the same
values, labels and permalinks as the CSV and JSON exports, built from its public documents
only. A review with none (all taken down, or moved into another review) is a deleted item, and
nothing of its metadata is read.

Sets are by nation and by review type (``nation:wales``, ``type:cpr-concise``; ``nation`` and
``type`` hold all of theirs). A deleted item has no set: nation and type are metadata. It is
still listed in every selective harvest, so that a take-down reaches the harvesters that
harvest one set only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import false, func, select
from sqlalchemy.orm import selectinload

from casereview.catalogue import Report, ReviewRecord
from casereview.curation import members_of_reviews
from casereview.vocabulary import NATIONS, REVIEW_TYPE_LABELS
from index_mappings.documents import is_searchable, report_document

from .. import exports, service
from .protocol import DateBound

# Reviews built per round while walking a list.
CHUNK = 200
SET_KINDS = {"nation": "Nation", "type": "Review type"}


def set_slug(value: str) -> str:
    """A vocabulary value as a setSpec part: "Northern Ireland" is ``northern-ireland``."""
    return re.sub(r"[^a-z0-9]+", "-", value.casefold()).strip("-")


def all_sets() -> list[tuple[str, str]]:
    """(setSpec, setName) of every set, parents first."""
    found = [("nation", "By nation")]
    found += [(f"nation:{set_slug(n)}", f"Nation: {n}") for n in NATIONS]
    found.append(("type", "By review type"))
    found += [
        (f"type:{set_slug(t)}", f"Review type: {label}") for t, label in REVIEW_TYPE_LABELS.items()
    ]
    return found


@dataclass
class Item:
    """One review as a harvester sees it; ``review`` is None for a deleted one."""

    number: int
    changed_at: datetime
    review: dict | None = None
    languages: list[str] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        return self.review is None

    @property
    def set_specs(self) -> list[str]:
        if self.review is None:
            return []
        specs = []
        if self.review.get("nation"):
            specs.append(f"nation:{set_slug(self.review['nation'])}")
        if self.review.get("review_type"):
            specs.append(f"type:{set_slug(self.review['review_type'])}")
        return specs

    def in_set(self, set_spec: str | None) -> bool:
        if set_spec is None or self.deleted:
            return True
        return any(spec == set_spec or spec.startswith(set_spec + ":") for spec in self.set_specs)


@dataclass(frozen=True)
class Selection:
    """What a list request asks for: changed in [start, until], in a set."""

    start: DateBound | None = None
    until: DateBound | None = None
    set_spec: str | None = None

    def statement(self):
        query = select(ReviewRecord).where(ReviewRecord.published.is_(True))
        if self.start:
            query = query.where(ReviewRecord.changed_at >= self.start.instant)
        if self.until:
            query = query.where(ReviewRecord.changed_at < self.until.end)
        return query


def _items(session, records: list[ReviewRecord]) -> list[Item]:
    """The items of ``records``: each review's row from its public documents, or deleted."""
    members = members_of_reviews(
        session,
        [record.review_group for record in records],
        selectinload(Report.sources),
        # A record shows no page text: the documents come without their pages.
        selectinload(Report.pages.and_(false())),
    )
    items = []
    for record in records:
        public = [
            report for report in members.get(record.review_group, []) if is_searchable(report)
        ]
        item = Item(record.id, record.changed_at)
        if public:
            rows = [service.document_row(report_document(report)) for report in public]
            item.review = exports.review_row(rows)
            item.languages = list(dict.fromkeys(r["language"] for r in rows if r.get("language")))
        items.append(item)
    return items


def matching(session, selection: Selection, after: int = 0) -> Iterator[Item]:
    """The selected items with numbers above ``after``, in number order."""
    while True:
        records = session.scalars(
            selection.statement()
            .where(ReviewRecord.id > after)
            .order_by(ReviewRecord.id)
            .limit(CHUNK)
        ).all()
        if not records:
            return
        after = records[-1].id
        yield from (item for item in _items(session, records) if item.in_set(selection.set_spec))


def count(session, selection: Selection) -> int:
    """How many items the selection holds (a set is read item by item: it is metadata)."""
    if selection.set_spec is None:
        return session.scalar(select(func.count()).select_from(selection.statement().subquery()))
    return sum(1 for _item in matching(session, selection))


def item(session, number: int) -> Item | None:
    """The item numbered ``number``, if it was ever offered to harvesters."""
    record = session.get(ReviewRecord, number)
    if record is None or not record.published:
        return None
    return _items(session, [record])[0]


def earliest_change(session) -> datetime | None:
    return session.scalar(
        select(func.min(ReviewRecord.changed_at)).where(ReviewRecord.published.is_(True))
    )
