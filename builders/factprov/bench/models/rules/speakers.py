"""Who a cue names: the name, pronoun or description before a verb (``X mengatakan``) or after a word
of saying (``kata X``), over what may stand between them (days, ages, appositions), and what a
description that refers back (``kata pelatih itu``) stands for."""

from __future__ import annotations

import re

from factprov.bench.models.body import BETWEEN, NAME_RUN, WORD, speaker_after, trim
from factprov.bench.models.rules.cues import (
    OPENING_ADJUNCT,
    PRONOUN_AFTER,
    PRONOUNS,
    SAY_AFTER_WORD,
    SAY_BEFORE_CUE,
    SAY_WORDS,
)
from factprov.bench.models.rules.discourse import Discourse, Who
from factprov.bench.models.rules.names import ORGANISATION_HEADS, lexicon, not_a_name_word

_DAYS = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)"


_MONTHS = r"(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)"


# What may stand between a speaker's name and the verb cue, taken off from the cue backwards: a day or
# date ("X, Senin (3/2), mengatakan", "X pada 3 Maret lalu menyatakan"), an age ("X (54), mengaku"), a
# relative clause or a lowercase description ("X, yang juga ..., mengatakan", "X (38), pemilik warung,
# mengatakan"), a place ("X di Kota Y mengatakan").
_ADJUNCT_BEFORE_CUE = re.compile(
    r"(?:,\s*yang\s[^,]{1,80}"
    r"|,?\s*(?:pada\s+)?(?:hari\s+)?(?:" + _DAYS + r"|\d{1,2}\s+" + _MONTHS + r"(?:\s+\d{4})?|" + _MONTHS +
    r"(?:\s+\d{4})?|(?:pekan|minggu|bulan|tahun)\s+(?:lalu|ini|depan))(?:\s*\([^)]{0,20}\))?"
    r"(?:\s+(?:lalu|malam|pagi|siang|sore|kemarin|ini))*"
    r"|\s*\(\d{1,3}\)"
    r"|,\s*[a-z][^,\"“”]{0,80},"
    r"|\s+(?:di|ke)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
    r"|\s+kepada\s+[^,]{1,40}"
    r"|,\s*(?:dalam|saat|ketika|usai|seusai|di sela|di hadapan|kepada|melalui|lewat)\s[^,\"“”]{0,60}"
    r"|\s+yang\s+[a-z][^,\"“”]{0,60}"
    r"),?\s*$")


LOOKBACK = 300  # characters before a cue in which its speaker is looked for (a long sentence is not rescanned)


def _before_adjuncts(text: str, end: int, floor: int) -> int:
    """Where the words before a verb cue at ``end`` end once small words and adjuncts are passed over."""
    floor = max(floor, end - LOOKBACK)
    for _ in range(4):  # "X (38), pemilik warung, pada Kamis malam mengatakan": one adjunct after another
        words = [(m.start(), m.end()) for m in WORD.finditer(text, floor, end)]
        while words and text[words[-1][0]:words[-1][1]].strip(",").lower() in BETWEEN:
            words.pop()
        end = words[-1][1] if words else floor
        adjunct = _ADJUNCT_BEFORE_CUE.search(text, floor, end)
        if adjunct is None or adjunct.start() <= floor:
            break
        end = adjunct.start()
    return end


def _description_before(text: str, end: int, floor: int) -> tuple[int, int] | None:
    """A subject described in lowercase words that opens the sentence ("Seorang petani mengatakan",
    "Warga setempat mengatakan"): at most four words before the verb, after an opening adjunct."""
    if end - floor > LOOKBACK:
        return None  # the description opens the sentence, and this one opens far before the cue
    end = _before_adjuncts(text, end, floor)
    adjunct = OPENING_ADJUNCT.match(text, floor, end)
    start = adjunct.end() if adjunct is not None and len(text[floor:adjunct.end()].split()) <= 5 else floor
    words = text[start:end].split()
    if not 0 < len(words) <= 4 or not all(w.isalpha() for w in words) or not all(w.islower() for w in words[1:]):
        return None
    if words[0].lower() in lexicon().pronouns or any(w.lower() in BETWEEN or w.lower() in _NOT_NOUNS for w in words):
        return None
    return start, end


