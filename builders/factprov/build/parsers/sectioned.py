"""Feature layout: headline on the first line, short section headings between paragraphs,
and the writer's initials in brackets glued to the end of the last sentence, e.g. "...Barat.(XY)"."""

from __future__ import annotations

import re

from factprov.build.parsers.base import Boilerplate, ParsedArticle, ParseError, finish, is_heading, span_of
from factprov.build.parsers.furniture import begin, find_dateline, mark_dateline, mark_title

SIGNOFF = re.compile(r"\((?P<initials>[A-Z]{1,5}(?:/[A-Z]{1,5})*)\)\s*$")


def has_signoff(text: str) -> bool:
    return bool(SIGNOFF.search(text.rstrip()))


def parse_sectioned(text: str) -> ParsedArticle:
    parsed, text_lines = begin(text)
    if not text_lines:
        raise ParseError("empty text: a sectioned article starts with its headline")
    if len(text_lines) < 2:
        raise ParseError("a sectioned article has a headline and at least one paragraph", text_lines[0].number)
    body = mark_title(text_lines, parsed)  # the headline, and its repetition if the page prints it twice
    if found := find_dateline(body):
        mark_dateline(found[1], parsed)
    last = body[-1]
    for line in body[:-1]:
        if is_heading(line.text):
            parsed.boilerplate.append(span_of(line, "heading"))
    if match := SIGNOFF.search(last.text):
        start = last.start + match.start()
        signoff = match.group(0).rstrip()
        parsed.boilerplate.append(Boilerplate(start, start + len(signoff), "signoff", signoff))
    return finish(parsed)
