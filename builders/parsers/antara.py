"""ANTARA wire copy: "Place (ANTARA) - " dateline, then body, "Baca juga:" links, "Sumber:",
credit lines ("Pewarta:", "Penerjemah:", "Editor:") and a copyright line."""

from __future__ import annotations

import re

from .base import Boilerplate, ParsedArticle, ParseError, finish, lines, span_of
from .furniture import mark_furniture

DATELINE = re.compile(r"^(?P<place>[A-Z][^()\n]{0,60}?)\s*\((?P<agency>ANTARA(?:\s+News)?)\)\s*[-–—]\s*")


def find_dateline(candidates: list) -> int | None:
    """Index of the line among the first two ``candidates`` that opens with an ANTARA dateline."""
    return next((i for i, line in enumerate(candidates[:2]) if DATELINE.match(line.text.lstrip())), None)


def parse_antara(text: str) -> ParsedArticle:
    all_lines = list(lines(text))
    parsed = ParsedArticle(title=None, boilerplate=[])
    marked = mark_furniture(text, all_lines, parsed)
    candidates = [line for line in all_lines if line.text.strip() and line.number not in marked]
    if not candidates:
        raise ParseError("empty text: an ANTARA article starts with a dateline such as 'Jakarta (ANTARA) - '")
    at = find_dateline(candidates)
    if at is None:
        raise ParseError("no ANTARA dateline ('Place (ANTARA) - ') at the start of the first or second line",
                         candidates[0].number)
    if at == 1:  # a headline on its own line before the dateline
        parsed.title = candidates[0].text.strip()
        parsed.boilerplate.append(span_of(candidates[0], "title"))
    dateline_line = candidates[at]
    lead = len(dateline_line.text) - len(dateline_line.text.lstrip())
    start = dateline_line.start + lead
    dateline = DATELINE.match(dateline_line.text.lstrip()).group(0).rstrip()
    parsed.boilerplate.append(Boilerplate(start, start + len(dateline), "dateline", dateline))
    return finish(parsed)
