"""A Content-Security-Policy for every page: only this site's own files may load or run.

Scripts written into the page (the theme's few inline ones) are allowed by their SHA-256
hash, computed from the page itself, so no `unsafe-inline` is needed. The `_headers` file
sends the same policy with the hashes of every page (`headers.site_policy`); the offline copy
opened from the file system has its own (`file_policy`).
"""

from __future__ import annotations

import base64
import hashlib
import re

BASE_POLICY = (
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
# Material's and our own pages write well-formed script elements; authors cannot (the raw
# HTML allow-list has no <script>), so a plain pattern finds every one.
_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_NOT_RUN = re.compile(r"\btype=\"(?:application/(?:ld\+)?json)\"")
_HEAD_START = re.compile(r"<meta charset=\"[^\"]*\"\s*/?>", re.IGNORECASE)


def script_hashes(page_html: str) -> list[str]:
    """The CSP hash source of each inline script that runs, in page order."""
    hashes = []
    position = page_html.find("<script")
    while position >= 0:
        match = _SCRIPT.match(page_html, position)
        if match is not None:
            attributes = match.group("attributes")
            if "src=" not in attributes and not _NOT_RUN.search(attributes):
                digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
                hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
            position = match.end()
        else:
            position += 7
        position = page_html.find("<script", position)
    return list(dict.fromkeys(hashes))


def policy(hashes: list[str]) -> str:
    """The policy text for a page whose inline scripts have these hashes."""
    scripts = " ".join(["'self'", *hashes])
    return "; ".join([*BASE_POLICY, f"script-src {scripts}"])


def add_policy(page_html: str, hashes: list[str] | None = None) -> str:
    """The page with its Content-Security-Policy `<meta>` first in its head (`hashes`: its
    inline scripts' hashes, if already worked out)."""
    found = script_hashes(page_html) if hashes is None else hashes
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(found)}">'
    match = _HEAD_START.search(page_html)
    if match is None:
        return page_html.replace("<head>", f"<head>{meta}", 1)
    # One replace (a single copy of the page), not slices joined (three copies).
    return page_html.replace(match.group(), match.group() + meta, 1)


def file_policy() -> str:
    """The policy of the offline copy, which a reader opens from the file system.

    Material's search runs there in a hidden frame (its iframe-worker shim, as Workers cannot
    start from file: pages) whose small inline script holds the copy's own folder path, so no
    hash can be known at build time: scripts may run inline. Everything else is unchanged,
    and the copy loads nothing from any server.
    """
    return "; ".join([*BASE_POLICY, "script-src 'self' 'unsafe-inline'"])
