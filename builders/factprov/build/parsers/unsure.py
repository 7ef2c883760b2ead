"""Lines a person should look at after a parse: short lines that no rule marked.

A line that matched no rule is body text. Where what is left of it outside boilerplate is short and
does not end as a sentence does (what the parsers would take for a heading: at most twelve words
and no full stop, question mark, colon...), it may be furniture of a layout the rules do not know:
a byline, a date line, the headline of a linked article, a subheading. A body paragraph ends as a
sentence does, so it is never listed; nor is a paragraph that opens with a dateline or closes with a
sign-off.
"""

from __future__ import annotations

from factprov.build.parsers.base import Line, ParsedArticle, is_heading, lines


def unsure_lines(text: str, parsed: ParsedArticle) -> list[Line]:
    """The lines of ``text`` whose part outside ``parsed``'s boilerplate reads as a heading."""
    marked = sorted((b.start, b.end) for b in parsed.boilerplate)
    unsure, at = [], 0
    for line in lines(text):
        if not line.text.strip():
            continue
        while at < len(marked) and marked[at][1] <= line.start:
            at += 1
        rest, cursor, i = [], line.start, at  # the line's text outside the spans that reach into it
        while i < len(marked) and marked[i][0] < line.end:
            rest.append(text[cursor:max(cursor, marked[i][0])])
            cursor = max(cursor, marked[i][1])
            i += 1
        rest.append(text[cursor:line.end] if cursor < line.end else "")
        if is_heading(" ".join(rest)):
            unsure.append(line)
    return unsure
