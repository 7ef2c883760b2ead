"""Fallback for layouts without a parser of their own: a first line that does not end as a
sentence does is taken as the headline; read-also, source, credit and copyright lines are marked."""

from __future__ import annotations

from .base import ParsedArticle, classify_common, finish, first_text_line, lines, span_of
from .sectioned import is_heading


def parse_generic(text: str) -> ParsedArticle:
    all_lines = list(lines(text))
    parsed = ParsedArticle(title=None, boilerplate=[])
    first = first_text_line(all_lines)
    skip = set()
    more_text = first is not None and any(line.text.strip() for line in all_lines if line.number > first.number)
    if first is not None and more_text and (is_heading(first.text) or first.text.rstrip().endswith("?")):
        parsed.title = first.text.strip()
        parsed.boilerplate.append(span_of(first, "title"))
        skip.add(first.number)
    classify_common(all_lines, parsed, skip)
    return finish(parsed)
