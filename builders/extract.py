"""Extraction models: three rule-based baselines, and any ``module:function`` a user plugs in.

A model is a callable ``text -> list of statements``; a statement is a dict as in
``schema/prediction.schema.json``: ``quote`` ``{start, end}``, and optionally ``speaker``
``{name, wikidata_id}``, ``cue`` ``{start, end}`` and ``kind``. Offsets are Python ``str``
indices into the text.

The baselines know Indonesian news style, not the corpus; each extends the one before:

- ``sentences``: every body sentence is an unattributed claim (the floor);
- ``quotes``: words inside quotation marks (three words or more) are direct quotes, with the
  nearest cue and its speaker; other sentences stay unattributed claims;
- ``rules``: also reported speech, by the cue lexicon below: the speaker is the name
  just before a verb cue (``X menegaskan ...``), just after a trailing cue
  (``..., kata X``) or after ``menurut``; the content is the rest of the sentence.

Body sentences are those outside boilerplate as the generic parser marks it
(headline, "Baca juga:", credits), and outside short lines that read as headings.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import Any, Callable

from .parsers.generic import parse_generic
from .parsers.sectioned import is_heading
from .text import quoted_regions, sentence_spans

Model = Callable[[str], list[dict]]

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
# Small words that may stand between a speaker and a verb cue ("X juga menyampaikan").
BETWEEN = {"juga", "pun", "kembali", "telah", "sudah", "lalu", "kemudian", "sempat", "secara", "tegas"}
MIN_QUOTE_WORDS = 3

_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|bin|binti|al|van|von|de))*")
_WORD = re.compile(r"\S+")


def _cue_pattern(words: tuple[str, ...]) -> re.Pattern:
    alternatives = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(w) for w in alternatives) + r")(?![\w])", re.IGNORECASE)


_BEFORE = _cue_pattern(CUES_BEFORE)
_AFTER = _cue_pattern(CUES_AFTER)
_ACCORDING = re.compile(r"(?<![\w])menurut\s+", re.IGNORECASE)


def _span(start: int, end: int) -> dict:
    return {"start": start, "end": end}


def _trim(text: str, start: int, end: int, strip: str = " \t\r\n.,;:!?…\"“”'") -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def speaker_name(run: str) -> str:
    """A name from a run of capitalised words: titles dropped, the last two words kept."""
    words = run.split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return " ".join(words[-2:])


def body_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences outside boilerplate and heading-like lines, without final punctuation."""
    boilerplate = parse_generic(text).boilerplate
    out = []
    for start, end in sentence_spans(text):
        # A dateline opens the first sentence of the body and a sign-off closes the last: cut them off.
        for b in boilerplate:
            if b.start <= start < b.end < end:
                start = b.end
            elif start < b.start < end <= b.end:
                end = b.start
        if any(start < b.end and b.start < end for b in boilerplate):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:line_end if line_end != -1 else len(text)]
        if line.strip() == text[start:end].strip() and is_heading(line):
            continue
        s, e = _trim(text, start, end, strip=" \t\r\n.!?…")
        if s < e:
            out.append((s, e))
    return out


def sentences(text: str) -> list[dict]:
    return [{"quote": _span(s, e), "kind": "unattributed_claim"} for s, e in body_sentences(text)]


