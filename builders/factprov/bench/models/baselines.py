"""The two simple baselines: ``sentences`` (every body sentence is the outlet's claim) and ``quotes``
(words in quotation marks are direct quotes of the name next to the nearest cue)."""

from __future__ import annotations

import re
from typing import Any

from factprov.base.text import quoted_regions
from factprov.bench.models.body import (
    BETWEEN,
    MIN_QUOTE_WORDS,
    NAME_RUN,
    WORD,
    body_sentences,
    sentence_of,
    span_dict,
    speaker_after,
    trim,
)

# The cue lexicon. Verbs that come before the reported content, with the speaker before them:
CUES_BEFORE = ("mengatakan", "menyampaikan", "menegaskan", "menekankan", "mengungkapkan", "menyatakan",
               "menjelaskan", "menambahkan", "menyebutkan", "mengucapkan", "berkata", "menuturkan", "meminta",
               "mendesak", "memperingatkan", "menilai")


# Words that follow the content, with the speaker after them ("..., kata X"):
CUES_AFTER = ("kata", "ujar", "ungkap", "tegas", "jelas", "tutur", "sebut", "imbuh", "tambah", "lanjut",
              "bunyi pernyataan", "dalam pernyataan")


CUE_ACCORDING = "menurut"  # "Menurut X, ..." : the speaker follows, then a comma, then the content


# Words of a title or office, dropped from the front of a speaker's name.
TITLES = {"Presiden", "Wakil", "Menteri", "Perdana", "Juru", "Bicara", "Kepala", "Ketua", "Gubernur", "Direktur",
          "Sekretaris", "Jenderal", "Raja", "Ratu", "Pangeran", "Duta", "Besar", "Kanselir", "Pemimpin"}


def cue_pattern(words: tuple[str, ...]) -> re.Pattern:
    alternatives = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(w) for w in alternatives) + r")(?![\w])", re.IGNORECASE)


_BEFORE = cue_pattern(CUES_BEFORE)


_AFTER = cue_pattern(CUES_AFTER)


_ACCORDING = re.compile(r"(?<![\w])menurut\s+", re.IGNORECASE)


def speaker_name(run: str) -> str:
    """A name from a run of capitalised words: titles dropped, the last two words kept."""
    words = run.split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return " ".join(words[-2:])


def sentences(text: str) -> list[dict]:
    return [{"quote": span_dict(s, e), "kind": "unattributed_claim"} for s, e in body_sentences(text)]


def _speaker_before(text: str, cue_start: int, floor: int) -> tuple[int, int] | None:
    """The name run that ends just before ``cue_start`` (small words may stand between)."""
    words = [(m.start(), m.end()) for m in WORD.finditer(text, floor, cue_start)]
    while words and text[words[-1][0]:words[-1][1]].lower() in BETWEEN:
        words.pop()
    if not words:
        return None
    end = words[-1][1]
    runs = [m for m in NAME_RUN.finditer(text, floor, end) if m.end() == end]
    return (runs[-1].start(), runs[-1].end()) if runs else None


def _statement(text: str, quote: tuple[int, int], kind: str, cue: tuple[int, int] | None,
               speaker: tuple[int, int] | None) -> dict:
    out: dict[str, Any] = {"quote": span_dict(*quote), "kind": kind}
    if cue is not None:
        out["cue"] = span_dict(*cue)
    if speaker is not None:
        out["speaker"] = {"name": speaker_name(text[speaker[0]:speaker[1]])}
    return out


def quotes(text: str) -> list[dict]:
    """Direct quotes with their nearest cue and speaker; other body sentences as unattributed claims."""
    body = body_sentences(text)
    taken: set[int] = set()
    found = []
    for start, end in quoted_regions(text):
        s, e = trim(text, start, end)
        if len(text[s:e].split()) < MIN_QUOTE_WORDS:
            continue
        at = sentence_of(body, s)
        if at is None:
            continue
        taken.add(at)
        sentence_end = body[at][1]
        cue = speaker = None
        ceiling = min(len(text), sentence_end + 1)
        after = _AFTER.search(text, end, ceiling) or _BEFORE.search(text, end, sentence_end + 1)
        if after is not None:
            cue = (after.start(), after.end())
            speaker = speaker_after(text, after.end(), min(len(text), sentence_end + 1))
        else:
            before = _BEFORE.search(text, body[at][0], start)
            if before is not None:
                cue = (before.start(), before.end())
                speaker = _speaker_before(text, before.start(), body[at][0])
        found.append(_statement(text, (s, e), "direct_quote", cue, speaker))
    rest = [{"quote": span_dict(s, e), "kind": "unattributed_claim"} for i, (s, e) in enumerate(body) if i not in taken]
    return sorted(found + rest, key=lambda st: (st["quote"]["start"], st["quote"]["end"]))
