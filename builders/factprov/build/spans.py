"""Find an annotated string in an article text: the selectors annotators write, never offsets.

A selector is a verbatim string, or ``{text, occurrence}`` (the N-th occurrence in the
file), or ``{text, in}``: the string inside a longer one that occurs once (``in`` may take
an ``occurrence`` of its own). Every lookup is linear in the text, and a line number is a
bisection in a precomputed index, so a string that occurs a hundred thousand times is
answered as fast as one that occurs once.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from factprov.base.report import quoted
from factprov.base.yamlio import yaml_scalar

MAX_LISTED = 5  # occurrences named in one message; the count says how many there are
MAX_CONTEXT_WORDS = 6  # on each side, when looking for a unique context to suggest
_WORD = re.compile(r"\w+", re.UNICODE)


class SpanError(Exception):
    """A selector that names no single span: ``code`` is a report code, ``message`` says what to write."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class TextIndex:
    """A text with the offsets where its lines start."""

    text: str

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def line(self, offset: int) -> int:
        """The 1-based line of ``offset``."""
        return bisect.bisect_right(self.line_starts, offset)

    @cached_property
    def _found(self) -> dict[str, list[int]]:
        return {}  # needle -> its starts in the whole text, so a string asked for again is not searched again

    @cached_property
    def said(self) -> dict[str, str]:
        return {}  # needle -> what an error about it says (its suggestions cost a search each), said once

    @cached_property
    def folded(self) -> str:
        return self.text.casefold()

    @cached_property
    def spaced(self) -> str:
        return " ".join(self.text.split())

    def occurrences(self, needle: str, start: int = 0, end: int | None = None) -> list[int]:
        """Every start of ``needle`` in ``text[start:end]``, overlapping ones included."""
        if start == 0 and end is None:
            if needle not in self._found:
                self._found[needle] = self._search(needle, 0, len(self.text))
            return self._found[needle]
        return self._search(needle, start, len(self.text) if end is None else end)

    def _search(self, needle: str, start: int, end: int) -> list[int]:
        found, at = [], self.text.find(needle, start, end)
        while at != -1:
            found.append(at)
            at = self.text.find(needle, at + 1, end)
        return found


def parts(selector: Any) -> tuple[str, int | None, str | None]:
    """(text, occurrence, in) of a selector, whichever form it is written in."""
    if isinstance(selector, str):
        return selector, None, None
    return selector["text"], selector.get("occurrence"), selector.get("in")


def locate(index: TextIndex, selector: Any, where: str) -> tuple[int, int]:
    """(start, end) of the span a selector names in ``index.text``; a :class:`SpanError` says why not.

    ``where`` names the text in messages (e.g. ``seeds/x/article.txt``)."""
    needle, occurrence, context = parts(selector)
    if context is None:
        start = _nth(index, needle, occurrence, where)
        return start, start + len(needle)
    if needle not in context:
        raise SpanError("span-missing", f"{quoted(needle)} does not occur in its context {quoted(context)}")
    outer = _nth(index, context, occurrence, where, what="context ")
    inner = index.occurrences(needle, outer, outer + len(context))
    if len(inner) > 1:
        raise SpanError("span-ambiguous", f"{quoted(needle)} occurs {len(inner)} times in its context "
                                          f"{quoted(context)}; choose a context in which it occurs once")
    return inner[0], inner[0] + len(needle)


def _nth(index: TextIndex, needle: str, occurrence: int | None, where: str, what: str = "") -> int:
    starts = index.occurrences(needle)
    if not starts:
        raise SpanError("span-missing", f"{what}{quoted(needle)} does not occur in {where}{_hint(index, needle)}")
    if occurrence is None and len(starts) > 1:
        if needle not in index.said:
            index.said[needle] = (f"{quoted(needle)} occurs {len(starts)} times ({_listed(index, needle, starts)}); "
                                  "say which: " + "; ".join(suggestions(index, needle, starts)))
        raise SpanError("span-ambiguous", what + index.said[needle])
    if occurrence is not None and occurrence > len(starts):
        raise SpanError("span-occurrence", f"occurrence {occurrence} of {what}{quoted(needle)} asked for, but it "
                                           f"occurs {len(starts)} time(s) ({_listed(index, needle, starts)})")
    return starts[(occurrence or 1) - 1]


