"""Every link and #anchor on the served site resolves, checked by linkchecker over HTTP."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
from pathlib import Path

from helpers import html_pages, serving

# linkchecker with its plugins found even in a private checkout (see the script's docstring).
RUN_LINKCHECKER = Path(__file__).resolve().parent / "run_linkchecker.py"
CONFIG = Path(__file__).resolve().parent / "linkcheckerrc"


def linkcheck(url: str) -> tuple[int, list[dict[str, str]], str]:
    """Run linkchecker on a URL: its exit code, one CSV row per URL checked, and stderr."""
    result = subprocess.run(
        [sys.executable, str(RUN_LINKCHECKER), "--no-status", "--verbose", "--config",
         str(CONFIG), "--output", "csv", url],
        capture_output=True, text=True, check=False, timeout=300,
    )
    records = [r for r in csv.reader(io.StringIO(result.stdout), delimiter=";")
               if r and not r[0].startswith("#")]
    assert records, f"linkchecker printed no CSV (exit code {result.returncode}):\n{result.stderr}"
    header, *body = records
    # The start URL's row lacks the line and column fields; all the fields read here come first.
    return result.returncode, [dict(zip(header, row, strict=False)) for row in body], result.stderr


def problems(rows: list[dict[str, str]]) -> list[str]:
    """One line per broken link or warning: the page it is on, the link, and what is wrong."""
    found = []
    for row in rows:
        if row["valid"] != "True":
            found.append(f"{row['parentname'] or '(start)'}: {row['urlname']}: "
                         f"ERROR {row['result']}")
        if row["warningstring"]:
            found.append(f"{row['parentname'] or '(start)'}: {row['urlname']}: "
                         f"WARNING {row['warningstring']}")
    return found


def test_every_link_and_anchor_on_the_site_resolves(site_url: str, built_site: Path) -> None:
    returncode, rows, stderr = linkcheck(site_url)
    found = problems(rows)
    assert not found, "linkchecker found:\n  " + "\n  ".join(found)
    assert returncode == 0, f"linkchecker exit code {returncode}\n{stderr}"
    reached = {row["url"] for row in rows}
    pages = [page.parent.relative_to(built_site).as_posix() for page in html_pages(built_site)]
    urls = [site_url if folder == "." else f"{site_url}{folder}/" for folder in pages]
    orphans = [url for url in urls if url not in reached]
    assert not orphans, ("pages no link leads to (add them to nav: in mkdocs.yml?):\n  "
                         + "\n  ".join(orphans))


def test_linkchecker_reports_a_missing_page_and_a_missing_anchor() -> None:
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        folder = Path(tmp)
        (folder / "index.html").write_text(
            '<!doctype html><html lang="en"><title>t</title><body>'
            '<a href="other.html#present">ok</a> <a href="other.html#absent">bad anchor</a> '
            '<a href="missing.html">missing</a> <a href="https://example.org/">outside</a>'
            "</body></html>", encoding="utf-8")
        (folder / "other.html").write_text(
            '<!doctype html><html lang="en"><title>o</title><body><h1 id="present">x</h1>'
            "</body></html>", encoding="utf-8")
        with serving(folder) as url:
            returncode, rows, _ = linkcheck(url)
    found = problems(rows)
    assert returncode == 1
    assert any("missing.html" in line and "ERROR" in line for line in found), found
    assert any("#absent" in line and "Anchor" in line for line in found), found
    assert not any("#present" in line or "example.org" in line for line in found), found
