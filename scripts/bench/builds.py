"""Timed `mkdocs build` runs, and MkDocs configs derived from the project's `mkdocs.yml`."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
ENGINE_HOOK = "scripts/hooks.py"


@dataclass(frozen=True)
class BuildRun:
    """One build: wall-clock seconds and the child's peak resident memory in MB."""

    seconds: float
    peak_mb: float


def project_config(root: Path = ROOT) -> dict[str, Any]:
    """The project's `mkdocs.yml` with every path made absolute, so it works from anywhere."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(root / config.get("docs_dir", "docs"))
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(root / theme["custom_dir"])
    config["hooks"] = [str(root / hook) for hook in config.get("hooks", [])]
    config["watch"] = [str(root / path) for path in config.get("watch", [])]
    medsite = config.get("extra", {}).get("medsite", {})
    if "data" in medsite:
        medsite["data"] = str(root / medsite["data"])
    return config


def without_engine(config: dict[str, Any], root: Path = ROOT) -> dict[str, Any]:
    """The same config with the engine hook removed (other hooks, e.g. trim_assets, stay)."""
    engine = str(root / ENGINE_HOOK)
    return {**config, "hooks": [hook for hook in config["hooks"] if hook != engine]}


def write_config(config: dict[str, Any], path: Path) -> Path:
    """Write a config as YAML and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def timed_build(config_file: Path, site_dir: Path) -> BuildRun:
    """Run `mkdocs build --strict` in a child process; stop with its output if it fails."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "--config-file", str(config_file), "--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                 cwd=config_file.parent)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            raise RuntimeError(f"build of {config_file} failed:\n{log.read().decode()}")
    return BuildRun(seconds, usage.ru_maxrss / 1024)
