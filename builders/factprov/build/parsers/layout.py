"""Corrections from meta.yaml's ``layout``: a headline the parser missed or took wrongly,
boilerplate it does not know, and body text it took for furniture, as verbatim strings or line
patterns (RE2 regular expressions). An outlet needs no code."""

from __future__ import annotations

from typing import Any

import re2

from factprov.base.report import quoted
from factprov.build.parsers.base import Boilerplate, ParsedArticle, finish, lines, trimmed
from factprov.build.spans import SpanError, TextIndex, locate

MAX_PATTERN = 300  # characters of a line pattern
# A contributor's pattern runs on every line: RE2 matches in linear time, so no pattern can make a
# build hang by backtracking, as "(a+)+$" does with Python's re. Its errors are returned, not logged.
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False


class _Problem(Exception):
    def __init__(self, field: str, code: str, message: str):
        super().__init__(message)
        self.field, self.code, self.message = field, code, message


def _spans(index: TextIndex, item: dict[str, Any], where: str) -> list[tuple[int, int]]:
    """The spans an item names: its ``text`` selector, or every whole line its ``line`` pattern matches."""
    if "text" in item:
        try:
            return [locate(index, item["text"], where)]
        except SpanError as exc:
            raise _Problem("text", exc.code, exc.message) from None
    if len(item["line"]) > MAX_PATTERN:
        raise _Problem("line", "schema", f"{quoted(item['line'])} is longer than {MAX_PATTERN} characters")
    try:
        pattern = re2.compile(item["line"], _RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise _Problem("line", "schema", f"{quoted(item['line'])} is not a regular expression (RE2 syntax): "
                                         f"{reason}") from None
    found = [trimmed(line)[:2] for line in lines(index.text) if line.text.strip() and pattern.search(line.text.strip())]
    if not found:
        raise _Problem("line", "span-missing", f"the pattern {quoted(item['line'])} matches no line of {where}")
    return found


def apply_layout(index: TextIndex, parsed: ParsedArticle, layout: dict[str, Any],
                 where: str) -> list[tuple[tuple, str, str]]:
    """Apply ``layout`` to ``parsed``; return the problems as (path under layout, code, message)."""
    text, problems, added = index.text, [], []
    for i, item in enumerate(layout.get("body", [])):
        try:
            spans = _spans(index, item, where)
        except _Problem as exc:
            problems.append((("body", i, exc.field), exc.code, exc.message))
            continue
        kept = [b for b in parsed.boilerplate if not any(b.start < e and s < b.end for s, e in spans)]
        if len(kept) == len(parsed.boilerplate):
            problems.append((("body", i), "meta-mismatch", "the parser marked no boilerplate there; remove this "
                                                           "entry"))
        parsed.boilerplate = kept
        if parsed.title is not None and not any(b.label == "title" for b in kept):
            parsed.title = None
    if "title" in layout:
        parsed.boilerplate = [b for b in parsed.boilerplate if b.label != "title"]
        parsed.title = None
        if layout["title"] is not None:
            try:
                start, end = locate(index, layout["title"], where)
            except SpanError as exc:
                problems.append((("title",), exc.code, exc.message))
            else:
                parsed.title = text[start:end]
                added.append(Boilerplate(start, end, "title", text[start:end]))
    for i, item in enumerate(layout.get("boilerplate", [])):
        try:
            spans = _spans(index, item, where)
        except _Problem as exc:
            problems.append((("boilerplate", i, exc.field), exc.code, exc.message))
            continue
        added += [Boilerplate(s, e, item["label"], text[s:e]) for s, e in spans]
    places = {(b.start, b.end) for b in added}
    parsed.boilerplate = [b for b in parsed.boilerplate if (b.start, b.end) not in places] + added
    finish(parsed)
    return problems