def _name_run_before(text: str, end: int, floor: int) -> tuple[int, int] | None:
    """The capitalised run (with a comma apposition) that ends just before ``end``, over small words
    and what may stand between a name and its verb (:data:`_ADJUNCT_BEFORE_CUE`)."""
    floor = max(floor, end - LOOKBACK)
    end = _before_adjuncts(text, end, floor)
    words = [(m.start(), m.end()) for m in WORD.finditer(text, floor, end)]
    while words and text[words[-1][0]:words[-1][1]].strip(",").lower() in BETWEEN:
        words.pop()
    if not words:
        return None
    stop = words[-1][1]
    while stop > floor and text[stop - 1] in ",":
        stop -= 1
    runs = [m for m in NAME_RUN.finditer(text, floor, stop) if m.end() == stop]
    if not runs:
        return None
    start = runs[-1].start()
    # "Kepala Dinas X, Nama," : take the office before the comma too, so that the name is found in it
    if text[start - 2:start] == ", ":
        before = [m for m in NAME_RUN.finditer(text, floor, start - 2) if m.end() == start - 2]
        if before:
            start = before[-1].start()
    return start, stop


def _pronoun_before(text: str, end: int, floor: int) -> tuple[int, int] | None:
    """The pronoun subject ("Ia", "Dia", "Beliau") that stands just before ``end``, over small words."""
    floor = max(floor, end - LOOKBACK)
    words = [m for m in WORD.finditer(text, floor, end)]
    while words and words[-1].group().lower().strip(",") in BETWEEN:
        words.pop()
    if not words or words[-1].group().lower().strip(",") not in PRONOUNS:
        return None
    word = words[-1]
    return word.start(), word.start() + len(word.group().rstrip(","))


# Words before a speaker's name that are not a noun describing them ("kata seorang analis Arab").
_NOT_NOUNS = {"kata", "ujar", "oleh", "dari", "kepada", "bagi", "dengan", "dan", "serta", "atau", "menurut", "bahwa",
              "yang", "itu", "ini", "pihak", "para", "sang", "si", "pula", "pun", "juga", "lagi", "saat", "ketika",
              "di", "ke", "pada", "dalam", "untuk", "tentang", "soal", "terkait", "bersama", "hadapan"}


def noun_before(text: str, start: int, floor: int) -> int | None:
    """Where a description of the speaker starts, if a common noun stands right before the name at
    ``start`` ("seorang analis Arab", "diplomat Eropa"): the offset of the description's first word."""
    words = [m for m in WORD.finditer(text, max(floor, start - 60), start)]
    if words and words[-1].group().lower() in _QUANTIFIERS:
        return None
    if not words or not words[-1].group().isalpha() or not words[-1].group().islower() or \
            words[-1].group() in _NOT_NOUNS or len(words[-1].group()) < 3 or \
            SAY_BEFORE_CUE.fullmatch(words[-1].group()):
        return None
    first = len(words) - 1
    while first > 0 and words[first - 1].group().isalpha() and words[first - 1].group().islower() \
            and words[first - 1].group() not in _NOT_NOUNS and not SAY_AFTER_WORD.fullmatch(words[first - 1].group()) \
            and len(words) - first < 3:
        first -= 1
    if first > 0 and words[first - 1].group().lower() in _QUANTIFIERS:
        first -= 1  # "seorang diplomat Eropa": the description as written
    return words[first].start()


_QUANTIFIERS = {"seorang", "sejumlah", "para", "beberapa", "sebagian", "salah"}


