"""The offline copy: a build that works opened from the file system, search included.

`make offline` builds the site with Material's `offline` plugin (`MEDSITE_OFFLINE=true`),
which turns off directory URLs and inlines the search index, then makes the result
self-contained here:

- the Web Worker shim Material links from unpkg.com (search's worker cannot start from a
  file: page otherwise) is shipped in the copy, from `vendor/`;
- each page's Content-Security-Policy becomes `csp.file_policy()` (why: see there);
- the engine's links to the sources page, written for directory URLs ('../about/sources/'),
  point at the copy's files ('about/sources.html');
- `_headers` and `404.html` are left out: no server reads or shows them.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

from ..urls import page_url, relative_url
from . import csp

SHIM_URL = "https://unpkg.com/iframe-worker/shim"
SHIM_FILE = "assets/javascripts/iframe-worker-shim.js"
VENDOR = Path(__file__).with_name("vendor")
_POLICY = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")')


def make_self_contained(site_dir: Path, sources_page: str) -> None:
    """Turn a build made with the `offline` plugin into a copy that needs no server."""
    shim = site_dir / SHIM_FILE
    shim.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(VENDOR / "iframe-worker-shim.js", shim)
    for server_only in ("_headers", "404.html"):
        (site_dir / server_only).unlink(missing_ok=True)
    for page in sorted(site_dir.rglob("*.html")):
        location = page.relative_to(site_dir).as_posix()
        text = page.read_text(encoding="utf-8")
        text = text.replace(f'src="{SHIM_URL}"', f'src="{relative_url(location, SHIM_FILE)}"')
        text = _POLICY.sub(lambda m: m.group(1) + csp.file_policy() + m.group(2), text)
        text = _fix_sources_links(text, location, sources_page)
        page.write_text(text, encoding="utf-8")


def _fix_sources_links(text: str, location: str, sources_page: str) -> str:
    """Links to the sources page as the engine writes them, made to work between files."""
    as_folder = location.removesuffix("index.html") if location.endswith("index.html") \
        else location.removesuffix(".html") + "/"
    written = relative_url(as_folder, page_url(sources_page))
    wanted = relative_url(location, page_url(sources_page, use_directory_urls=False))
    return text.replace(f'href="{written}#', f'href="{wanted}#')


def zip_site(site_dir: Path, archive: Path, folder: str, day: date) -> None:
    """Zip the site under `folder/`: files in name order, each dated `day` (the build's
    date), so one commit gives the same archive whenever it is made."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=9) as packed:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            packed.writestr(info, path.read_bytes(), compresslevel=9)
