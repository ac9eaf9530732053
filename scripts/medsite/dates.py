"""The date a build is made for: fixed for a commit, so two builds of it are the same.

Review notices ("this page is due for review") depend on a date. To keep a commit's site
byte-identical whenever and wherever it is built, that date is `SOURCE_DATE_EPOCH` when set
(the reproducible-builds convention), else the date of the checked-out commit, else today.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path


def build_date(root: Path) -> date:
    """The date review status is judged against for a build of the project at `root`."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    committed = commit_date(root)
    return committed or date.today()


def commit_date(root: Path) -> date | None:
    """The committer date of HEAD in `root`'s git repository, if it is one."""
    try:
        result = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    stamp = result.stdout.strip()
    if result.returncode != 0 or not stamp.isdigit():
        return None
    return datetime.fromtimestamp(int(stamp), tz=UTC).date()