# A description that refers back to someone named before: "kata gelandang asal Brasil itu".
_ANAPHOR_AFTER = re.compile(r"\s+((?:sang\s+)?[a-z][\w-]*(?:\s+[\w-]+){0,4}?\s+(?:itu|tersebut))\b")


_ANAPHOR_BEFORE = re.compile(r"(?:^|,\s*)((?:[A-Z]?[a-z][\w-]*)(?:\s+[\w-]+){0,4}?\s+(?:itu|tersebut))"
                            r"(?:\s+(?:juga|pun|lalu|kemudian|pun))?\s*$")


# The first word of a document's name ("Surat Edaran Nomor 7", "Perjanjian Kota Contoh"), and its number.
DOCUMENT_HEADS = {"surat", "edaran", "peraturan", "perjanjian", "deklarasi", "laporan", "keputusan", "undang-undang",
                  "komunike", "resolusi", "maklumat", "instruksi", "pedoman", "nota"}


_DOCUMENT_NUMBER = re.compile(r"(?:\s+(?:(?:Nomor|No\.|Tahun)\s+)?\d[\w/.-]*)+")


ANTECEDENT_WINDOW = 3_000  # characters looked back over for what "pelatih itu" refers to (a few paragraphs)


def antecedent(text: str, span: tuple[int, int], names: Discourse, sentence_start: int, verb: str) -> Who | None:
    """Who "gelandang asal Brasil itu" is: the name that followed the same words before ("gelandang asal
    Brasil Nama Keluarga"), else the person speaking or in focus, as for a pronoun."""
    phrase = re.sub(r"\s+(?:itu|tersebut)$", "", text[span[0]:span[1]]).strip()
    words = phrase.split()
    if words and (words[0].lower() in ORGANISATION_HEADS or words[0].lower() in DOCUMENT_HEADS):
        # "kementerian itu", "surat edaran itu": the body or document named so before
        window = max(0, span[0] - ANTECEDENT_WINDOW)
        pattern = re.compile(r"(?<![\w])" + re.escape(words[0].capitalize()) + r"(?![\w])")
        for m in reversed(list(pattern.finditer(text, window, span[0]))):
            start = m.start()
            while re.search(r"[A-Z][\w'’.-]* $", text[max(0, start - 40):start]):  # "Surat Edaran": the run's start
                start = re.search(r"[A-Z][\w'’.-]* $", text[max(0, start - 40):start]).start() + max(0, start - 40)
            run = NAME_RUN.match(text, start)
            if run is None or " " not in run.group():
                continue
            number = _DOCUMENT_NUMBER.match(text, run.end())  # "Surat Edaran Nomor 7 Tahun 2025"
            end = trim(text, run.start(), number.end())[1] if number else run.end()
            if words[0].lower() in DOCUMENT_HEADS:
                name = " ".join(text[run.start():end].split())
                return Who(name, span, True)
            who = names.named(run.start(), end)
            if who is not None:
                return Who(who.name, span, who.body)
        return names.referent(span[0], span, sentence_start, verb)
    for k in range(len(words)):  # the whole description first, then its last words ("asal Brasil")
        tail = " ".join(words[k:])
        if len(tail) < 4:
            break
        window = max(0, span[0] - ANTECEDENT_WINDOW)
        pattern = re.compile(r"(?<![\w])" + re.escape(tail) + r",?\s+(?=[A-Z])", re.IGNORECASE)
        for m in reversed(list(pattern.finditer(text, window, span[0]))):
            run = NAME_RUN.match(text, m.end())
            if run is not None:
                who = names.named(*run.span())
                if who is not None and not who.body:
                    return Who(who.name, span, who.body)
    return names.referent(span[0], span, sentence_start, verb, person=True)


# A name after a comma, in apposition to an office before it ("Kepala Dinas X, dr. Nama Keluarga,").
_APPOSITION = re.compile(r",\s+(?:(?:dr|drg|prof|ir|drs|hj?|kh)\.?\s+)?"
                         r"([A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|bin|binti|al))*)",
                         re.IGNORECASE)


