"""Find dose numbers typed straight into Markdown instead of taken from the data."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"(?:\d+(?:[.,]\d+)*|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty" \
          r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half|a quarter)"
_UNIT = (r"(?:mg|mcg|µg|ug|ml|mL|g|kg|micrograms?|milligrams?|grams?|millilit(?:re|er)s?"
         r"|mmol|units?)(?:\s*/\s*(?:kg|ml|mL|day|d|dose|hour|h))?")
DOSE_LITERAL = re.compile(rf"(?<![\w.{{]){_NUMBER}\s*-?\s*{_UNIT}(?!\w)", re.IGNORECASE)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", re.DOTALL)


@dataclass(frozen=True)
class DoseLiteral:
    """A dose-like number written into a page: where and what."""

    line: int
    text: str

    def problem(self) -> str:
        """What an editor reads: the number, and where it should come from instead."""
        return (f"dose number typed into the page: '{self.text}'; take it from the data file "
                "instead, e.g. {{ regimens.adults.max_daily }}")


def find_dose_literals(markdown: str, line_offset: int = 0) -> list[DoseLiteral]:
    """Return each dose-like number with a unit outside `{{ }}`, with its 1-based line."""
    blanked = _TEMPLATE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), markdown)
    found = []
    for number, line in enumerate(blanked.splitlines(), start=1 + line_offset):
        found.extend(DoseLiteral(number, m.group().strip()) for m in DOSE_LITERAL.finditer(line))
    return found
