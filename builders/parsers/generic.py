"""Any layout: the furniture every news site shares (datelines, credit blocks, captions,
read-also links, widgets, copyright), and a first line that does not end as a sentence
does, taken as the headline."""

from __future__ import annotations

from .base import ParsedArticle, finish, lines, span_of
from .furniture import mark_dateline, mark_furniture, mark_signoff
from .sectioned import is_heading


def parse_generic(text: str) -> ParsedArticle:
    all_lines = list(lines(text))
    parsed = ParsedArticle(title=None, boilerplate=[])
    marked = mark_furniture(text, all_lines, parsed)
    body = [line for line in all_lines if line.text.strip() and line.number not in marked]
    if len(body) > 1 and (is_heading(body[0].text) or body[0].text.rstrip().endswith("?")):
        parsed.title = body[0].text.strip()
        parsed.boilerplate.append(span_of(body[0], "title"))
        body = body[1:]
    if body:
        mark_dateline(body[0], parsed)
        mark_signoff(body[-1], parsed)
    return finish(parsed)
