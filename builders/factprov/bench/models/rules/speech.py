"""What was said, and by whom: reported speech in a sentence (``X mengatakan ...``, ``Menurut X, ...``,
``..., kata X``), the attribution of a direct quote, and the content of a cue (after ``bahwa``,
split at a second one)."""

from __future__ import annotations

import re
from typing import Any

from factprov.bench.models.body import NAME_RUN, WORD, span_dict, trim
from factprov.bench.models.rules.cues import (
    ACCORDING_AFTER,
    ACCORDING_TO,
    CONNECTIVE,
    HEADLINE_CLAIM,
    JOINED_CUE,
    NEGATED,
    NEXT_SENTENCE_CUE,
    SAY_AFTER_CUE,
    SAY_AFTER_QUOTE,
    SAY_BEFORE_CUE,
    SAY_PASSIVE_CUE,
    SECOND_THAT,
    SOURCE_TAIL,
    STATEMENT_BY,
    is_headline_claim,
    say_before,
)
from factprov.bench.models.rules.discourse import Discourse, Who
from factprov.bench.models.rules.speakers import (
    LOOKBACK,
    antecedent,
    cue_span,
    named_after,
    named_before,
    noun_before,
    phrase_speaker,
    say_after_speaker,
)


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """What was said, from ``start``: after "bahwa" or an opening adjunct, before a source tail."""
    lead = re.match(r"[\s,:]*(bahwa\s+)?", text[start:end])
    start += lead.end() if lead else 0
    window = text[start:end]
    that = None if lead and lead.group(1) else re.search(r"\bbahwa\s+", window[:120])
    if that and say_before(window, 0, that.start()):
        that = None  # "A mengatakan B menegaskan bahwa P": what A said is "B menegaskan bahwa P"
    if that and len(window[:that.start()].split()) <= 12:
        start += that.end()
    elif re.match(r"(?:kepada|dalam|di|saat|ketika|usai|seusai|pada)\b", window):
        comma = window.find(", ")
        if 0 < comma and len(window[:comma].split()) <= 12:
            start += comma + 2
    tail = SOURCE_TAIL.search(text, start, end)
    if tail:
        end = tail.start()
    return trim(text, start, end)


