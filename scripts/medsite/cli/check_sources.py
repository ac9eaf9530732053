"""`make check-sources`: is every source the data file cites still where it says?

Checks each source's own address and the copy that was read, politely (a pause between
requests to one host, retries for busy servers, a cache of good results), and writes a
report of every dead, moved, refused or unreachable address with the data values taken from
that source. Exit 1 when the report lists any. Needs the internet: CI runs it weekly
(.github/workflows/check-sources.yml), never in `make test`.
Usage: python -m medsite check-sources [--report build/check-sources/report.md]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..problems import SiteError
from ..project import Project
from ..publish.source_report import Checked, cited_addresses, report_text, summary
from ..publish.url_check import CheckSettings, UrlChecker, UrlResult
from ..render.values import SiteValues

DEFAULT_DIR = Path("build/check-sources")


def check_sources(project: Project, cache: Path | None,
                  settings: CheckSettings) -> tuple[Checked, SiteValues]:
    """Check every source address of the project's data file (each address once)."""
    site, problems = project.load_site(date.today())
    if site is None:
        raise SiteError(problems)
    checker = UrlChecker(settings, cache)
    results: dict[str, UrlResult] = {}  # two sources may cite one address
    checked = []
    for address in cited_addresses(site.values):
        if address.url not in results:
            results[address.url] = checker.check(address.url)
        checked.append((address, results[address.url]))
    checker.save()
    return checked, site.values


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: prints the report's path and summary; exit 1 if not all fine."""
    parser = argparse.ArgumentParser(prog="medsite check-sources",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--report", type=Path, default=DEFAULT_DIR / "report.md")
    parser.add_argument("--cache", type=Path, default=DEFAULT_DIR / "cache.json",
                        help="good results younger than --max-age-days are not asked again")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("--delay", type=float, default=2.0,
                        help="seconds between two requests to the same host")
    parser.add_argument("--max-age-days", type=float, default=7.0)
    args = parser.parse_args(argv)
    settings = CheckSettings(timeout=args.timeout, retries=args.retries, delay=args.delay,
                             max_age=args.max_age_days * 86400)
    try:
        project = Project.load(args.config_file)
        checked, values = check_sources(project, None if args.no_cache else args.cache,
                                        settings)
    except SiteError as exc:
        print(exc, file=sys.stderr)
        return 1
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(report_text(checked, values, date.today()), encoding="utf-8")
    print(f"{summary(checked)}\nReport: {args.report}")
    return 1 if any(result.status != "ok" for _, result in checked) else 0


if __name__ == "__main__":
    sys.exit(main())
