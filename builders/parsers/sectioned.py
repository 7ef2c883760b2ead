"""Feature layout: headline on the first line, short section headings between paragraphs,
and the writer's initials in brackets glued to the end of the last sentence, e.g. "...Barat.(XY)"."""

from __future__ import annotations

import re

from .base import (SENTENCE_END, Boilerplate, ParsedArticle, ParseError, classify_common, finish,
                   first_text_line, lines, span_of, trimmed)

SIGNOFF = re.compile(r"\((?P<initials>[A-Z]{1,5}(?:/[A-Z]{1,5})*)\)\s*$")
MAX_HEADING_WORDS = 12


def is_heading(text: str) -> bool:
    """A short line that does not end as a sentence does."""
    stripped = text.strip()
    return bool(stripped) and not SENTENCE_END.search(stripped) and len(stripped.split()) <= MAX_HEADING_WORDS


def parse_sectioned(text: str) -> ParsedArticle:
    all_lines = list(lines(text))
    title_line = first_text_line(all_lines)
    if title_line is None:
        raise ParseError("empty text: a sectioned article starts with its headline")
    parsed = ParsedArticle(title=title_line.text.strip(), boilerplate=[span_of(title_line, "title")])
    text_lines = [line for line in all_lines if line.text.strip()]
    if len(text_lines) < 2:
        raise ParseError("a sectioned article has a headline and at least one paragraph", title_line.number)
    classify_common(all_lines, parsed, {title_line.number})
    marked = {span.start for span in parsed.boilerplate}
    last = text_lines[-1]
    for line in text_lines[1:-1]:
        if is_heading(line.text) and trimmed(line)[0] not in marked:
            parsed.boilerplate.append(span_of(line, "heading"))
    if match := SIGNOFF.search(last.text):
        start = last.start + match.start()
        signoff = match.group(0).rstrip()
        parsed.boilerplate.append(Boilerplate(start, start + len(signoff), "signoff", signoff))
    return finish(parsed)
