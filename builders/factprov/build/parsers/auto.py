"""``auto``: the layout chosen from the text itself, for an outlet without a parser of its own."""

from __future__ import annotations

from factprov.build.parsers.antara import find_dateline
from factprov.build.parsers.furniture import begin
from factprov.build.parsers.sectioned import has_signoff, is_heading

MIN_HEADINGS = 1  # a sectioned feature has at least one heading between paragraphs


def choose(text: str) -> str:
    """The parser that fits ``text``: antara (its dateline), sectioned (headings and a sign-off), else generic."""
    _, body = begin(text)
    if find_dateline(body) is not None:
        return "antara"
    if len(body) > 2 and has_signoff(body[-1].text) and sum(is_heading(line.text) for line in body[1:-1]) >= MIN_HEADINGS:
        return "sectioned"
    return "generic"
