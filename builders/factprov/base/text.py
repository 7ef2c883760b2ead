"""Structure of an article text that the checks need: sentences and quotation-mark regions.

Offsets are Python ``str`` indices into the text, like every offset in factprov.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A sentence ends at . ! ? or … (closing quotes and brackets may follow) before white space,
# or at a line break.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\r?\n")
OPENING = {"“": "”", "«": "»", "„": "”"}
STRAIGHT = '"'
_QUOTE_OR_BREAK = re.compile('[\n"“”«»„]')


@dataclass(frozen=True)
class Sentences:
    """Sentence boundaries of a text; :meth:`index` gives the sentence an offset falls in."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> "Sentences":
        cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
        # White space between two ends (a full stop, then the line break) is no sentence of its own.
        starts = [a for a, b in zip(cuts, cuts[1:]) if a < b and not text[a:b].isspace()]
        return cls(tuple(starts) or (0,))

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence, without surrounding white space."""
    cuts = [*Sentences.of(text).starts, len(text)]  # each chunk holds one sentence and trailing space
    out = []
    for a, b in zip(cuts, cuts[1:]):
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        stripped = chunk.strip()
        if stripped:
            out.append((a + lead, a + lead + len(stripped)))
    return out


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside quotation marks, marks excluded.

    Curly and guillemet marks pair by kind; straight marks pair in order within a
    paragraph. A quotation left open runs to the end of its paragraph, the convention
    for a quotation that goes on in the next one.
    """
    regions = []
    open_at: int | None = None
    closing = ""
    for match in _QUOTE_OR_BREAK.finditer(text):
        ch, at = match.group(), match.start()
        if ch == "\n":
            if open_at is not None:  # left open: runs to the end of the paragraph
                regions.append((open_at + 1, at - 1 if text[at - 1] == "\r" else at))
                open_at = None
        elif open_at is None:
            if ch in OPENING or ch == STRAIGHT:
                open_at, closing = at, OPENING.get(ch, STRAIGHT)
        elif ch == closing:
            regions.append((open_at + 1, at))
            open_at = None
    if open_at is not None:
        regions.append((open_at + 1, len(text.rstrip("\r"))))
    return regions


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one region (the marks themselves may be included)."""
    return any(a - 1 <= start and end <= b + 1 for a, b in regions)