def _hint(index: TextIndex, needle: str) -> str:
    if needle.casefold() in index.folded:
        return " (it occurs with different capitals)"
    if " ".join(needle.split()) in index.spaced:
        return " (it occurs with different white space)"
    return ""


def _listed(index: TextIndex, needle: str, starts: list[int]) -> str:
    lines = ", ".join(str(index.line(s)) for s in starts[:MAX_LISTED])
    more = f" and {len(starts) - MAX_LISTED} more" if len(starts) > MAX_LISTED else ""
    return f"lines {lines}{more}"


def suggestions(index: TextIndex, needle: str, starts: list[int]) -> list[str]:
    """For each of the first occurrences, the shortest selector that names it alone."""
    out = []
    for n, start in enumerate(starts[:MAX_LISTED], start=1):
        context = unique_context(index, start, start + len(needle))
        if context is not None and len(index.occurrences(needle, context[0], context[1])) == 1:
            out.append(f"line {index.line(start)}: {{text: {_q(needle)}, in: {_q(index.text[context[0]:context[1]])}}}")
        else:
            out.append(f"line {index.line(start)}: {{text: {_q(needle)}, occurrence: {n}}}")
    if len(starts) > MAX_LISTED:
        out.append(f"... or {{text: {_q(needle)}, occurrence: N}} for N up to {len(starts)}")
    return out


def unique_context(index: TextIndex, start: int, end: int) -> tuple[int, int] | None:
    """The shortest run of whole words around [start, end) that occurs once in the text, if any is short."""
    text = index.text
    line_start = text.rfind("\n", 0, start) + 1  # a context stays on the line of its occurrence
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    left = [m.start() for m in _WORD.finditer(text, max(line_start, start - 200), start)]
    right = [m.end() for m in _WORD.finditer(text, end, min(line_end, end + 200))]
    # Whole words: a span that starts or ends inside a word takes the rest of that word first.
    word_start = start
    while word_start > line_start and (text[word_start - 1].isalnum() or text[word_start - 1] == "_"):
        word_start -= 1
    word_end = end
    while word_end < line_end and (text[word_end].isalnum() or text[word_end] == "_"):
        word_end += 1
    lefts = [word_start] + [s for s in reversed(left) if s < word_start][:MAX_CONTEXT_WORDS]
    rights = [word_end] + [e for e in right if e > word_end][:MAX_CONTEXT_WORDS]
    candidates = sorted(((a, b) for a in lefts for b in rights), key=lambda ab: (ab[1] - ab[0], -ab[0]))
    for a, b in candidates:
        first = text.find(text[a:b])
        if text.find(text[a:b], first + 1) == -1:
            return a, b
    return None


def selector(index: TextIndex, start: int, end: int) -> str:
    """The shortest YAML selector that names [start, end) (the inverse of :func:`locate`): the string, or it
    inside a unique context (always for part of a word, such as the cue of a clitic), or its occurrence."""
    text = index.text
    needle = text[start:end]
    starts = index.occurrences(needle)
    # Part of a word (the cue "kata" or the mention "nya" of "katanya") is named inside its word, as
    # the guide asks, even where the part alone occurs once.
    part = (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())
    if len(starts) == 1 and not part:
        return yaml_scalar(needle)
    context = unique_context(index, start, end)
    if context is not None and len(index.occurrences(needle, *context)) == 1:
        return f"{{text: {yaml_scalar(needle)}, in: {yaml_scalar(index.text[context[0]:context[1]])}}}"
    return f"{{text: {yaml_scalar(needle)}, occurrence: {starts.index(start) + 1}}}"


def _q(value: str) -> str:
    """A string of a suggested selector, as YAML, cut to 200 characters."""
    return yaml_scalar(value if len(value) <= 200 else value[:200] + "...")
