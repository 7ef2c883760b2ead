"""The ``rules`` model: the body's sentences and quotations in text order, each attributed by the cues
around it (:mod:`speech`), the speaker followed through the text (:mod:`discourse`)."""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from factprov.base.text import quoted_regions
from factprov.bench.models.body import MIN_QUOTE_WORDS, NAME_RUN, body_sentences, span_dict, trim
from factprov.bench.models.rules.cues import NEXT_SENTENCE_CUE, OPENING_ADJUNCT, is_headline_claim
from factprov.bench.models.rules.discourse import Discourse
from factprov.bench.models.rules.names import lexicon
from factprov.bench.models.rules.speakers import noun_before
from factprov.bench.models.rules.speech import (
    after_connective,
    named_statement,
    next_sentence_speaker,
    quote_speaker,
    reported_speech,
)
from factprov.build.parsers.base import lines
from factprov.build.parsers.sectioned import is_heading

_GLUED_STOP = re.compile(r"(?<=[A-Za-z]{2}[.!?])(?=[A-Z][a-z])")  # "...kata Nama.Sebelumnya, ...", "...PSR.Tanpa"




def _split_glued(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences split where a missing space glued two together: "... terlambat.Sebelumnya, ...", and
    "... ujar Nama KeluargaSebelumnya, ..." (a word that opens sentences, glued onto a name)."""
    out = []
    for s, e in sentences:
        cuts = sorted({m.start() for m in _GLUED_STOP.finditer(text, s, e)} |
                      {m.end() for m in _GLUED_CASE.finditer(text, s, e) if _opens_sentence(text, m.end(), e)})
        for cut in cuts:
            out.append(trim(text, s, cut, strip=" \t\r\n.!?…"))
            s = cut
        out.append((s, e))
    return [(s, e) for s, e in out if s < e]


_GLUED_CASE = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z])")


def _opens_sentence(text: str, at: int, end: int) -> bool:
    """Whether the word at ``at`` (glued onto the one before) is one that opens a sentence, followed by more."""
    m = re.match(r"[A-Z][a-z]+", text[at:end])
    return m is not None and m.group().lower() in lexicon().glued_openers and len(text[at:end].split()) > 3


_LEADING_ROLE = re.compile(r"[A-Z][a-z]+(?:\s+[a-z]+){1,2}\s+(?=[A-Z])")


def _subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name that opens a sentence as its subject, after an opening adjunct ("Sebelumnya, Nama ...")."""
    at = start
    adjunct = OPENING_ADJUNCT.match(text, at, end)
    if adjunct is not None and len(text[at:adjunct.end()].split()) <= 5:
        at = adjunct.end()
    role = _LEADING_ROLE.match(text, at, end)  # "Juru bicara Istana Nama ...": the name after the office
    if role is not None and all(w.lower() in lexicon().offices for w in role.group().split()):
        at = role.end()
    run = NAME_RUN.match(text, at, end)
    if run is None:
        return None
    apposition = NAME_RUN.match(text, run.end() + 2, end) if text[run.end():run.end() + 2] == ", " else None
    if apposition is not None and re.match(r",\s+[a-z]", text[apposition.end():end]):
        return run.start(), apposition.end()  # "Menteri X, Nama Keluarga, tiba ...": clean() takes the name
    if not re.match(r"\s+[a-z]", text[run.end():end]):
        return None
    if run.start() == start and " " not in run.group() and not _proper_elsewhere(text, run.group(), start):
        return None  # "Pengalaman di tempat lain ...": a capital only because it opens the sentence
    return run.span()


def _proper_elsewhere(text: str, word: str, at: int) -> bool:
    """Whether ``word`` is written with a capital after a lowercase word elsewhere in ``text``: a proper
    noun (``at``, where it opens a sentence, is no such place)."""
    return word in _proper_nouns(text)


@functools.lru_cache(maxsize=4)
def _proper_nouns(text: str) -> frozenset[str]:
    """The capitalised words of ``text`` that stand after a lowercase word, outside lines in title case
    (a linked headline capitalises every word): one pass over the text, then a set."""
    headings = [(line.start, line.end) for line in lines(text) if is_heading(line.text)]
    starts = [s for s, _ in headings]
    found = set()
    for m in _AFTER_LOWERCASE.finditer(text):
        i = bisect.bisect_right(starts, m.start(1)) - 1
        if i >= 0 and headings[i][0] <= m.start(1) < headings[i][1]:
            continue
        found.add(m.group(1))
    return frozenset(found)


_AFTER_LOWERCASE = re.compile(r"(?<![\w-])[a-z][\w-]*,?[ \t]+([A-Z][\w'’.-]*)")


def rules(text: str) -> list[dict]:
    """Direct quotes with their speakers, Indonesian reported speech by its cues, the rest unattributed.

    - a direct quote takes the cue and speaker after it (``," kata X``, ``," ujarnya``), before
      it (``X mengatakan, "...``), or in the next sentence (``"..." Hal itu ditegaskan X.``); a
      quotation that runs over several paragraphs takes the speaker of its last part;
    - reported speech: ``X mengatakan ...`` (several cues joined by ``serta``/``dan`` give several
      statements), ``..., kata X``, ``Menurut X, ...``, ``Dikatakan X, ...``, and a line
      ``X: claim``; negated speech (``X tidak merinci ...``) reports no words of X;
    - clitic cues (``katanya``, ``ujarnya``, ``Menurutnya`` ...) and the pronouns ``dia``, ``ia`` and
      ``beliau`` take the person who is speaking (:class:`~factprov.bench.models.rules.discourse.Discourse`); a short
      name takes the full name given before;
    - offices, seats, places, days and glued words around a name are dropped (:mod:`factprov.bench.models.rules.names`);
    - each attributed statement carries its ``speaker_mention``: the name, pronoun or clitic.
    """
    names = Discourse(text)
    body = _split_glued(text, body_sentences(text, keep_line=is_headline_claim))  # datelines and furniture left out
    starts = [a for a, _ in body]

    def sentences_over(s: int, e: int) -> list[int]:
        """The body sentences that share a character with [s, e), in order."""
        j = max(0, bisect.bisect_right(starts, s) - 1)
        out = []
        while j < len(body) and body[j][0] < e:
            if s < body[j][1]:
                out.append(j)
            j += 1
        return out

    regions = []
    for start, end in quoted_regions(text):
        s, e = trim(text, start, end)
        if len(text[s:e].split()) >= MIN_QUOTE_WORDS and sentences_over(s, s + 1):
            regions.append((start, end, s, e))
    covering = [sentences_over(s, e) for _, _, s, e in regions]
    taken = {j for covered in covering for j in covered}
    found: list[tuple[int, dict]] = []  # (sentence index, statement), in text order
    pending: list[tuple[int, int]] = []  # quote spans of a quotation still open at a paragraph's end
    events = sorted([(s, "sentence", i) for i, (s, _) in enumerate(body)] +
                    [(r[2], "quote", k) for k, r in enumerate(regions)], key=lambda x: (x[0], x[1] != "quote"))
    for at, what, index in events:
        if what == "quote":
            start, end, s, e = regions[index]
            covered = covering[index]
            i = covered[0]
            last = max(covered)
            next_sentence = body[last + 1] if last + 1 < len(body) else None
            speaker, cue, next_used = quote_speaker(text, (start, end), (body[i][0], body[last][1]),
                                                     next_sentence, names)
            left_open = end >= len(text) or text[end] in "\r\n"
            if speaker is None and left_open:
                pending.append((s, e))
                continue
            if speaker is None:  # no cue: a quotation goes on in the voice of the one speaking
                speaker = names.referent(s, None, body[i][0])
            if next_used or (cue and next_sentence and next_sentence[0] <= cue[0] < next_sentence[1]):
                taken.add(last + 1)  # '"...?" tanyanya.': the attribution stands in a sentence of its own
            for ps, pe in pending + [(s, e)]:
                statement: dict[str, Any] = {"quote": span_dict(ps, pe), "kind": "direct_quote"}
                if speaker:
                    statement["speaker"] = {"name": speaker.name}
                if (ps, pe) == (s, e):
                    if cue:
                        statement["cue"] = span_dict(*cue)
                    if speaker and speaker.mention:
                        statement["speaker_mention"] = span_dict(*speaker.mention)
                found.append((i, statement))
            pending = []
            continue
        if index in taken:
            continue
        s, e = body[index]
        statements = reported_speech(text, s, e, names)
        framed = NEXT_SENTENCE_CUE.match(text, *body[index + 1]) if index + 1 < len(body) else None
        if framed is not None:  # "... . Hal itu disampaikan X di ...": the frame is no statement of its own
            taken.add(index + 1)
            attribution = None if statements else next_sentence_speaker(text, body[index + 1], names)
            if attribution is not None:
                statements = [named_statement((s, e), "indirect_quote", attribution[1], attribution[0])]
        if statements:
            found += [(index, st) for st in statements]
        else:
            subject = _subject(text, s, e)
            if subject is not None:
                names.mentioned(*subject, subject=True, after_noun=noun_before(text, subject[0], s) is not None)
            for run in NAME_RUN.finditer(text, s, e):
                if len(run.group().split()) >= 2 and (subject is None or run.start() >= subject[1]):
                    names.mentioned(*run.span(), after_noun=noun_before(text, run.start(), s) is not None)
            found.append((index, {"quote": span_dict(after_connective(text, s, e), e), "kind": "unattributed_claim"}))
    for ps, pe in pending:
        found.append((0, {"quote": span_dict(ps, pe), "kind": "direct_quote"}))
    return sorted((st for _, st in found), key=lambda st: (st["quote"]["start"], st["quote"]["end"]))
