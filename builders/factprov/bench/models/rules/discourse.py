"""Who is speaking, followed through an article for the ``rules`` baseline.

A pronoun (``Ia``, ``Dia``, ``Beliau``) or a clitic cue (``katanya``, ``Menurutnya``) refers to
the person who is speaking, not to the last person named: a spokesman who reports what his
president said stays the speaker. The speaker changes when the text names a new person as the
subject of a speech verb; a paragraph that opens on a new person ("Presiden X tiba di ...")
brings that person into focus for the pronouns that follow. A short name ("Sokolov") is the
full name given before ("Dmitri Sokolov").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from factprov.bench.models.rules.names import Name, clean

RECENT = 50  # names looked back over: enough for an article, bounded for a long text
# Verbs that go on with what the same speaker said ("Ia menambahkan ...").
CONTINUING = {"menambahkan", "melanjutkan", "tambah", "imbuh", "lanjut", "sambung", "pungkas", "tandas"}


@dataclass(frozen=True)
class Who:
    """A speaker: the name a statement gives, and where the text refers to them for it."""

    name: str
    mention: tuple[int, int] | None
    body: bool = False


@dataclass(frozen=True)
class _Seen:
    at: int
    paragraph: int
    name: str
    body: bool


class Discourse:
    """The people and bodies named so far, in text order, and who is speaking."""

    def __init__(self, text: str):
        self.text = text
        self._breaks = [i for i, ch in enumerate(text) if ch == "\n"]
        self.known: list[_Seen] = []  # every full name met, for short names
        self.speakers: list[_Seen] = []  # who spoke, in order
        self.subjects: list[_Seen] = []  # people who open a sentence that reports no speech

    def paragraph(self, at: int) -> int:
        return bisect.bisect_left(self._breaks, at)

    def _full(self, name: Name) -> str:
        """A short mention of someone named before ("Sokolov") is their full name ("Dmitri Sokolov"); a
        body's name stays as it is."""
        if name.body:
            return name.name
        words = name.words
        for seen in reversed(self.known[-RECENT:]):
            if seen.body:
                continue
            full = seen.name.split()
            if len(words) < len(full) and any(full[i:i + len(words)] == words
                                              for i in range(len(full) - len(words) + 1)):
                return seen.name
        return name.name

    def _note(self, name: Name) -> _Seen:
        seen = _Seen(name.start, self.paragraph(name.start), self._full(name), name.body)
        if seen.name == name.name and len(name.words) > 1:
            self.known.append(seen)
        return seen

    def named(self, start: int, end: int, after_noun: bool = False) -> Who | None:
        """The speaker named in ``text[start:end]`` (roles, days and glued words dropped); they now speak."""
        name = clean(self.text, start, end, after_noun)
        if name is None:
            return None
        seen = self._note(name)
        self.speakers.append(seen)
        return Who(seen.name, (name.start, name.end), name.body)

    def described(self, start: int, end: int) -> Who:
        """A speaker the text describes without a name ("seorang analis Arab"): the words as written."""
        name = " ".join(self.text[start:end].split())
        self.speakers.append(_Seen(start, self.paragraph(start), name, False))
        return Who(name, (start, end), False)

    def mentioned(self, start: int, end: int, subject: bool = False, after_noun: bool = False) -> None:
        """A name met in passing; ``subject``: it opens a sentence that reports no speech; ``after_noun``:
        a common noun stands before it ("juru bicara Istana Nama")."""
        name = clean(self.text, start, end, after_noun)
        if name is None:
            return
        seen = self._note(name)
        if subject and not name.body:
            self.subjects.append(seen)

    def referent(self, at: int, mention: tuple[int, int] | None, sentence_start: int | None = None,
                 verb: str = "", person: bool = False) -> Who | None:
        """Who a pronoun or clitic at ``at`` refers to: the one speaking in this paragraph; else a person
        who opened an earlier sentence of it; else whoever spoke or came into focus last. ``verb``: the
        speech verb, for "Ia menambahkan" (the same speaker goes on); ``person``: a personal pronoun,
        which does not refer to a body."""
        sentence_start = at if sentence_start is None else sentence_start
        here = self.paragraph(at)
        speaker = self._last(self.speakers, at, person)
        subject = self._last(self.subjects, sentence_start, person)
        if speaker is not None and (speaker.paragraph == here or verb.lower() in CONTINUING):
            chosen = speaker
        elif subject is not None and subject.paragraph == here:
            chosen = subject
        else:
            chosen = max((s for s in (speaker, subject) if s is not None), key=lambda s: s.at, default=None)
        if chosen is None:
            last = self._last(self.known, at, person)
            chosen = last
        if chosen is None:
            return None
        self.speakers.append(_Seen(at, here, chosen.name, chosen.body))
        return Who(chosen.name, mention, chosen.body)

    def current(self, at: int) -> Who | None:
        """Whoever spoke last before ``at``: a quotation with no cue of its own goes on in their voice."""
        speaker = self._last(self.speakers, at, False)
        return None if speaker is None else Who(speaker.name, None, speaker.body)

    @staticmethod
    def _last(seen: list[_Seen], before: int, person: bool) -> _Seen | None:
        """The last of ``seen`` before offset ``before``; with ``person``, the last person."""
        for s in reversed(seen[-RECENT:]):
            if s.at < before and not (person and s.body):
                return s
        return None
