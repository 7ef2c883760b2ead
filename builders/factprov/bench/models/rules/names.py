"""A speaker's name in a run of capitalised words, for the ``rules`` baseline: the words of an
office, a seat of government, a place, a day or a date around it are dropped, and a word glued
onto it by a missing space is cut off.

The words that tell a name from what stands around it are data, in ``names.yaml``. Where the
words alone cannot tell, the text is asked: a word that the text also uses apart from the name
(a seat of government in "Juru bicara Seat Nama Keluarga", said again later) is not part of it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

LEXICON_FILE = Path(__file__).with_name("names.yaml")
MAX_NAME_WORDS = 3  # a person's name taken from a longer run of capitalised words


@dataclass(frozen=True)
class Lexicon:
    time_words: frozenset[str]
    places: frozenset[str]
    offices: frozenset[str]
    glued_openers: frozenset[str]
    markers: frozenset[str]
    pronouns: frozenset[str]
    openers: frozenset[str]


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    return Lexicon(**{key: frozenset(_bare(str(w)) for w in data[key]) for key in Lexicon.__dataclass_fields__})


# The first word of the name of a body ("Kementerian Luar Negeri"): the whole run is the speaker.
ORGANISATION_HEADS = {"kementerian", "badan", "dinas", "komisi", "pemerintah", "pemkot", "pemkab", "pemprov",
                      "partai", "kantor", "lembaga", "dewan", "majelis", "mahkamah", "kejaksaan", "pengadilan",
                      "universitas", "asosiasi", "serikat", "bank", "pt", "polres", "polda", "polri", "polsek",
                      "kepolisian", "kedutaan", "kbri", "kemlu", "kemenlu", "istana", "parlemen", "tentara",
                      "militer", "perusahaan", "yayasan", "organisasi", "federasi", "otoritas", "direktorat",
                      "sekretariat", "biro", "satgas", "tim", "panitia", "gedung", "pentagon", "pusat",
                      "institut", "koalisi", "aliansi", "front", "gerakan", "kelompok", "persatuan", "perhimpunan"}

_WORD = re.compile(r"[^\s,]+")
_GLUE_CASE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # "NamaSebelumnya"
_GLUE_STOP = re.compile(r"(?<=[a-z]{2})[.!?](?=[A-Z])")  # "Nama.Sebelumnya"
_DATE = re.compile(r"^[(\d]")
_ACRONYM_DEGREE = re.compile(r"(?:MPH|MBA|MSc|PhD|MA|MM|MH|MT|SH|SE|ST|SS|SIP|MSi|MKes|MPd|SPd|SKM|MD)\.?,?")
_DEGREE = re.compile(r"(?:[A-Z][A-Za-z]{0,3}\.)+(?:[A-Z][A-Za-z]{0,3}\.?)?")  # "Sp.A", "S.H.", "M.Si", "Ph.D"


@dataclass(frozen=True)
class Name:
    """A name as the text gives it (``start``..``end``) and as a speaker (``name``): one space between words."""

    start: int
    end: int
    name: str
    body: bool  # an organisation, office or place rather than a person

    @property
    def words(self) -> list[str]:
        return self.name.split()


def _bare(word: str) -> str:
    """A word as the lexicon lists it: lowercase, without brackets, quotes or dots around it ("Ir." -> "ir")."""
    return word.strip(".,;:()\"'“”’").lower()


def is_place(word: str) -> bool:
    return _bare(word) in lexicon().places


def not_a_name_word(word: str) -> bool:
    """A word of an office, a place or a rank, an acronym ("RI", "PBB", "(APSSN)") or a word with a digit
    ("U-23"): not a word of a person's name."""
    bare = _bare(word)
    lex = lexicon()
    return (bare in lex.offices or bare in lex.places or bare in lex.markers or bare in ORGANISATION_HEADS
            or (len(bare) >= 2 and bare.isalpha() and word.strip("().,").isupper()) or any(c.isdigit() for c in word)
            or word.startswith("("))


def glue_end(text: str, start: int, end: int) -> int:
    """Where a name run [start, end) ends if a word is glued onto it: before "Sebelumnya" in
    "NamaSebelumnya", before ".Namun" in "Nama.Namun"."""
    for m in _GLUE_STOP.finditer(text, start, end):
        return m.start()
    if end - start > 2 and text[end - 1].isupper() and text[end - 2].islower():
        end -= 1  # "Nama KeluargaS": the first letter of a glued word that the sentence ends before
    for m in _GLUE_CASE.finditer(text, start, end):
        word_end = m.end()
        while word_end < end and text[word_end].isalpha():
            word_end += 1
        tail = text[m.end():word_end].lower()
        word_start = m.start()
        while word_start > start and text[word_start - 1].isalpha():
            word_start -= 1
        head = text[word_start:m.start()]
        if tail in lexicon().glued_openers or word_counts(text)[0][head] > 1:
            return m.start()
    return end


