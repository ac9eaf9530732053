"""`make offline`: a zip of the site that works opened from the file system, search included.

For clinics and readers without a connection: unzip it anywhere and open `index.html`.
The site is built with Material's `offline` plugin (switched on by `MEDSITE_OFFLINE=true`,
see mkdocs.yml), made self-contained by `publish/offline.py`, and zipped in name order with
every file dated the build's date, so one commit always gives the same archive.
Usage: python -m medsite offline [--out build/offline-site.zip] [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..dates import build_date
from ..problems import SiteError
from ..project import Project
from ..publish.offline import make_self_contained, zip_site

OFFLINE_SWITCH = "MEDSITE_OFFLINE"


def make_offline(config_file: Path, archive: Path) -> int:
    """Build the offline copy of the project into `archive`; 0 on success."""
    try:
        project = Project.load(config_file)
    except SiteError as exc:
        print(exc, file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="medsite-offline-"))
    try:
        site_dir = work / "site"
        # The one build command (`medsite build`: strict, staged), with the offline switch on.
        built = subprocess.run(
            [sys.executable, "-m", "medsite", "build", "--config-file", str(config_file),
             "--site-dir", str(site_dir)], env={**os.environ, OFFLINE_SWITCH: "true"},
            check=False)
        if built.returncode != 0:
            return 1
        make_self_contained(site_dir, project.settings.sources_page)
        zip_site(site_dir, archive, archive.stem, build_date(project.root))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"Wrote {archive}: unzip it and open {archive.stem}/index.html in a browser")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="medsite offline", description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--out", type=Path, default=Path("build/offline-site.zip"),
                        help="the zip to write (its name, without .zip, is the folder inside)")
    args = parser.parse_args(argv)
    return make_offline(args.config_file, args.out)


if __name__ == "__main__":
    sys.exit(main())
