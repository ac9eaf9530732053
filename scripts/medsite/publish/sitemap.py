"""sitemap.xml with honest dates, and a sitemap.xml.gz that is the same at every build.

MkDocs writes the sitemap with each page's `update_date`, which is the build day unless the
plugin set it. Here every entry gets the page's own last-reviewed date (an entry whose page
has none loses its `lastmod` rather than show the build day), and the gzip copy is written
again with a fixed file name and the newest of those dates as its timestamp, so two builds
of one commit give the same bytes whenever and wherever they run.
"""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NS = f"{{{NAMESPACE}}}"


def rewrite_sitemap(site_dir: Path, last_changed: dict[str, date]) -> None:
    """Set each entry's `lastmod` from `last_changed` (full URL -> date); rewrite the .gz."""
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return
    ET.register_namespace("", NAMESPACE)
    tree = ET.parse(path)
    for entry in tree.getroot().iter(f"{_NS}url"):
        loc = (entry.findtext(f"{_NS}loc") or "").strip()
        for old in entry.findall(f"{_NS}lastmod"):
            entry.remove(old)
        day = last_changed.get(loc)
        if day is not None:
            ET.SubElement(entry, f"{_NS}lastmod").text = day.isoformat()
    ET.indent(tree, space="  ")
    buffer = io.BytesIO()
    tree.write(buffer, encoding="UTF-8", xml_declaration=True)
    text = buffer.getvalue() + b"\n"
    path.write_bytes(text)
    newest = max(last_changed.values(), default=None)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip_bytes(text, "sitemap.xml", newest))


def gzip_bytes(data: bytes, name: str, day: date | None) -> bytes:
    """`data` gzipped with a fixed name and timestamp (midnight UTC of `day`, or 0)."""
    mtime = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()) if day else 0
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buffer, mtime=mtime,
                       compresslevel=9) as packed:
        packed.write(data)
    return buffer.getvalue()