def reported_speech(text: str, start: int, end: int, names: Discourse) -> list[dict]:
    """Statements of reported speech in the sentence [start, end), by the cues; [] if there is none."""
    sentence = text[start:end]
    # Menurut X, ... / Menurutnya, ...
    m = ACCORDING_TO.match(sentence)
    if m is not None:
        comma = text.find(",", start + m.end(), end)
        if comma != -1:
            if m.group(2):
                speaker = names.referent(start, (start + m.start(2), start + m.end(2)), start, "menurut")
            elif (pronoun := re.fullmatch(r"\s*(dia|ia|beliau)\s*", text[start + m.end():comma], re.IGNORECASE)):
                at = start + m.end()
                speaker = names.referent(start, (at + pronoun.start(1), at + pronoun.end(1)), start, person=True)
            else:
                s, e = trim(text, start + m.end(), comma)
                relative = re.search(r"\s+yang\s", text[s:e])
                if relative is not None:  # "Menurut seorang peneliti yang pernah ..., yang ..., isi"
                    e = s + relative.start()
                    while re.match(r",\s*yang\s", text[comma:end]) and text.find(",", comma + 1, end) != -1:
                        comma = text.find(",", comma + 1, end)
                run = NAME_RUN.search(text, s, e)  # "Menurut data Badan X": the name in the description
                if run is not None and run.end() == e:
                    noun = noun_before(text, run.start(), s)
                    speaker = names.named(run.start(), e, after_noun=noun is not None)
                    if speaker is None and noun is not None:
                        speaker = names.described(noun, e)
                elif s < e and re.search(r"\s(?:itu|tersebut)$", text[s:e]):  # "Menurut pelatih asal X itu, ..."
                    speaker = antecedent(text, (s, e), names, start, "menurut")
                elif s < e and text[s].isupper():
                    speaker = names.named(s, e)
                else:  # "Menurut panitia, ...": a speaker described in lowercase words
                    speaker = names.described(s, e) if 0 < len(text[s:e].split()) <= 5 else None
            content = _content(text, comma + 1, end)
            if speaker and content[0] < content[1]:
                return [named_statement(content, "indirect_quote", (start + m.start(1), start + m.end(1)), speaker)]
    # Dikatakan X, ... / Dikatakannya, ...
    m = SAY_PASSIVE_CUE.match(sentence)
    if m is not None:
        comma = text.find(",", start + m.end(), end)
        if comma != -1:
            if m.group(2):
                speaker = names.referent(start, (start + m.start(2), start + m.end(2)), start, m.group(1))
            else:
                s, e = trim(text, start + m.end(), comma)
                speaker = names.named(s, e) if s < e and text[s].isupper() else None
            content = _content(text, comma + 1, end)
            if speaker and content[0] < content[1]:
                return [named_statement(content, "indirect_quote", (start, start + m.end(1)), speaker)]
    # X mengatakan ... [serta menegaskan ...]
    for cue in say_before(text, start, end):
        if cue.group(1)[0].isupper() or NEGATED.search(text, max(start, cue.start() - 30), cue.start()):
            continue  # "X tidak merinci ...", "X menolak mengatakan ...": no words of X are reported
        speaker = named_before(text, cue.start(), start, names, start, cue.group(1))
        if speaker is None:
            continue
        out = []
        cues = [(cue.start(), cue.end())]
        for joined in JOINED_CUE.finditer(text, cue.end(), end):
            cues.append((joined.start(1), joined.end(1)))
        for i, (cs, ce) in enumerate(cues):
            stop = end
            if i + 1 < len(cues):
                joined = JOINED_CUE.search(text, ce, end)
                stop = joined.start() if joined else end
            trailing = SAY_AFTER_CUE.search(text, ce, stop)
            if trailing is not None and trailing.start() > ce:
                stop = trailing.start()
            content = _content(text, ce, stop)
            for part in _that_parts(text, *content):  # "X mengatakan bahwa A, dan bahwa B": two statements
                out.append(named_statement(part, "indirect_quote", (cs, ce), speaker if not out else
                                  Who(speaker.name, None, speaker.body)))
        _mention_names(text, cue.end(), end, names)
        if out:
            return out
    # ..., menurut X.
    m = ACCORDING_AFTER.search(text, start, end)
    if m is not None:
        content = trim(text, start, m.start())
        speaker = phrase_speaker(text, m.end(), end, names, start)
        if speaker and content[0] < content[1]:
            return [named_statement(content, "indirect_quote", m.span(1), speaker)]
    # ..., kata X.  /  ..., ujarnya.  /  X, katanya, ...  /  X, kata Y, ...
    for cue in SAY_AFTER_CUE.finditer(text, start, end):
        content = trim(text, after_connective(text, start, cue.start()), cue.start())
        speaker = say_after_speaker(text, cue, end, names, start)
        if not speaker:
            continue
        rest_at = (speaker.mention[1] if speaker.mention and speaker.mention[0] >= cue.end() else cue.end())
        inserted = re.match(r"\s*,\s*", text[rest_at:end])
        if inserted is not None:  # "Izin itu, kata X, diterbitkan ...": the longer side is what was said
            after = trim(text, rest_at + inserted.end(), end)
            if after[1] - after[0] > content[1] - content[0]:
                content = after
        if content[0] < content[1]:
            return [named_statement(content, "indirect_quote", cue_span(cue), speaker)]
    # ..., bunyi pernyataan X.
    m = STATEMENT_BY.search(text, start, end)
    if m is not None:
        content = trim(text, start, m.start())
        speaker = named_after(text, m.end(), end, names, start)
        if speaker is None:  # a statement by a body named in lowercase words: the words that follow
            words = [w for w in WORD.finditer(text, m.end(), end)]
            words = words[1:] if words and words[0].group().lower() == "resmi" else words
            words = words[:5]
            if words:
                speaker = Who(" ".join(w.group() for w in words).strip(" .,"), None)
        if speaker and speaker.name and content[0] < content[1]:
            return [named_statement(content, "indirect_quote", (m.start(1), m.end(1)), speaker)]
    # A line "X: claim" (a headline or a lead in that form)
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == start:
        m = HEADLINE_CLAIM.match(sentence)
        if m is not None and is_headline_claim(sentence):
            content = trim(text, start + m.start(2), end)
            speaker = names.named(start + m.start(1), start + m.end(1))
            if speaker and content[0] < content[1]:
                return [named_statement(content, "indirect_quote", None, speaker)]
    return []


