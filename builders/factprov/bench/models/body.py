"""An article's text as the models see it: its body sentences (outside the boilerplate the parsers
mark, and outside heading-like lines), spans and the words of a name, and the name found after a cue."""

from __future__ import annotations

import bisect
import re
from typing import Callable

from factprov.base.text import sentence_spans
from factprov.build.parsers.base import Line, trimmed
from factprov.build.parsers.furniture import dateline_at
from factprov.build.parsers.generic import parse_generic
from factprov.build.parsers.sectioned import is_heading

# Small words that may stand between a speaker and a verb cue ("X juga menyampaikan").
BETWEEN = {"juga", "pun", "kembali", "telah", "sudah", "lalu", "kemudian", "sempat", "secara", "tegas", "terpisah",
           "bahkan", "justru", "pernah", "lebih", "dulu", "sebelumnya", "sendiri", "pula", "hanya", "lantas",
           "akhirnya", "kini", "tetap", "masih", "langsung", "segera", "buru-buru", "sekadar", "berulang", "kali",
           "berkali-kali", "sering", "selalu"}


MIN_QUOTE_WORDS = 3


NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|bin|binti|al|van|von|de|dr\.|drg\.|ir\.))*")


WORD = re.compile(r"\S+")


def span_dict(start: int, end: int) -> dict:
    return {"start": start, "end": end}


def trim(text: str, start: int, end: int, strip: str = " \t\r\n.,;:!?…\"“”'") -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]|dr|drg|prof|drs|ir|hj?|jl|no|st|kh|k\.h|dll|tn|ny|sdr|bpk|mr|mrs|ms)\.$",
                           re.IGNORECASE)


def _whole_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences of the text, not cut after a title or an initial ("dr. Nama", "M. Nama")."""
    out: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        if out and _ABBREVIATION.search(text, out[-1][0], out[-1][1]) and "\n" not in text[out[-1][1]:start]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def body_sentences(text: str, keep_line: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
    """Sentences outside boilerplate and heading-like lines (except those ``keep_line`` keeps), without
    final punctuation. Boilerplate is what the parsers mark (headline, dateline, credits, captions,
    "Baca juga:" ...); a dateline in a form they know is also cut off a paragraph further down."""
    boilerplate = sorted(parse_generic(text).boilerplate, key=lambda b: b.start)
    starts = [b.start for b in boilerplate]
    out = []
    line = None  # the line of the sentence: its text's bounds, and whether it reads as a heading to skip
    for start, end in _whole_sentences(text):
        # A dateline opens the first sentence of the body and a sign-off closes the last: cut them off.
        # Only the spans that reach into the sentence are looked at (found by bisection, not a scan).
        near = boilerplate[max(0, bisect.bisect_right(starts, start) - 1):bisect.bisect_left(starts, end)]
        for b in near:
            if b.start <= start < b.end < end:
                start = b.end
            elif start < b.start < end <= b.end:
                end = b.start
        if any(start < b.end and b.start < end for b in near):
            continue
        if line is None or start > line.end:  # each line is looked at once, however many sentences it has
            line = _line_of(text, start)
            first, last, _ = trimmed(line)
            skipped = is_heading(line.text) and not (keep_line and keep_line(line.text))
        if skipped and start <= first and last <= end:  # the sentence is the whole line
            continue
        if start == first:
            start = _dateline_end(text, start, end)
        s, e = trim(text, start, end, strip=" \t\r\n.!?…")
        if s < e:
            out.append((s, e))
    return out


def speaker_after(text: str, at: int, ceiling: int) -> tuple[int, int] | None:
    """The name run that starts within four words after ``at`` (it may run on past them)."""
    ceiling = min(ceiling, at + 200)
    window_end = at
    for count, m in enumerate(WORD.finditer(text, at, ceiling)):
        window_end = m.end()
        if count == 3:
            break
    m = NAME_RUN.search(text, at, ceiling)
    if m is None or m.start() >= window_end:
        return None
    s, e = trim(text, m.start(), m.end())
    return (s, e) if s < e else None


def sentence_of(spans: list[tuple[int, int]], offset: int) -> int | None:
    """The index of the span (sorted, not overlapping) that holds ``offset``: a bisection, not a scan."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i if i >= 0 and spans[i][0] <= offset <= spans[i][1] else None


def _line_of(text: str, at: int) -> Line:
    """The line that holds offset ``at`` (its number is not counted)."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    content = text[line_start:line_end if line_end != -1 else len(text)].removesuffix("\r")
    return Line(0, line_start, line_start + len(content), content)


def _dateline_end(text: str, start: int, end: int) -> int:
    """Where the content of a paragraph-opening sentence starts after a dateline, in any form the
    parsers know ("KOTA, Outlet - ", "Outlet.com, Kota – "); ``start`` if there is none."""
    dateline = dateline_at(_line_of(text, start))
    if dateline is None or dateline.start != start:
        return start
    at = min(dateline.end, end)
    while at < end and text[at].isspace():
        at += 1
    return at
