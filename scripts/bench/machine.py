"""A one-paragraph description of the machine and tools the figures were measured on."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from page_weight import CHROMIUM


def describe() -> dict[str, str]:
    """CPU, cores, memory, OS and tool versions, as labelled strings."""
    return {
        "CPU": _cpu_model(),
        "cores (nproc)": str(len(os.sched_getaffinity(0))),
        "memory": f"{_mem_total_kb() / 1024 / 1024:.1f} GiB",
        "OS": f"{_os_name()}, kernel {platform.release()}",
        "Python": platform.python_version(),
        "MkDocs / Material": f"{version('mkdocs')} / {version('mkdocs-material')}",
        "mkdocs-macros-plugin (the peer)": _version("mkdocs-macros-plugin"),
        "Chromium": _output([CHROMIUM, "--version"]),
        "Node": _output(["node", "--version"]),
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _mem_total_kb() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1])
    return 0


def _os_name() -> str:
    for line in Path("/etc/os-release").read_text().splitlines():
        if line.startswith("PRETTY_NAME="):
            return line.split("=", 1)[1].strip('"')
    return platform.system()


def _output(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "not found"
    return result.stdout.strip()


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"