def _that_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The content of one cue, split where a second ``bahwa`` opens another statement."""
    parts, at = [], start
    for m in SECOND_THAT.finditer(text, start, end):
        parts.append(trim(text, at, m.start()))
        at = m.end()
    parts.append(trim(text, at, end))
    return [(s, e) for s, e in parts if s < e]


def after_connective(text: str, start: int, end: int) -> int:
    """Where a sentence's claim starts: after an opening "Namun," or "Selain itu,"."""
    m = CONNECTIVE.match(text, start, end)
    return m.end() if m is not None and len(text[m.end():end].split()) >= 3 else start


def _mention_names(text: str, start: int, end: int, names: Discourse) -> None:
    """Names in what was said, remembered for the short names that follow (never as the speaker)."""
    for run in NAME_RUN.finditer(text, start, end):
        if len(run.group().split()) >= 2:
            names.mentioned(*run.span())


def named_statement(quote: tuple[int, int], kind: str, cue: tuple[int, int] | None, speaker: Who) -> dict:
    out: dict[str, Any] = {"quote": span_dict(*quote), "kind": kind, "speaker": {"name": speaker.name}}
    if cue is not None:
        out["cue"] = span_dict(*cue)
    if speaker.mention is not None:
        out["speaker_mention"] = span_dict(*speaker.mention)
    return out


def quote_speaker(text: str, region: tuple[int, int], sentence: tuple[int, int], next_sentence: tuple[int, int] | None,
                   names: Discourse) -> tuple[Who | None, tuple[int, int] | None, bool]:
    """The speaker and cue of a direct quote, and whether the next sentence was its attribution."""
    start, end = region
    close = end + 1 if end < len(text) and text[end] in "\"”'" else end
    s_start, s_end = sentence
    # after the quote: '," kata X' / '," ujarnya' / '," kata dia'
    after = SAY_AFTER_QUOTE.match(text, end)
    if after is not None:
        speaker = say_after_speaker(text, after, max(s_end, after.end()) + 1, names, s_start)
        return speaker, cue_span(after), False
    verb = SAY_BEFORE_CUE.match(text, min(close + 1, len(text))) if close < len(text) else None
    if verb is None:
        m = re.match(r"[,.]?[\"”']?\s*", text[end:])
        verb = SAY_BEFORE_CUE.match(text, end + m.end()) if m else None
    if verb is not None and not verb.group(1)[0].isupper():
        speaker = named_after(text, verb.end(), s_end + 1, names, s_start, verb.group(1))
        if speaker is not None:
            return speaker, (verb.start(), verb.end()), False
    # before the quote in its sentence: 'X mengatakan, "..."' / 'X: "..."'
    opening = start - 1
    cue = None
    s_start = max(s_start, opening - LOOKBACK)  # what stands before the quote, within reach of it
    for cue in say_before(text, s_start, max(s_start, opening)):
        pass
    if cue is not None:
        speaker = named_before(text, cue.start(), s_start, names, s_start, cue.group(1))
        if speaker is not None:
            return speaker, (cue.start(), cue.end()), False
    colon = re.search(r"([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)\s*:\s*$", text[s_start:opening])
    if colon is not None:
        speaker = names.named(s_start + colon.start(1), s_start + colon.end(1))
        if speaker is not None:
            return speaker, None, False
    # the next sentence: '"..." Hal itu ditegaskan X.'
    if next_sentence is not None:
        attribution = next_sentence_speaker(text, next_sentence, names)
        if attribution is not None:
            return attribution[0], attribution[1], True
    return None, None, False


def next_sentence_speaker(text: str, sentence: tuple[int, int],
                           names: Discourse) -> tuple[Who, tuple[int, int]] | None:
    """The speaker and cue of a sentence that attributes the one before it: "Hal itu disampaikan X ...",
    "Demikian kata X."; ``None`` if it is no such sentence."""
    n_start, n_end = sentence
    m = NEXT_SENTENCE_CUE.match(text, n_start, n_end)
    if m is None:
        return None
    cue_at = m.span(1) if m.group(1) else m.span(2)
    rest = re.match(r"\s+(?:oleh\s+)?", text[m.end():n_end])
    at = m.end() + (rest.end() if rest else 0)
    pronoun = re.match(r"(dia|ia|beliau)\b", text[at:n_end], re.IGNORECASE)
    if pronoun:
        speaker = names.referent(n_start, (at, at + pronoun.end(1)), n_start, person=True)
    else:
        speaker = named_after(text, at - 1 if at > m.end() else at, n_end + 1, names, n_start)
    return None if speaker is None else (speaker, cue_at)
