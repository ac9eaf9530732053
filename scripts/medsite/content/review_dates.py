"""Whether a page is due for review: light enough for the build to ask on every page."""

from __future__ import annotations

from datetime import date
from typing import Literal

ReviewStatus = Literal["overdue", "due soon", "ok", "draft"]


def review_status(next_review: date | None, today: date, due_soon_days: int) -> ReviewStatus:
    """Whether a page is overdue for review, due within `due_soon_days`, fine, or a draft
    (no review date yet)."""
    if next_review is None:
        return "draft"
    if next_review < today:
        return "overdue"
    if (next_review - today).days <= due_soon_days:
        return "due soon"
    return "ok"
