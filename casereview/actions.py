"""Rules about a review's actions that every stage shares: when an action is overdue."""

from __future__ import annotations

import datetime as dt

COMPLETE = "complete"


def is_overdue(due: str | None, status: str | None, today: dt.date | None = None) -> bool:
    """Past its timescale and not complete. A month ("2025-03") is due at its end, so it is
    overdue from the first of the next month; an action with no date is never overdue."""
    if not due or status == COMPLETE:
        return False
    today = today or dt.date.today()
    if len(due) == 7:
        return due < f"{today:%Y-%m}"
    return due < today.isoformat()
