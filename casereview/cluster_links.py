"""Librarians' corrections of the clusters of recurring recommendations: merge two clusters,
or take a recommendation out of its cluster. Each is kept as links between recommendations
(``ClusterLink``), apart from the clustering, which applies them every time it runs, so
re-clustering (new reviews, re-read reports) never undoes them; each is in the audit log."""

from __future__ import annotations

import re

from sqlalchemy import select

from casereview.catalogue import AuditEntry, ClusterLink
from casereview.curation import CurationError, Outcome, Services, require_reason
from casereview.vocabulary import CLUSTER_LINK_KINDS

SAME, DIFFERENT = CLUSTER_LINK_KINDS
# How a recommendation is named: its report and the hash of its words.
RECOMMENDATION_KEY = re.compile(r"^\d{1,18}:[0-9a-f]{12}$")


def cluster_links(session) -> list[tuple[str, str, str]]:
    """Every correction, oldest first, as (recommendation, recommendation, kind)."""
    return [
        (link.first, link.second, link.kind)
        for link in session.scalars(select(ClusterLink).order_by(ClusterLink.id))
    ]


def _checked(key: str) -> str:
    key = (key or "").strip()
    if not RECOMMENDATION_KEY.match(key):
        raise CurationError("choose a recommendation of a cluster")
    return key


def _link(session, first: str, second: str, kind: str, actor: str, reason: str) -> None:
    session.add(ClusterLink(first=first, second=second, kind=kind, reason=reason, actor=actor))
    session.add(
        AuditEntry(
            actor=actor,
            action="cluster-merge" if kind == SAME else "cluster-split",
            entity="cluster",
            entity_id=first,
            field="recommendation",
            old_value=None,
            new_value=f"{kind}: {second}",
            reason=reason,
        )
    )


def merge_clusters(services: Services, first: str, second: str, actor: str, reason: str) -> Outcome:
    """The clusters of two recommendations ask the same thing: one from now on."""
    reason = require_reason(reason)
    first, second = _checked(first), _checked(second)
    if first == second:
        raise CurationError("choose another cluster to merge with")
    with services.catalogue.session() as session:
        _link(session, first, second, SAME, actor, reason)
    return Outcome([], True, "The clusters are merged.")


def split_recommendation(
    services: Services, key: str, others: list[str], actor: str, reason: str
) -> Outcome:
    """``key`` asks something else than the rest of its cluster (``others``): kept apart."""
    reason = require_reason(reason)
    key = _checked(key)
    others = [_checked(other) for other in others if other != key]
    if not others:
        raise CurationError("this recommendation is alone in its cluster already")
    with services.catalogue.session() as session:
        for other in others:
            _link(session, key, other, DIFFERENT, actor, reason)
    return Outcome([], True, "The recommendation is taken out of its cluster.")
