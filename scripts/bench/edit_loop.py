"""Editor's loop: seconds from saving a change to the rebuilt page under `mkdocs serve`.

A copy of the project is served on a free port; a Markdown page and the data file are each
changed a few times, and the page is polled until the new words appear.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml
from builds import ROOT, plugin_block, project_config, write_config

_SKIP = shutil.ignore_patterns(".git", ".venv", ".bench", "site", ".site-*", "node_modules",
                               "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache")
_MARKER = "Loop marker {}."


@dataclass(frozen=True)
class EditLoop:
    """Seconds from save to the new text being served, for each kind of change."""

    markdown: list[float]
    data: list[float]


def measure(work: Path, rounds: int = 3, timeout: float = 30.0) -> EditLoop:
    """Serve a copy of the project and time `rounds` Markdown edits and data edits."""
    project = work / "project"
    shutil.copytree(ROOT, project, ignore=_SKIP)
    config = project_config(project)
    # A draft page not yet in the nav (another editor's work) must not stop the server.
    config["validation"] = {**config.get("validation", {}), "omitted_files": "info"}
    write_config(config, project / "mkdocs.yml")
    home = project / config.get("docs_dir", "docs") / "index.md"
    data_file = project / plugin_block(config)["data_file"]
    # The home page shows the medicine's name from the data, so a data edit is visible there.
    home.write_text(home.read_text(encoding="utf-8")
                    + f"\n{_MARKER.format('{{ medicine }}')}\n", encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (work / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "--livereload"], cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        _wait_for(url, _MARKER.format(_medicine_name(data_file)), timeout)
        markdown, data = [], []
        for n in range(rounds):
            word = f"edit{'abcdefghij'[n]}"  # letters only: the dose-literal guard ignores them
            start = _save(home, home.read_text(encoding="utf-8") + f"\nSaved {word}.\n")
            markdown.append(_wait_for(url, f"Saved {word}.", timeout) - start)
            name = f"baclofen{word}"
            start = _save(data_file, _rename_medicine(data_file.read_text(encoding="utf-8"), name))
            data.append(_wait_for(url, _MARKER.format(name), timeout) - start)
    except TimeoutError as exc:
        tail = (work / "serve.log").read_text(encoding="utf-8", errors="replace")[-1500:]
        raise TimeoutError(f"{exc}; mkdocs serve said:\n{tail}") from None
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    return EditLoop(markdown, data)


def median(values: list[float]) -> float:
    """The median of a list of seconds."""
    return statistics.median(values)


def _medicine_name(data_file: Path) -> str:
    return str(yaml.safe_load(data_file.read_text(encoding="utf-8"))["medicine"]["name"])


def _rename_medicine(data: str, name: str) -> str:
    """The data file's text with `medicine.name` changed, everything else byte for byte."""
    renamed, count = re.subn(r"(?m)^(medicine:\n  name: ).*$", rf"\g<1>{name}", data)
    if count != 1:
        raise ValueError("data file: cannot find 'medicine:' followed by '  name:'")
    return renamed


def _save(path: Path, text: str) -> float:
    path.write_text(text, encoding="utf-8")
    return time.perf_counter()


def _wait_for(url: str, text: str, timeout: float) -> float:
    """Poll `url` every 20 ms until it contains `text`; return the time it did."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
