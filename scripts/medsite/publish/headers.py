"""`_headers`: the HTTP headers Netlify and Cloudflare Pages send with the built site.

Every response carries the pages' Content-Security-Policy and three other security headers.
The policy is `csp.policy` with the inline-script hashes of *every* page: a header cannot
vary by page, and a browser enforces both the header and the page's own `<meta>` policy, so
each page still runs only its own scripts (the meta policy lists only those).

Caching: a file whose name carries its content hash (Material's `bundle.<hash>.min.js`) never
changes, so it is cached for a year; each page (and the search index, data export and
manifest) is revalidated on every visit, so a corrected dose reaches readers at once.
Both hosts join the values of a header that two matching rules set, so `Cache-Control` is
only ever set by rules that do not overlap, and never by the `/*` rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import csp

SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    # The site uses none of these browser features; nothing it loads may ask for them.
    ("Permissions-Policy", "accelerometer=(), browsing-topics=(), camera=(), "
                           "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
                           "payment=(), usb=()"),
)
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=0, must-revalidate"
# Cloudflare Pages reads at most 100 rules; past that, pages keep the hosts' own default,
# which is the same revalidation as SHORT_CACHE.
MAX_RULES = 100
SHORT_CACHE_FILES = ("/manifest.json", "/sitemap.xml", "/search/*", "/data/*")
_FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")


@dataclass(frozen=True)
class Rule:
    """Headers for one URL pattern."""

    pattern: str
    headers: tuple[tuple[str, str], ...]


def site_policy(site_dir: Path, hashes: set[str] | None = None) -> str:
    """The Content-Security-Policy for every response: the hashes of every page's scripts
    (read from the built pages, unless the build already collected them)."""
    if hashes is None:
        hashes = set()
        for page in sorted(site_dir.rglob("*.html")):
            hashes.update(csp.script_hashes(page.read_text(encoding="utf-8")))
    return csp.policy(sorted(hashes))


def header_rules(site_dir: Path, page_urls: list[str],
                 hashes: set[str] | None = None) -> list[Rule]:
    """Every rule of the `_headers` file, most general first."""
    rules = [Rule("/*", (("Content-Security-Policy", site_policy(site_dir, hashes)),
                         *SECURITY_HEADERS))]
    assets = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
                    if path.is_file() and _FINGERPRINTED.search(path.name))
    rules += [Rule(f"/{asset}", (("Cache-Control", LONG_CACHE),)) for asset in assets]
    rules += [Rule(pattern, (("Cache-Control", SHORT_CACHE),)) for pattern in SHORT_CACHE_FILES]
    pages = [Rule(f"/{url}", (("Cache-Control", SHORT_CACHE),)) for url in sorted(page_urls)]
    if len(rules) + len(pages) <= MAX_RULES:
        rules += pages
    return rules


def headers_text(rules: list[Rule]) -> str:
    """The rules in the `_headers` format both hosts read."""
    lines = ["# HTTP headers for Netlify and Cloudflare Pages, written by the medsite plugin at",
             "# every build: do not edit (README.md, 'Publishing', says what each one does)."]
    for rule in rules:
        lines += ["", rule.pattern, *(f"  {name}: {value}" for name, value in rule.headers)]
    return "\n".join(lines) + "\n"


def parse_headers(text: str) -> list[Rule]:
    """Read a `_headers` file back into rules (for checks); ValueError if malformed."""
    rules: list[Rule] = []
    pattern: str | None = None
    headers: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            if pattern is not None:
                rules.append(Rule(pattern, tuple(headers)))
            if not line.startswith("/"):
                raise ValueError(f"line {number}: a rule starts with a path, not {line!r}")
            pattern, headers = line.strip(), []
            continue
        name, colon, value = line.strip().partition(":")
        if pattern is None or not colon or not re.fullmatch(r"[A-Za-z0-9-]+", name):
            raise ValueError(f"line {number}: expected an indented 'Name: value', "
                             f"not {line!r}")
        headers.append((name, value.strip()))
    if pattern is not None:
        rules.append(Rule(pattern, tuple(headers)))
    return rules