def _cut_at_time(words: list[re.Match]) -> list[re.Match]:
    """The words before the first day, month, time or date word ("Nama hari Minggu", "Nama Senin (12/5)")."""
    lex = lexicon()
    for i, w in enumerate(words):
        if i and (_bare(w.group()) in lex.time_words or _DATE.match(w.group())):
            return words[:i]
    return words


@functools.lru_cache(maxsize=4)
def word_counts(text: str) -> tuple[Counter, Counter]:
    """How often each word, and each pair of words with one space between, occurs in ``text``."""
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[\w'’-]+", text)]
    pairs = Counter((a[2], b[2]) for a, b in zip(words, words[1:]) if b[0] == a[1] + 1 and text[a[1]] == " ")
    return Counter(w for _, _, w in words), pairs


def _used_again(text: str, first: str, second: str) -> bool:
    return bool(text) and word_counts(text)[1][(first.rstrip(".,"), second.rstrip(".,"))] > 1


def _apart(text: str, words: list[str], i: int, floor: int = 0) -> bool:
    """Whether ``words[i]`` belongs to what stands before a name rather than to the name: it ends a
    pair of words that the text uses again ("Kota X" elsewhere), the text uses it apart from the
    next word ("Istana" alone elsewhere), or the next word is used alone as the person's short name
    ("X Budi Santoso" ... "kata Budi"). Only pairs from ``words[floor]`` on count: a title before
    the name ("Presiden Nama") is used again with it, as the name is."""
    if not text:
        return False
    single, pairs = word_counts(text)
    word, following = words[i].rstrip(".,"), words[i + 1].rstrip(".,")
    if i > floor and _used_again(text, words[i - 1], words[i]):
        return True
    if i + 1 < len(words) - 1:
        return single[following] > pairs[(word, following)]
    return False


def clean(text: str, start: int, end: int, after_noun: bool = False) -> Name | None:
    """The name in the run of words ``text[start:end]``, without what stands around it.

    - "Juru bicara Kementerian X, Nama": the name is after the last comma;
    - "Menteri X RI Nama", "Juru bicara Istana Nama Keluarga": offices, seats and places before
      a name are dropped;
    - "Nama hari Minggu", "Nama, Senin (12/5)": days and dates after it are dropped;
    - "NamaSebelumnya", "Nama.Namun": a glued word is cut off;
    - a run of office words only ("Kementerian X") is a body, the speaker as it stands;
    - ``after_noun``: the run follows a common noun ("seorang analis Arab"), so a run of place
      words only is an adjective, not a name, and ``None`` is returned.

    A person's name is at most three words: three where something marks where it starts (a comma,
    a rank or title such as ``dr.`` or ``RI``), where the run has no office word, or where the
    text uses its first two words again; else two.
    """
    end = glue_end(text, start, end)
    parts = [p for p in _comma_parts(text, start, end) if p]
    lex = lexicon()
    while len(parts) > 1 and (_bare(parts[-1][0].group()) in lex.time_words or _DATE.match(parts[-1][0].group())):
        parts.pop()  # "Nama, Senin" / "Nama, Minggu (4/5)"
    while len(parts) > 1 and len(parts[0]) == 1 and _bare(parts[0][0].group()) in lex.openers:
        parts.pop(0)  # "Sebelumnya, Nama": an opening word, not an apposition
    while len(parts) > 1 and all(_DEGREE.fullmatch(w.group().rstrip(",")) or _ACRONYM_DEGREE.fullmatch(w.group())
                                 for w in parts[-1]):
        parts.pop()  # "dr. Nama, Sp.A", "dr. Nama, MPH": a degree after the name
    if not parts:
        return None
    words = _cut_at_time(parts[-1])
    # "Kepala X, Nama Keluarga": an apposition marks where the name starts, unless the last part holds
    # an office itself ("Di Kabupaten X, Ketua Y Nama")
    marked = len(parts) > 1 and not any(not_a_name_word(w.group()) for w in words)
    while len(words) > 1 and _bare(words[0].group()) in lex.openers:
        words = words[1:]
    while words and not any(ch.isalnum() for ch in words[-1].group()):
        words = words[:-1]
    if not words:
        return None
    tokens = [w.group().rstrip(".,;:") or w.group() for w in words]
    if len(tokens) == 1 and re.fullmatch(r"[A-Z]{1,3}", tokens[0]) and \
            re.search(r"(?<![\w])" + tokens[0] + r"\s*\(\d{1,3}\)", text):
        return _name(text, words[0].start(), words[0].end(), body=False)  # "AS (34)": a person's initials
    if all(is_place(t) for t in tokens) and after_noun:
        return None  # "analis Arab": an adjective of the noun before it
    if len(tokens) == 1 and (_bare(tokens[0]) in lex.pronouns or _bare(tokens[0]) in lex.openers
                             or _bare(tokens[0]) in lex.glued_openers):
        return None  # "Ia", "Mereka", "Menurut": a pronoun or a word that opens a sentence, no name
    heads = _bare(tokens[0]) in ORGANISATION_HEADS
    lexical = [i for i, t in enumerate(tokens) if not_a_name_word(t)]
    last = max(lexical, default=-1)
    if last == len(tokens) - 1 or (heads and not _person_after_body(text, tokens, last, after_noun)):
        return _name(text, words[0].start(), words[-1].end(), body=True)  # "Kementerian X": a body
    rest = list(range(last + 1, len(tokens)))
    rank = _bare(tokens[last]) in lex.markers and not (
        _bare(tokens[last]) in lex.offices and last > 0 and _bare(tokens[last - 1]) in lex.offices)
    if last >= 0 and (rank or is_place(tokens[last]) or tokens[last][:1] == "("):
        marked = True  # "RI Nama", "Menteri Luar Negeri Zarovia Nama", "(APSSN) Nama": the name starts after it
        # (but "Sekretaris Jenderal X Nama": "Jenderal" is part of the office there, no rank)
    limit = MAX_NAME_WORDS if marked or (last < 0 and not after_noun) or (
        len(rest) >= 3 and _used_again(text, tokens[rest[-3]], tokens[rest[-2]])) else 2
    first = rest[-1]
    while first - 1 >= rest[0] and len(tokens) - first < limit:
        if text and not marked and _apart(text, tokens, first - 1, rest[0]):
            break
        first -= 1
    return _name(text, words[first].start(), words[-1].end(), body=False)


def _person_after_body(text: str, tokens: list[str], last: int, after_noun: bool) -> bool:
    """Whether a run that opens with a body's name ends in a person's ("Kementerian Luar Negeri Zarovia
    Nama Keluarga"): two words or more after the body's words, and a place or marker before them, a
    common noun before the run ("juru bicara Kementerian X Nama Keluarga"), or one of them used alone
    elsewhere in the text, as a person's short name is."""
    tail = len(tokens) - last - 1
    if last < 0 or tail < 1:
        return False
    if _bare(tokens[last]) in lexicon().markers:
        return True
    if tail < 2:
        return False
    if is_place(tokens[last]) or tokens[last][:1] == "(" or after_noun:
        return True
    if not text:
        return False
    single, pairs = word_counts(text)
    names = tokens[last + 1:]
    return any(single[w] > pairs[(names[i - 1], w)] if i else single[w] > pairs[(w, names[1])]
               for i, w in enumerate(names[-2:], start=len(names) - 2))


def _comma_parts(text: str, start: int, end: int) -> list[list[re.Match]]:
    parts: list[list[re.Match]] = [[]]
    at = start
    for m in _WORD.finditer(text, start, end):
        if "," in text[at:m.start()]:
            parts.append([])
        parts[-1].append(m)
        at = m.end()
    return parts


def _name(text: str, start: int, end: int, body: bool) -> Name:
    while end > start and text[end - 1] in ".,;:)\"'“”’":
        if text[end - 1] == "." and re.search(r"(?:^|\s)(?:[A-Z]|[A-Z][a-z]{0,2})\.$", text[start:end]):
            break  # an initial or a title: "Nama M." keeps its full stop
        end -= 1
    return Name(start, end, " ".join(text[start:end].split()), body)


def person_name(run: str, text: str = "") -> str:
    """The name in ``run`` (see :func:`clean`), as a string; ``text``, the article it stands in, helps."""
    at = text.find(run) if text else -1
    found = clean(text, at, at + len(run)) if at != -1 else clean(run, 0, len(run))
    return found.name if found is not None else run.strip()
