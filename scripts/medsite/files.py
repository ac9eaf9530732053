"""Read the project's own text files strictly: UTF-8, no byte-order mark, no symlinks.

Pages, the data file and theme overrides arrive as pull requests; a file that is a link
to somewhere else, or is not plain UTF-8 text, is refused with one line naming it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .problems import Problem

MAX_FILE_BYTES = 2_000_000
# Private-use characters are the engine's own markers in rendered pages, so text may not hold
# them; nor a NUL.
_FORBIDDEN = re.compile("[\x00\ue000-\uf8ff]")


def read_text(path: Path, label: str) -> tuple[str | None, Problem | None]:
    """The file's text, or the problem that stops it being read."""
    if path.is_symlink():
        return None, Problem(label, None, None, "is a symbolic link; only files of the "
                             "project itself are published, so copy the file in instead")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, Problem(label, None, None, f"cannot read the file ({exc.strerror})")
    return decode(raw, label)


def decode(raw: bytes, label: str) -> tuple[str | None, Problem | None]:
    """Bytes of a text file as text, or the problem with them."""
    if len(raw) > MAX_FILE_BYTES:
        return None, Problem(label, None, None, f"is {len(raw):,} bytes; text files here "
                             f"stay under {MAX_FILE_BYTES:,}")
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, Problem(label, 1, None, "starts with a byte-order mark (BOM); save it as "
                             "UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(label, line, None, "is not UTF-8 text (byte "
                             f"0x{raw[exc.start]:02x}); save it as UTF-8")
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        what = "a NUL character" if bad.group() == "\x00" else "a private-use character"
        return None, Problem(label, line, None, f"holds {what} that does not show on screen; "
                             "retype the line")
    return text, None


def symlinks_under(folder: Path, root: Path) -> list[Problem]:
    """Every symbolic link inside `folder` (labels relative to `root`)."""
    if folder.is_symlink():  # and never walked: it may lead anywhere, even to '/'
        return [Problem(_relative(folder, root), None, None, "is a symbolic link; only files "
                        "of the project itself are published")]
    if not folder.exists():
        return []
    return [Problem(_relative(path, root), None, None, "is a symbolic link; only files of the "
                    "project itself are published, so copy the file in instead")
            for path in sorted(folder.rglob("*")) if path.is_symlink()]


def _relative(path: Path, root: Path) -> str:
    """A path as messages name it, relative to `root` even when one of them is not resolved."""
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()
