"""What every outlet parser returns, and the line rules they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator


class ParseError(ValueError):
    """The text lacks the structure a parser expects; ``line`` is 1-based."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, order=True)
class Boilerplate:
    start: int
    end: int
    label: str
    text: str

    def record(self) -> dict:
        return {"label": self.label, "text": self.text, "start": self.start, "end": self.end}


@dataclass
class ParsedArticle:
    title: str | None
    boilerplate: list[Boilerplate]
    # What credit and source lines say, for checking meta.yaml against the text.
    credits: dict[str, str] = field(default_factory=dict)
    source_lines: list[str] = field(default_factory=list)

    def covering(self, start: int, end: int) -> Boilerplate | None:
        """The boilerplate span that overlaps [start, end), if any."""
        for span in self.boilerplate:
            if start < span.end and span.start < end:
                return span
        return None


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # excludes the newline (and a carriage return before it)
    text: str


def lines(text: str) -> Iterator[Line]:
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        content = raw[:-1] if raw.endswith("\r") else raw
        yield Line(number, start, start + len(content), content)
        start += len(raw) + 1


def trimmed(line: Line) -> tuple[int, int, str]:
    """Offsets and text of a line without surrounding white space."""
    lead = len(line.text) - len(line.text.lstrip())
    stripped = line.text.strip()
    return line.start + lead, line.start + lead + len(stripped), stripped


def span_of(line: Line, label: str) -> Boilerplate:
    start, end, stripped = trimmed(line)
    return Boilerplate(start, end, label, stripped)


# A sentence ends with one of these (closing quotes and brackets may follow).
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
MAX_HEADING_WORDS = 12


def is_heading(text: str) -> bool:
    """A short line that does not end as a sentence does: a headline, a section heading, a byline."""
    stripped = text.strip()
    return bool(stripped) and not SENTENCE_END.search(stripped) and len(stripped.split()) <= MAX_HEADING_WORDS


def first_text_line(lines_: list[Line]) -> Line | None:
    return next((line for line in lines_ if line.text.strip()), None)


def finish(parsed: ParsedArticle) -> ParsedArticle:
    parsed.boilerplate.sort()
    return parsed
