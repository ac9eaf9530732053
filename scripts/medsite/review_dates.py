"""Whether a page is due for review: light enough for the build to ask on every page."""

from __future__ import annotations

from datetime import date
from typing import Literal

# A page whose next review is this close is flagged as due soon.
DUE_SOON_DAYS = 60

ReviewStatus = Literal["overdue", "due soon", "ok"]


def review_status(next_review: date, today: date) -> ReviewStatus:
    """Whether a page is overdue for review, due within `DUE_SOON_DAYS`, or fine."""
    if next_review < today:
        return "overdue"
    if (next_review - today).days <= DUE_SOON_DAYS:
        return "due soon"
    return "ok"
