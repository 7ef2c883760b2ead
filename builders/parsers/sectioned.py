"""Feature layout: headline on the first line, short section headings between paragraphs,
and the writer's initials in brackets glued to the end of the last sentence, e.g. "...Barat.(XY)"."""

from __future__ import annotations

import re

from .base import SENTENCE_END, Boilerplate, ParsedArticle, ParseError, finish, lines, span_of
from .furniture import mark_dateline, mark_furniture

SIGNOFF = re.compile(r"\((?P<initials>[A-Z]{1,5}(?:/[A-Z]{1,5})*)\)\s*$")
MAX_HEADING_WORDS = 12


def is_heading(text: str) -> bool:
    """A short line that does not end as a sentence does."""
    stripped = text.strip()
    return bool(stripped) and not SENTENCE_END.search(stripped) and len(stripped.split()) <= MAX_HEADING_WORDS


def has_signoff(text: str) -> bool:
    return bool(SIGNOFF.search(text.rstrip()))


def parse_sectioned(text: str) -> ParsedArticle:
    all_lines = list(lines(text))
    parsed = ParsedArticle(title=None, boilerplate=[])
    marked = mark_furniture(text, all_lines, parsed)
    text_lines = [line for line in all_lines if line.text.strip() and line.number not in marked]
    if not text_lines:
        raise ParseError("empty text: a sectioned article starts with its headline")
    title_line = text_lines[0]
    if len(text_lines) < 2:
        raise ParseError("a sectioned article has a headline and at least one paragraph", title_line.number)
    parsed.title = title_line.text.strip()
    parsed.boilerplate.append(span_of(title_line, "title"))
    mark_dateline(text_lines[1], parsed)
    last = text_lines[-1]
    for line in text_lines[1:-1]:
        if is_heading(line.text):
            parsed.boilerplate.append(span_of(line, "heading"))
    if match := SIGNOFF.search(last.text):
        start = last.start + match.start()
        signoff = match.group(0).rstrip()
        parsed.boilerplate.append(Boilerplate(start, start + len(signoff), "signoff", signoff))
    return finish(parsed)
