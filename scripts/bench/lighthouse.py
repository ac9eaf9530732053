"""Lighthouse 12.2.3 on a served page, mobile and desktop presets, installed under .bench/.

Lighthouse is an npm package; the first run installs it into `.bench/lighthouse/`. It is
optional: without Node, npm or Chromium the benchmark says so and skips it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from builds import ROOT
from page_weight import CHROMIUM, CHROMIUM_ARGS

VERSION = "12.2.3"
INSTALL_DIR = ROOT / ".bench" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass(frozen=True)
class LighthouseRun:
    """Scores (0-100) for one page and preset, and the audits that did not pass."""

    path: str
    preset: str
    scores: dict[str, int]
    failed: dict[str, list[str]]
    byte_weight: int


def missing_tools() -> str:
    """What Lighthouse needs that this machine lacks ('' when it can run)."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium at {CHROMIUM}")
    return ("no " + " and no ".join(missing)) if missing else ""


def install() -> Path:
    """Install the pinned Lighthouse once; return its command-line script."""
    cli = INSTALL_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        INSTALL_DIR.mkdir(parents=True, exist_ok=True)
        if not (INSTALL_DIR / "package.json").exists():
            (INSTALL_DIR / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        subprocess.run(["npm", "i", "-E", f"lighthouse@{VERSION}", "--no-audit", "--no-fund"],
                       cwd=INSTALL_DIR, check=True, capture_output=True)
    return cli


def run(cli: Path, base_url: str, path: str, preset: str, out_dir: Path) -> LighthouseRun:
    """Audit one page with the `mobile` (Lighthouse's default) or `desktop` preset."""
    report = out_dir / f"{path.strip('/').replace('/', '_') or 'home'}-{preset}.json"
    command = ["node", str(cli), base_url + path, "--output=json", f"--output-path={report}",
               f"--chrome-flags={' '.join(CHROMIUM_ARGS)}", "--quiet"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
                   capture_output=True)
    result = json.loads(report.read_text(encoding="utf-8"))
    audits = result["audits"]
    scores, failed = {}, {}
    for name in CATEGORIES:
        category = result["categories"][name]
        scores[name] = round(category["score"] * 100)
        failed[name] = [ref["id"] for ref in category["auditRefs"]
                        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None
                        and audits[ref["id"]]["score"] < 1]
    weight = int(audits["total-byte-weight"].get("numericValue", 0))
    return LighthouseRun(path, preset, scores, failed, weight)
