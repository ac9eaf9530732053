"""Check web addresses politely: retries, a pause between requests to one host, a cache.

Plain `urllib` rather than linkchecker: each address is checked once, redirects are followed
by hand so a permanent move (301, 308) is told apart from a temporary one, a busy or failing
server is tried again after a pause (its `Retry-After` honoured, up to a limit), and a
result is kept in a JSON cache so a re-run within `max_age` does not ask the server again.
Only good results are cached: a dead or moved address is checked again at every run, so a
fix shows at once.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit

Status = Literal["ok", "moved", "dead", "error", "unreachable"]
USER_AGENT = "medsite-check-sources/1 (checks the sources a patient-information site cites)"
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 60.0
_PERMANENT = (301, 308)
_REDIRECT = (301, 302, 303, 307, 308)
_GONE = (404, 410)
_TRY_AGAIN = (408, 425, 429, 500, 502, 503, 504)


@dataclass(frozen=True)
class UrlResult:
    """What checking one address found."""

    url: str
    status: Status
    code: int | None      # the last HTTP status, None when no answer came
    location: str | None  # where a moved address now leads
    detail: str           # in words, for the report
    checked_at: float     # seconds since the epoch


@dataclass
class CheckSettings:
    """How politely to check."""

    timeout: float = 20.0        # seconds to wait for one answer
    retries: int = 2             # further tries after a timeout or a busy/failing server
    delay: float = 2.0           # seconds between two requests to the same host
    max_age: float = 7 * 86400   # seconds a good result stays in the cache


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class UrlChecker:
    """Checks addresses one at a time, waiting `delay` between requests to one host."""

    def __init__(self, settings: CheckSettings, cache_file: Path | None = None, *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], float] = time.time) -> None:
        self.settings = settings
        self.cache_file = cache_file
        self.cache: dict[str, UrlResult] = _read_cache(cache_file)
        self.requests = 0
        self._sleep, self._clock, self._now = sleep, clock, now
        self._last_request: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_NoRedirects())

    def check(self, url: str) -> UrlResult:
        """The address's status, from the cache when a good result there is fresh enough."""
        cached = self.cache.get(url)
        if cached is not None and cached.status == "ok" and \
                self._now() - cached.checked_at < self.settings.max_age:
            return cached
        result = self._follow(url)
        if result.status == "ok":
            self.cache[url] = result
        else:
            self.cache.pop(url, None)
        return result

    def save(self) -> None:
        """Write the cache file (good results only)."""
        if self.cache_file is None:
            return
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        entries = {url: asdict(result) for url, result in sorted(self.cache.items())}
        self.cache_file.write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")

    def _follow(self, url: str) -> UrlResult:
        current, moved = url, False
        for _ in range(MAX_REDIRECTS + 1):
            code, location, failure = self._request(current)
            if code in _REDIRECT and location:
                moved = moved or code in _PERMANENT
                current = urljoin(current, location)
                continue
            return self._verdict(url, current, moved, code, failure)
        return self._result(url, "error", None, current, f"more than {MAX_REDIRECTS} redirects")

    def _verdict(self, url: str, final: str, moved: bool, code: int | None,
                 failure: str | None) -> UrlResult:
        if code is None:
            return self._result(url, "unreachable", None, None, failure or "no answer")
        if code in _GONE:
            status: Status = "dead"
            detail = f"HTTP {code}" + (f" at {final}, where it was moved" if final != url else "")
        elif code >= 400:
            status, detail = "error", f"HTTP {code}" + (f" ({failure})" if failure else "")
        elif moved:
            status, detail = "moved", f"moved permanently to {final}"
        else:
            status, detail = "ok", f"HTTP {code}"
        return self._result(url, status, code, final if final != url else None, detail)

    def _result(self, url: str, status: Status, code: int | None, location: str | None,
                detail: str) -> UrlResult:
        return UrlResult(url, status, code, location, detail, self._now())

    def _request(self, url: str) -> tuple[int | None, str | None, str | None]:
        """(status, Location header, failure in words) after retries."""
        tries = self.settings.retries + 1
        failure = None
        for attempt in range(tries):
            self._wait_for_host(url)
            code, location, failure, retry_after = self._once(url)
            if code is not None and code not in _TRY_AGAIN:
                return code, location, failure
            if attempt + 1 < tries:
                pause = retry_after if retry_after is not None else \
                    self.settings.delay * 2 ** attempt
                self._sleep(min(pause, MAX_RETRY_AFTER))
            elif code is not None:
                return code, location, failure
        return None, None, f"{failure} ({tries} {'try' if tries == 1 else 'tries'})"

    def _once(self, url: str) -> tuple[int | None, str | None, str | None, float | None]:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                        "Accept": "*/*"})
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.settings.timeout) as response:
                return response.status, None, None, None
        except urllib.error.HTTPError as exc:
            retry = exc.headers.get("Retry-After", "") if exc.headers else ""
            retry_after = float(retry) if retry.strip().isdigit() else None
            return exc.code, exc.headers.get("Location") if exc.headers else None, \
                str(exc.reason), retry_after
        except TimeoutError:
            return None, None, f"no answer within {self.settings.timeout:g} s", None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                return None, None, f"no answer within {self.settings.timeout:g} s", None
            return None, None, f"cannot connect ({reason})", None
        finally:
            self._last_request[urlsplit(url).netloc] = self._clock()

    def _wait_for_host(self, url: str) -> None:
        last = self._last_request.get(urlsplit(url).netloc)
        if last is None:
            return
        wait = self.settings.delay - (self._clock() - last)
        if wait > 0:
            self._sleep(wait)


def _read_cache(cache_file: Path | None) -> dict[str, UrlResult]:
    if cache_file is None or not cache_file.is_file():
        return {}
    try:
        entries = json.loads(cache_file.read_text(encoding="utf-8"))
        return {url: UrlResult(**entry) for url, entry in entries.items()}
    except (ValueError, TypeError):
        return {}  # an unreadable cache is only a slower run
