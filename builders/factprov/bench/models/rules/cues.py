"""The cues of Indonesian news writing: the word lists (data, in ``cues.yaml``) and the patterns that
find them in a sentence, for the ``rules`` baseline."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from factprov.bench.models.baselines import cue_pattern

_WORDS = yaml.safe_load(Path(__file__).with_name("cues.yaml").read_text(encoding="utf-8"))
SAY_BEFORE: tuple[str, ...] = tuple(_WORDS["say_before"])  # "X menegaskan ..."
SAY_WORDS = frozenset(_WORDS["say_words"])  # of those, the verbs that report words, not a stance
SAY_AFTER: tuple[str, ...] = tuple(_WORDS["say_after"])  # "..., kata X"
SAY_PASSIVE: tuple[str, ...] = tuple(_WORDS["say_passive"])  # "Dikatakan X, ..."
PRONOUNS = frozenset(_WORDS["pronouns"])  # "Ia menambahkan ..."


SOURCE_TAIL = re.compile(r",?\s+(?:seperti|sebagaimana)\s+(?:dikutip|dilansir|diberitakan)\b"
                         r"|,\s+(?:dikutip|dilansir)\s",
                          re.IGNORECASE)


SAY_BEFORE_CUE = cue_pattern(SAY_BEFORE)


# A verb glued onto the name before it by a missing space: "Nama Wijoyomengatakan, ...".
_SAY_BEFORE_GLUED = re.compile(r"(?<=[a-z])(" + "|".join(sorted(SAY_BEFORE, key=len, reverse=True)) + r")(?![\w])")


def say_before(text: str, start: int, end: int) -> list[re.Match]:
    """The verb cues of [start, end), in order: whole words, and verbs glued onto a capitalised word."""
    found = list(SAY_BEFORE_CUE.finditer(text, start, end))
    for m in _SAY_BEFORE_GLUED.finditer(text, start, end):
        word_start = m.start()
        while word_start > start and text[word_start - 1].isalpha():
            word_start -= 1
        if text[word_start].isupper() and m.start() - word_start >= 3:
            found.append(m)
    return sorted(found, key=lambda m: m.start())


SAY_AFTER_CUE = re.compile(r"(?:,\s*[\"“”']?|[\"“”']\s*)\s*(" + "|".join(SAY_AFTER) + r")(nya)?(?![\w])")


SAY_AFTER_QUOTE = re.compile(r"[\"”'’]?\s*,?\s*(" + "|".join(SAY_AFTER) + r")(nya)?(?![\w])")


SAY_PASSIVE_CUE = re.compile(r"^(" + "|".join(SAY_PASSIVE) + r")(nya)?\b\s*", re.IGNORECASE)


ACCORDING_TO = re.compile(r"(?:(?:Namun|Tetapi|Akan tetapi|Sementara itu|Sebaliknya|Selain itu),\s+)?"
                           r"(?<![\w])(menurut)(nya)?(?![\w])", re.IGNORECASE)


ACCORDING_AFTER = re.compile(r",\s+(menurut)\s+(?=\S)", re.IGNORECASE)


STATEMENT_BY = re.compile(r",\s*(bunyi pernyataan|dalam pernyataan|demikian pernyataan)\b", re.IGNORECASE)


NEXT_SENTENCE_CUE = re.compile(r"(?:hal (?:itu|tersebut|ini)|demikian|begitu|itulah|kata-kata itu|"
                                r"(?:pernyataan|pengakuan|keterangan|penjelasan|informasi|penegasan|ungkapan|imbauan|"
                                r"harapan|permintaan|tanggapan|jawaban|kabar|data) (?:itu|tersebut|ini))\s+"
                                r"(?:(di(?:sampaikan|ungkapkan|katakan|tegaskan|jelaskan|sebutkan|paparkan|tuturkan|"
                                r"utarakan|kemukakan)(?:nya)?)|(kata|ujar|ucap|tegas)\w*)\b", re.IGNORECASE)


JOINED_CUE = re.compile(r"\s*(?:,\s*)?(?:serta|dan|sambil|seraya|sekaligus|tetapi|tapi|namun)\s+(?:juga\s+)?(" +
                         "|".join(SAY_BEFORE + ("menuntut",)) + r")(?![\w])")


HEADLINE_CLAIM = re.compile(r"^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s+(\S.*)$")


_NOT_SPEAKERS = {"foto", "sumber", "editor", "penulis", "pewarta", "reporter", "baca", "lihat", "oleh",
                 "catatan", "keterangan", "ilustrasi", "video", "update", "tag", "tags", "kategori", "simak",
                 "jakarta", "waktu", "tempat", "hari", "tanggal", "lokasi", "laporan", "penyunting", "fotografer",
                 "kontributor", "wartawan", "redaksi", "narasumber", "pukul", "catatan", "pengumuman", "info"}


def is_headline_claim(line: str) -> bool:
    """A line "X: claim" (a headline in the body): a short name, then at least three words, no bar."""
    m = HEADLINE_CLAIM.match(line.strip())
    return (m is not None and m.group(1).split()[0].lower() not in _NOT_SPEAKERS and "|" not in line
            and len(m.group(2).split()) >= 3)


SAY_AFTER_WORD = re.compile("(?:" + "|".join(SAY_AFTER) + ")(?:nya)?", re.IGNORECASE)


PRONOUN_AFTER = re.compile(r"\s+(dia|ia|beliau)\b", re.IGNORECASE)


# Before a verb cue, words that say nothing was said: it was not ("tidak merinci"), or it is yet to be
# ("akan mengumumkan", "dijadwalkan menyampaikan").
NEGATED = re.compile(r"(?<![\w])(?:(?:tidak|tak|belum|enggan|menolak|ogah|urung)\s+(?:mau\s+|ingin\s+|bersedia\s+)?"
                      r"|(?:akan|bakal|hendak|berencana|dijadwalkan)\s+)(?:juga\s+)?$", re.IGNORECASE)


SECOND_THAT = re.compile(r"\s*,?\s+(?:dan|serta)\s+bahwa\s+")


# Words that only link a sentence to the one before: no part of its claim (the guide's rule).
CONNECTIVE = re.compile(r"(?:Namun|Akan tetapi|Tetapi|Sementara itu|Selain itu|Di samping itu|Adapun)"
                         r"\s*,\s+(?=\S)")


# An adjunct that opens a sentence before its subject: "Sementara itu, ...", "Usai rapat, ...".
OPENING_ADJUNCT = re.compile(r"(?:[A-Z][a-z]+(?: [a-z]+){0,4}|[A-Z][a-z]+ [A-Z][a-z]+ [a-z]+),\s+")
