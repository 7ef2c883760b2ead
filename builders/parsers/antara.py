"""ANTARA wire copy: "Place (ANTARA) - " dateline, then body, "Baca juga:" links, "Sumber:",
credit lines ("Pewarta:", "Penerjemah:", "Editor:") and a copyright line."""

from __future__ import annotations

import re

from .base import Boilerplate, ParsedArticle, ParseError, classify_common, finish, first_text_line, lines, span_of

DATELINE = re.compile(r"^(?P<place>[A-Z][^()\n]{0,60}?)\s*\((?P<agency>ANTARA(?:\s+News)?)\)\s*[-–—]\s*")


def parse_antara(text: str) -> ParsedArticle:
    all_lines = list(lines(text))
    parsed = ParsedArticle(title=None, boilerplate=[])
    first = first_text_line(all_lines)
    if first is None:
        raise ParseError("empty text: an ANTARA article starts with a dateline such as 'Jakarta (ANTARA) - '")
    dateline_line = first
    skip = set()
    if not DATELINE.match(first.text.lstrip()):
        # A headline may stand on its own line before the dateline.
        following = [line for line in all_lines if line.number > first.number and line.text.strip()]
        if following and DATELINE.match(following[0].text.lstrip()):
            parsed.title = first.text.strip()
            parsed.boilerplate.append(span_of(first, "title"))
            skip.add(first.number)
            dateline_line = following[0]
        else:
            raise ParseError("no ANTARA dateline ('Place (ANTARA) - ') at the start of the first or second line",
                             first.number)
    lead = len(dateline_line.text) - len(dateline_line.text.lstrip())
    match = DATELINE.match(dateline_line.text.lstrip())
    start = dateline_line.start + lead
    dateline = match.group(0).rstrip()
    parsed.boilerplate.append(Boilerplate(start, start + len(dateline), "dateline", dateline))
    classify_common(all_lines, parsed, skip)
    return finish(parsed)
