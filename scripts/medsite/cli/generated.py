"""Files (or parts of files) the engine generates and the repository commits: write them, or
with `--check` say in one line that the committed copy is out of date."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, current: str | None, new: str, *, check: bool, stale: str,
                   wrote: str) -> int:
    """With `check`, exit status 1 and the `stale` line if `current` is not `new`; else
    write `new` to `path` (only if it differs) and print `wrote`."""
    if check:
        if current != new:
            print(stale, file=sys.stderr)
            return 1
        return 0
    if current != new:
        path.write_text(new, encoding="utf-8")
    print(wrote)
    return 0
