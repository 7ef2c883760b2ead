"""Corrections from meta.yaml's ``layout``: a headline the parser missed or took wrongly, and
boilerplate it does not know, as verbatim strings or line patterns. An outlet needs no code."""

from __future__ import annotations

import re
from typing import Any

from ..spans import SpanError, TextIndex, locate, short
from .base import Boilerplate, ParsedArticle, finish, lines, trimmed

MAX_PATTERN = 300  # characters of a line pattern


def apply_layout(index: TextIndex, parsed: ParsedArticle, layout: dict[str, Any],
                 where: str) -> list[tuple[tuple, str, str]]:
    """Apply ``layout`` to ``parsed``; return the problems as (path under layout, code, message)."""
    text, problems, added = index.text, [], []
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
        if "text" in item:
            try:
                start, end = locate(index, item["text"], where)
            except SpanError as exc:
                problems.append((("boilerplate", i, "text"), exc.code, exc.message))
                continue
            added.append(Boilerplate(start, end, item["label"], text[start:end]))
            continue
        try:
            if len(item["line"]) > MAX_PATTERN:
                raise re.error(f"longer than {MAX_PATTERN} characters")
            pattern = re.compile(item["line"])
        except re.error as exc:
            problems.append((("boilerplate", i, "line"), "schema", f"{short(item['line'])} is not a regular "
                                                                   f"expression: {exc}"))
            continue
        matched = [line for line in lines(text) if line.text.strip() and pattern.search(line.text.strip())]
        if not matched:
            problems.append((("boilerplate", i, "line"), "span-missing",
                             f"the pattern {short(item['line'])} matches no line of {where}"))
        for line in matched:
            start, end, stripped = trimmed(line)
            added.append(Boilerplate(start, end, item["label"], stripped))
    places = {(b.start, b.end) for b in added}
    parsed.boilerplate = [b for b in parsed.boilerplate if (b.start, b.end) not in places] + added
    finish(parsed)
    return problems