def named_after(text: str, at: int, ceiling: int, names: Discourse, sentence_start: int,
                 verb: str = "") -> Who | None:
    """The speaker named after a cue: "kata X", "ujar Menteri X", "kata dia", "kata seorang analis Arab",
    "kata analis Arab, Nama Keluarga", "kata pelatih itu"."""
    pronoun = PRONOUN_AFTER.match(text, at, ceiling)
    if pronoun is not None:
        return names.referent(at, pronoun.span(1), sentence_start, verb, person=True)
    anaphor = _ANAPHOR_AFTER.match(text, at, ceiling)
    if anaphor is not None:  # "tegas politikus Partai X itu"
        return antecedent(text, anaphor.span(1), names, sentence_start, verb)
    run = speaker_after(text, at, ceiling)
    if run is None:
        return None
    s, e = run
    apposition = _APPOSITION.match(text, e, ceiling)
    noun = noun_before(text, s, at)
    if apposition is not None and (noun is not None or not_a_name_word(text[s:e].split()[0])):
        s, e = apposition.span(1)  # "kata analis Arab, Nama Keluarga": the name after the comma
        noun = None
    who = names.named(s, e, after_noun=noun is not None)
    if who is None and noun is not None:
        return names.described(noun, e)
    return who


def named_before(text: str, cue_start: int, floor: int, names: Discourse, sentence_start: int,
                  verb: str = "") -> Who | None:
    """The speaker before a verb cue: "X mengatakan", "Ia menegaskan", "Kepala X, Nama, mengatakan"."""
    floor = max(floor, cue_start - LOOKBACK)
    pronoun = _pronoun_before(text, cue_start, floor)
    if pronoun is not None:
        return names.referent(cue_start, pronoun, sentence_start, verb, person=True)
    anaphor = _ANAPHOR_BEFORE.search(text[floor:cue_start])  # a substring: ^ is the sentence's start
    if anaphor is not None and not re.match(r"[A-Z][\w-]*\s+[A-Z]", anaphor.group(1)):  # "Pelatih asal X itu"
        return antecedent(text, (floor + anaphor.start(1), floor + anaphor.end(1)), names, sentence_start, verb)
    run = _name_run_before(text, cue_start, floor)
    if run is None:
        described = _description_before(text, cue_start, floor) if verb.lower() in SAY_WORDS else None
        return None if described is None else names.described(*described)
    noun = noun_before(text, run[0], floor)
    who = names.named(*run, after_noun=noun is not None)
    if who is None and noun is not None:
        return names.described(noun, run[1])
    return who


def _clitic(text: str, cue: re.Match, names: Discourse, sentence_start: int) -> Who | None:
    """The speaker of a clitic cue ("ujarnya", "Menurutnya"): -nya, the person speaking."""
    return names.referent(cue.start(), cue.span(2), sentence_start, cue.group(1))


def say_after_speaker(text: str, cue: re.Match, end: int, names: Discourse, sentence_start: int) -> Who | None:
    """The speaker of "..., kata X" / "..., ujarnya" / "..., kata dia"."""
    if cue.group(2):
        return _clitic(text, cue, names, sentence_start)
    return named_after(text, cue.end(), end, names, sentence_start, cue.group(1))


def cue_span(cue: re.Match) -> tuple[int, int]:
    """The cue of "kata X" is "kata"; of "katanya", "kata" too: -nya is the speaker mention."""
    return cue.span(1)


def phrase_speaker(text: str, at: int, end: int, names: Discourse, sentence_start: int) -> Who | None:
    """The speaker named from ``at`` to the sentence's end: a name, or a few lowercase words
    ("lembaga itu")."""
    who = named_after(text, at, end, names, sentence_start)
    if who is not None:
        return who
    words = [w for w in WORD.finditer(text, at, end)]
    if not 0 < len(words) <= 5:
        return None
    return names.described(words[0].start(), trim(text, words[0].start(), words[-1].end())[1])
