"""Any layout: the furniture every news site shares (datelines, credit blocks, captions,
read-also links, widgets, copyright), and a headline: a first line that does not end as a sentence
does, ends in a question mark, or is printed twice; or, where a dateline stands below the first
line, the page's head above it (headline, kicker, subtitle, byline, date line)."""

from __future__ import annotations

from factprov.build.parsers.base import ParsedArticle, finish, is_heading
from factprov.build.parsers.furniture import (
    begin,
    find_dateline,
    mark_dateline,
    mark_head,
    mark_signoff,
    mark_title,
    repeats_headline,
)


def parse_generic(text: str) -> ParsedArticle:
    parsed, body = begin(text)
    found = find_dateline(body)
    if found is not None and found[0] > 0:  # a page head above the dateline: headline, byline, date...
        body = mark_head(body, found[0], parsed)
    elif len(body) > 1 and (is_heading(body[0].text) or body[0].text.rstrip().endswith("?")
                            or repeats_headline(body)):
        body = mark_title(body, parsed)
    if found is not None:
        mark_dateline(found[1], parsed)
    if body:
        mark_signoff(body[-1], parsed)
    return finish(parsed)
