"""`make check-sources`, offline: a local server answers 200, 404, 301, 503 and never (a timeout),
and the checker reports each address as the editor must act on it."""

from __future__ import annotations

import http.server
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from helpers import run_medsite, serving
from medsite.publish.url_check import CheckSettings, UrlChecker
from publish_fixture import make_project

RELEASE_SLOW = threading.Event()


class SourceServer(http.server.SimpleHTTPRequestHandler):
    """Answers by path: /ok 200, /gone 404, /moved 301 to /ok, /for-now 302 to /ok,
    /busy 503 (Retry-After: 3) at first and 200 after, /slow never (until the test ends)."""

    hits: ClassVar[Counter[str]] = Counter()

    def do_GET(self) -> None:
        self.hits[self.path] += 1
        if self.path == "/slow":
            RELEASE_SLOW.wait(timeout=30)
        if self.path in ("/moved", "/for-now"):
            self.send_response(301 if self.path == "/moved" else 302)
            self.send_header("Location", "/ok")
        elif self.path == "/gone":
            self.send_response(404)
        elif self.path == "/busy" and self.hits[self.path] == 1:
            self.send_response(503)
            self.send_header("Retry-After", "3")
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    SourceServer.hits.clear()
    RELEASE_SLOW.clear()
    with serving(tmp_path, SourceServer) as base:
        try:
            yield base
        finally:
            RELEASE_SLOW.set()


class FakeTime:
    """A clock that moves only when the checker sleeps; remembers every pause."""

    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.pauses: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def checker(time: FakeTime, cache: Path | None = None, *, retries: int = 1,
            delay: float = 2.0, max_age: float = 3600.0) -> UrlChecker:
    settings = CheckSettings(timeout=1.0, retries=retries, delay=delay, max_age=max_age)
    return UrlChecker(settings, cache, sleep=time.sleep, clock=time.clock, now=time.clock)


@pytest.mark.parametrize(("path", "status", "code", "location"), [
    ("ok", "ok", 200, None),
    ("gone", "dead", 404, None),
    ("moved", "moved", 200, "/ok"),
    ("for-now", "ok", 200, "/ok"),
    ("slow", "unreachable", None, None),
])
def test_each_answer_gets_its_status(server: str, path: str, status: str, code: int | None,
                                     location: str | None) -> None:
    result = checker(FakeTime(), retries=0).check(server + path)
    assert (result.status, result.code) == (status, code)
    assert result.location == (server + location.lstrip("/") if location else None)


def test_a_moved_address_says_where_it_went(server: str) -> None:
    result = checker(FakeTime()).check(server + "moved")
    assert result.detail == f"moved permanently to {server}ok"


def test_no_answer_is_tried_again_then_reported_with_the_tries(server: str) -> None:
    time = FakeTime()
    result = checker(time, retries=1, delay=2.0).check(server + "slow")
    assert result.detail == "no answer within 1 s (2 tries)"
    assert SourceServer.hits["/slow"] == 2
    assert time.pauses == [2.0]


def test_a_busy_server_is_asked_again_after_the_pause_it_asks_for(server: str) -> None:
    time = FakeTime()
    result = checker(time, retries=2).check(server + "busy")
    assert result.status == "ok"
    assert SourceServer.hits["/busy"] == 2
    assert time.pauses == [3.0]


def test_requests_to_one_host_are_spaced_by_the_delay(server: str) -> None:
    time = FakeTime()
    check = checker(time, delay=5.0)
    for path in ("ok", "gone", "ok?again"):
        check.check(server + path)
    assert time.pauses == [5.0, 5.0]


def test_good_results_come_from_the_cache_and_bad_ones_are_asked_again(
        server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    first = checker(FakeTime(), cache)
    first.check(server + "ok")
    first.check(server + "gone")
    first.save()
    second = checker(FakeTime(), cache)
    assert second.check(server + "ok").status == "ok"
    assert second.check(server + "gone").status == "dead"
    assert (SourceServer.hits["/ok"], SourceServer.hits["/gone"]) == (1, 2)
    assert second.requests == 1


def test_a_cached_result_older_than_max_age_is_checked_again(server: str,
                                                             tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    first = checker(FakeTime(), cache, max_age=60.0)
    first.check(server + "ok")
    first.save()
    later = FakeTime()
    later.now += 61
    checker(later, cache, max_age=60.0).check(server + "ok")
    assert SourceServer.hits["/ok"] == 2


def test_command_reports_dead_moved_and_unreachable_sources_with_their_values(
        server: str, tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    data = config.parent / "data" / "dosing.yml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("url: https://example.org/label", f"url: {server}moved")
    text = text.replace("url: https://example.org/guide", (
        f"url: {server}gone\n    read_via: {{publisher: Example mirror, url: {server}slow}}"))
    data.write_text(text, encoding="utf-8")
    result = run_medsite(config.parent, "check-sources", "--report", "report.md",
                         "--cache", "cache.json", "--timeout", "1", "--retries", "0",
                         "--delay", "0")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        "Checked 3 addresses of 2 sources: 0 fine, 1 moved, 1 dead, 0 refused or failing, "
        "1 unreachable.")
    report = (config.parent / "report.md").read_text(encoding="utf-8")
    assert f"""## Moved: Example label (`sources.label`)

- Address (the document's own page): {server}moved
- Found: moved permanently to {server}ok
- Update `sources.label.url` to: {server}ok
- Values from this source (""" in report
    assert "  - `regimens.adults.max_daily`: Adults (US): most in a day: 30 mg a day\n" in report
    assert f"""## Dead: Example guide (`sources.guide`)

- Address (the document's own page): {server}gone
- Found: HTTP 404""" in report
    assert f"""## Unreachable: Example guide (`sources.guide`)

- Address (the copy on Example mirror that was read): {server}slow
- Found: no answer within 1 s (1 try)""" in report
    assert "  - `facts.window`: A time window: 1 hour\n" in report


def test_command_says_so_when_every_source_works(server: str, tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    data = config.parent / "data" / "dosing.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("https://example.org/", server),
                    encoding="utf-8")
    result = run_medsite(config.parent, "check-sources", "--report", "report.md",
                         "--no-cache", "--delay", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    report = (config.parent / "report.md").read_text(encoding="utf-8")
    assert report.endswith("0 unreachable.\n\nEvery source address works.\n")