def _speaker_before(text: str, cue_start: int, floor: int) -> tuple[int, int] | None:
    """The name run that ends just before ``cue_start`` (small words may stand between)."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, floor, cue_start)]
    while words and text[words[-1][0]:words[-1][1]].lower() in BETWEEN:
        words.pop()
    if not words:
        return None
    end = words[-1][1]
    runs = [m for m in _NAME_RUN.finditer(text, floor, end) if m.end() == end]
    return (runs[-1].start(), runs[-1].end()) if runs else None


def _speaker_after(text: str, at: int, ceiling: int) -> tuple[int, int] | None:
    """The first name run within four words after ``at``."""
    window_end = at
    for count, m in enumerate(_WORD.finditer(text, at, ceiling)):
        window_end = m.end()
        if count == 3:
            break
    m = _NAME_RUN.search(text, at, max(window_end, at))
    if m is None:
        return None
    s, e = _trim(text, m.start(), m.end())
    return (s, e) if s < e else None


def _statement(text: str, quote: tuple[int, int], kind: str, cue: tuple[int, int] | None,
               speaker: tuple[int, int] | None) -> dict:
    out: dict[str, Any] = {"quote": _span(*quote), "kind": kind}
    if cue is not None:
        out["cue"] = _span(*cue)
    if speaker is not None:
        out["speaker"] = {"name": speaker_name(text[speaker[0]:speaker[1]])}
    return out


def _sentence_of(spans: list[tuple[int, int]], offset: int) -> int | None:
    return next((i for i, (s, e) in enumerate(spans) if s <= offset <= e), None)


def quotes(text: str) -> list[dict]:
    """Direct quotes with their nearest cue and speaker; other body sentences as unattributed claims."""
    body = body_sentences(text)
    taken: set[int] = set()
    found = []
    for start, end in quoted_regions(text):
        s, e = _trim(text, start, end)
        if len(text[s:e].split()) < MIN_QUOTE_WORDS:
            continue
        at = _sentence_of(body, s)
        if at is None:
            continue
        taken.add(at)
        sentence_end = body[at][1]
        cue = speaker = None
        after = _AFTER.search(text, end, min(len(text), sentence_end + 1)) or _BEFORE.search(text, end, sentence_end + 1)
        if after is not None:
            cue = (after.start(), after.end())
            speaker = _speaker_after(text, after.end(), min(len(text), sentence_end + 1))
        else:
            before = _BEFORE.search(text, body[at][0], start)
            if before is not None:
                cue = (before.start(), before.end())
                speaker = _speaker_before(text, before.start(), body[at][0])
        found.append(_statement(text, (s, e), "direct_quote", cue, speaker))
    rest = [{"quote": _span(s, e), "kind": "unattributed_claim"} for i, (s, e) in enumerate(body) if i not in taken]
    return sorted(found + rest, key=lambda st: (st["quote"]["start"], st["quote"]["end"]))


def _reported(text: str, start: int, end: int) -> dict | None:
    """Reported speech in the sentence [start, end), by the cue lexicon; ``None`` if there is none."""
    according = _ACCORDING.match(text, start)
    if according is not None:
        comma = text.find(",", according.end(), end)
        if comma != -1:
            speaker = _trim(text, according.end(), comma)
            content = _trim(text, comma + 1, end)
            if content[0] < content[1]:
                return _statement(text, content, "indirect_quote", (according.start(), according.start() + 7), speaker)
    for cue in _BEFORE.finditer(text, start, end):
        speaker = _speaker_before(text, cue.start(), start)
        if speaker is None:
            continue
        content_start = cue.end()
        rest = text[content_start:end]
        lead = re.match(r"\s+(bahwa\s+)?", rest)
        content = _trim(text, content_start + (lead.end() if lead else 0), end)
        if content[0] < content[1]:
            return _statement(text, content, "indirect_quote", (cue.start(), cue.end()), speaker)
    for cue in _AFTER.finditer(text, start, end):
        content = _trim(text, start, cue.start())
        speaker = _speaker_after(text, cue.end(), end)
        if speaker is not None and content[0] < content[1]:
            return _statement(text, content, "indirect_quote", (cue.start(), cue.end()), speaker)
    return None


def rules(text: str) -> list[dict]:
    """Direct quotes as ``quotes`` finds them, reported speech by the cue lexicon, the rest unattributed."""
    out = []
    for statement in quotes(text):
        if statement["kind"] == "unattributed_claim":
            s, e = statement["quote"]["start"], statement["quote"]["end"]
            statement = _reported(text, s, e) or statement
        out.append(statement)
    return out


BASELINES: dict[str, Model] = {"sentences": sentences, "quotes": quotes, "rules": rules}


class ModelError(Exception):
    """A model that cannot be loaded or run."""


def load_model(name: str) -> Model:
    """A baseline by name, or ``package.module:function``."""
    if name in BASELINES:
        return BASELINES[name]
    module_name, sep, attr = name.partition(":")
    if not sep or not module_name or not attr:
        raise ModelError(f"--model {name!r}: choose {', '.join(BASELINES)}, or give package.module:function")
    if os.getcwd() not in sys.path:  # like `python -m`: a module in the working folder is found
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # the user's module: any failure to import is theirs to see
        raise ModelError(f"--model {name!r}: cannot import {module_name!r}: {type(exc).__name__}: {exc}") from None
    model = getattr(module, attr, None)
    if not callable(model):
        raise ModelError(f"--model {name!r}: {module_name} has no function {attr!r}")
    return model
