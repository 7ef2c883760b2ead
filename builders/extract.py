"""Extraction models: three rule-based baselines, and any ``module:function`` a user plugs in.

A model is a callable ``text -> list of statements``; a statement is a dict as in
``schema/prediction.schema.json``: ``quote`` ``{start, end}``, and optionally ``speaker``
``{name, wikidata_id}``, ``cue`` ``{start, end}`` and ``kind``. Offsets are Python ``str``
indices into the text.

The baselines know Indonesian news style, not the corpus; each extends the one before:

- ``sentences``: every body sentence is an unattributed claim (the floor);
- ``quotes``: words inside quotation marks (three words or more) are direct quotes, with the
  nearest cue and its speaker; other sentences stay unattributed claims;
- ``rules``: direct quotes and reported speech by the cues of Indonesian news writing, with
  speakers resolved through pronouns, clitics and short names (see :func:`rules`).

Body sentences are those outside boilerplate as the generic parser marks it
(headline, "Baca juga:", credits), and outside short lines that read as headings. The
rules were developed on the team's own texts in tests/fixtures/dev/, never on the seed
articles, which are the test split; a test checks that this module holds no phrase of
them.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import os
import re
import sys
from collections import Counter
from typing import Any, Callable

from .parsers.base import Line, trimmed
from .parsers.furniture import dateline_at
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
BETWEEN = {"juga", "pun", "kembali", "telah", "sudah", "lalu", "kemudian", "sempat", "secara", "tegas", "terpisah",
           "bahkan", "justru", "pernah", "lebih", "dulu", "sebelumnya"}
MIN_QUOTE_WORDS = 3

_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|bin|binti|al|van|von|de|dr\.|drg\.|ir\.))*")
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
    boilerplate = parse_generic(text).boilerplate
    out = []
    line = None  # the line of the sentence: its text's bounds, and whether it reads as a heading to skip
    for start, end in _whole_sentences(text):
        # A dateline opens the first sentence of the body and a sign-off closes the last: cut them off.
        for b in boilerplate:
            if b.start <= start < b.end < end:
                start = b.end
            elif start < b.start < end <= b.end:
                end = b.start
        if any(start < b.end and b.start < end for b in boilerplate):
            continue
        if line is None or start > line.end:  # each line is looked at once, however many sentences it has
            line = _line_of(text, start)
            first, last, _ = trimmed(line)
            skipped = is_heading(line.text) and not (keep_line and keep_line(line.text))
        if skipped and start <= first and last <= end:  # the sentence is the whole line
            continue
        if start == first:
            start = _dateline_end(text, start, end)
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
    """The name run that starts within four words after ``at`` (it may run on past them)."""
    window_end = at
    for count, m in enumerate(_WORD.finditer(text, at, ceiling)):
        window_end = m.end()
        if count == 3:
            break
    m = _NAME_RUN.search(text, at, ceiling)
    if m is None or m.start() >= window_end:
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
    """The index of the span (sorted, not overlapping) that holds ``offset``: a bisection, not a scan."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i if i >= 0 and spans[i][0] <= offset <= spans[i][1] else None


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


# --- rules: Indonesian news style -------------------------------------------------------------------
#
# The rules below were written against the team's development texts (tests/fixtures/dev/), never
# against the seed articles, which are the test split.

# Verbs of saying (and of stance) that stand between a speaker and what was said: "X menegaskan ...".
SAY_BEFORE = ("mengatakan", "menyatakan", "menyampaikan", "menegaskan", "menekankan", "mengungkapkan",
              "menjelaskan", "menambahkan", "menyebutkan", "menyebut", "menuturkan", "mengaku", "mengakui",
              "menilai", "berpendapat", "meminta", "mendesak", "memperingatkan", "mengingatkan", "mengumumkan",
              "memastikan", "mengklaim", "membantah", "menampik", "memperkirakan", "memprediksi", "mengimbau",
              "menginformasikan", "mengemukakan", "menyerukan", "menuding", "menuduh", "mengusulkan",
              "menyarankan", "mengeluhkan", "mengkritik", "berjanji", "menjanjikan", "berharap", "optimistis",
              "optimis", "yakin", "meyakini", "khawatir", "menganggap", "memaparkan", "menerangkan", "berkata",
              "mengucapkan", "menyebutkan", "menggarisbawahi", "mencatat", "melaporkan", "menargetkan",
              "menyerukan", "mengonfirmasi", "membenarkan", "menyayangkan", "menyesalkan", "mengapresiasi")
# Words that follow what was said, with the speaker after them: "..., kata X."
SAY_AFTER = ("kata", "ujar", "ucap", "ungkap", "tegas", "jelas", "tutur", "sebut", "imbuh", "tambah", "lanjut",
             "sambung", "tukas", "timpal", "urai", "beber", "akui", "klaim", "pinta", "sergah", "bilang",
             "papar", "terang", "pungkas", "tandas", "kilah", "seru", "tulis")
# Passive cues before the content, with the speaker after them: "Dikatakan X, ..."
SAY_PASSIVE = ("dikatakan", "ditambahkan", "dijelaskan", "disebutkan", "ditegaskan", "diungkapkan",
               "disampaikan", "dituturkan", "dipaparkan", "diterangkan")
PRONOUNS = {"dia", "ia", "beliau"}
# Words of an office, rank, body or place type, dropped from the front of a speaker's name
# ("Kepala Dinas Perhubungan Kota X Budi" -> "Budi").
ROLE_WORDS = {
    "presiden", "wakil", "menteri", "perdana", "juru", "bicara", "jubir", "kepala", "ketua", "gubernur",
    "bupati", "wali", "walikota", "direktur", "utama", "sekretaris", "jenderal", "sekjen", "raja", "ratu",
    "pangeran", "duta", "besar", "dubes", "kanselir", "pemimpin", "anggota", "kementerian", "kemenkeu", "dinas",
    "badan", "lembaga", "komisi", "kota", "kabupaten", "provinsi", "ri", "dpr", "dprd", "mpr", "polri", "polda",
    "polres", "polsek", "kapolri", "kapolda", "kapolres", "kapolsek", "kasat", "kasatreskrim", "reskrim",
    "kabid", "humas", "kabag", "kasubdit", "dirut", "ceo", "pelatih", "kapten", "pengamat", "peneliti",
    "ekonom", "analis", "asosiasi", "serikat", "pekerja", "universitas", "partai", "pelaksana", "koordinator",
    "camat", "lurah", "kades", "kepala", "desa", "warga", "seorang", "tni", "akp", "akbp", "kompol", "kombes",
    "brigjen", "irjen", "komjen", "jenderal", "letjen", "mayjen", "kolonel", "mayor", "kapten", "iptu", "ipda",
    "aiptu", "bripka", "laksamana", "marsekal", "dr", "dr.", "prof", "prof.", "h.", "hj.", "ir.", "drs.", "kh",
    "k.h.", "pdt.", "ustaz", "bapak", "ibu", "sdr", "tuan", "nyonya", "mantan", "calon", "plt", "plh", "pj",
    "kemenlu", "kemlu", "kejaksaan", "pengadilan", "mahkamah", "bank", "pt", "tim", "klub", "federasi",
    "organisasi", "perhimpunan", "ikatan", "persatuan", "dewan", "majelis", "fraksi", "rektor", "dekan",
    "dosen", "direktorat", "deputi", "staf", "khusus", "ahli", "tenaga", "penasihat", "kuasa", "hukum",
    "pengacara", "kasubag", "kabiro", "biro", "sekretariat", "pusat", "daerah", "nasional",
}
# The first word of the name of a body ("Kementerian Luar Negeri"): the whole run is the speaker.
ORGANISATION_HEADS = {"kementerian", "badan", "dinas", "komisi", "pemerintah", "pemkot", "pemkab", "pemprov",
                      "partai", "kantor", "lembaga", "dewan", "majelis", "mahkamah", "kejaksaan", "pengadilan",
                      "universitas", "asosiasi", "serikat", "bank", "pt", "polres", "polda", "polri", "polsek",
                      "kepolisian", "kedutaan", "kbri", "kemlu", "kemenlu", "istana", "parlemen", "tentara",
                      "militer", "perusahaan", "yayasan", "organisasi", "federasi", "otoritas", "direktorat",
                      "sekretariat", "biro", "satgas", "tim", "panitia"}
# Words right before a person's name: ranks, titles, "RI" after a ministry.
NAME_MARKERS = {"ri", "dr", "dr.", "drg.", "prof", "prof.", "h.", "hj.", "ir.", "drs.", "kh", "k.h.", "ustaz", "pdt.",
                "bapak", "ibu", "tuan", "nyonya", "sdr", "akp", "akbp", "kompol", "kombes", "brigjen", "irjen",
                "komjen", "letjen", "mayjen", "kolonel", "mayor", "iptu", "ipda", "aiptu", "bripka", "laksamana",
                "marsekal", "jenderal"}
# Offices followed by the place they govern, then the name: "Gubernur Daerah Nama Keluarga".
PLACE_TITLES = {"presiden", "gubernur", "bupati", "raja", "ratu", "kanselir", "wali"}
# Words that open a sentence before a name ("Namun Budi mengatakan ..."): not part of it.
SENTENCE_OPENERS = {"namun", "sebelumnya", "kemudian", "sementara", "selain", "lalu", "bahkan", "adapun",
                    "sedangkan", "kini", "kemarin", "saat", "ketika", "setelah", "usai", "seusai", "dalam", "di",
                    "pada", "selanjutnya", "akhirnya", "tetapi", "tapi", "dan", "sehingga", "karena", "meski",
                    "walau", "jadi", "maka", "oleh", "terpisah", "sebaliknya", "senada"}
MAX_NAME_WORDS = 3  # a person's name taken from a longer run of capitalised words
_SOURCE_TAIL = re.compile(r",?\s+(?:seperti|sebagaimana)\s+(?:dikutip|dilansir|diberitakan)\b|,\s+(?:dikutip|dilansir)\s",
                          re.IGNORECASE)
_SAY_BEFORE = _cue_pattern(SAY_BEFORE)
_SAY_AFTER = re.compile(r"(?:,\s*[\"“”']?|[\"“”']\s*)\s*(" + "|".join(SAY_AFTER) + r")(nya)?(?![\w])")
_SAY_AFTER_QUOTE = re.compile(r"[\"”'’]?\s*,?\s*(" + "|".join(SAY_AFTER) + r")(nya)?(?![\w])")
_SAY_PASSIVE = re.compile(r"^(" + "|".join(SAY_PASSIVE) + r")(nya)?\b\s*", re.IGNORECASE)
_ACCORDING_TO = re.compile(r"(?<![\w])(menurut)(nya)?(?![\w])", re.IGNORECASE)
_ACCORDING_AFTER = re.compile(r",\s+(menurut)\s+(?=\S)", re.IGNORECASE)
_STATEMENT_BY = re.compile(r",\s*(bunyi pernyataan|dalam pernyataan|demikian pernyataan)\b", re.IGNORECASE)
_NEXT_SENTENCE_CUE = re.compile(r"(?:hal itu|hal tersebut|hal ini|demikian|begitu|pernyataan itu|"
                                r"pernyataan tersebut|itulah|kata-kata itu)\s+(?:(di\w+)|(kata|ujar|ucap|tegas)\w*)\b",
                                re.IGNORECASE)
_JOINED_CUE = re.compile(r"\s*(?:,\s*)?(?:serta|dan|sambil|seraya|sekaligus|juga)\s+(?:juga\s+)?(" +
                         "|".join(SAY_BEFORE) + r")(?![\w])")
_HEADLINE_CLAIM = re.compile(r"^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s+(\S.*)$")
_NOT_SPEAKERS = {"foto", "sumber", "editor", "penulis", "pewarta", "reporter", "baca", "lihat", "oleh",
                 "catatan", "keterangan", "ilustrasi", "video", "update", "tag", "tags", "kategori", "simak",
                 "jakarta", "waktu", "tempat", "hari", "tanggal", "lokasi", "laporan", "penyunting", "fotografer",
                 "kontributor", "wartawan", "redaksi", "narasumber", "pukul", "catatan", "pengumuman", "info"}


def _is_headline_claim(line: str) -> bool:
    """A line "X: claim" (a headline in the body): a short name, then at least three words, no bar."""
    m = _HEADLINE_CLAIM.match(line.strip())
    return (m is not None and m.group(1).split()[0].lower() not in _NOT_SPEAKERS and "|" not in line
            and len(m.group(2).split()) >= 3)


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


def _tokens(run: str) -> list[str]:
    return run.replace(",", " ").split()


def person_name(run: str, text: str = "") -> str:
    """The name in a run of capitalised words, without offices, ranks and places before it.

    "Juru bicara Kementerian X, Nama" gives "Nama"; "Menteri X RI Nama" gives "Nama";
    "Presiden Negara Nama Keluarga" gives "Nama Keluarga". A name is at most three words: three
    where something marks where it starts (a comma, a rank or title such as ``dr.`` or ``RI``)
    or the text uses its first two words again, else two. A run of office words only (a body
    such as "Kementerian X") is the speaker as it stands. ``text``, where given, helps to tell
    a place before a name from the name (a pair of words used again, a short name used alone).
    """
    marked = False
    if "," in run:  # apposition: "Kepala X, Nama": the name is the last part
        parts = [p.strip() for p in run.split(",") if p.strip()]
        run, marked = (parts[-1], True) if parts else (run, False)
    words = _tokens(run)
    while len(words) > 1 and words[0].lower() in SENTENCE_OPENERS:
        words = words[1:]
    if not words or words[0].lower() in ORGANISATION_HEADS:
        return " ".join(words)  # a body: "Kementerian X", "Badan Y"
    roles = [i for i, w in enumerate(words) if w.lower() in ROLE_WORDS]
    last_role = max(roles, default=-1)
    if last_role == len(words) - 1:
        return " ".join(words)  # an office without a name
    rest = words[last_role + 1:]
    if last_role >= 0 and words[last_role].lower() in NAME_MARKERS:
        marked = True
    elif last_role >= 0 and words[last_role].lower() in PLACE_TITLES and len(rest) > 2:
        rest = rest[1:]  # "Presiden Negara Nama Keluarga", "Bupati Daerah Nama Keluarga"
    limit = MAX_NAME_WORDS if marked or last_role < 0 or (
        len(rest) >= 3 and _used_again(text, rest[-3], rest[-2])) else 2
    name = [rest[-1]]
    for i in range(len(rest) - 2, -1, -1):  # back from the last word, while the words are the name's
        if len(name) == limit or (text and not marked and _place_word(text, rest, i)):
            break
        name.insert(0, rest[i])
    return " ".join(name)


@functools.lru_cache(maxsize=4)
def _word_counts(text: str) -> tuple[Counter, Counter]:
    """How often each word, and each pair of words with one space between, occurs in ``text``."""
    words = [(m.start(), m.end(), m.group().rstrip(".,")) for m in re.finditer(r"[\w'’.,-]+", text)]
    pairs = Counter((a[2], b[2]) for a, b in zip(words, words[1:]) if b[0] == a[1] + 1 and text[a[1]] == " ")
    return Counter(w for _, _, w in words), pairs


def _used_again(text: str, first: str, second: str) -> bool:
    return bool(text) and _word_counts(text)[1][(first.rstrip(".,"), second.rstrip(".,"))] > 1


def _place_word(text: str, words: list[str], i: int) -> bool:
    """Whether ``words[i]`` belongs to what stands before a name rather than to the name: it ends a
    pair of words that the text uses again ("Kota X" elsewhere), or the next word is used alone as
    the person's short name ("X Budi Santoso" ... "kata Budi")."""
    if i > 0 and _used_again(text, words[i - 1], words[i]):
        return True
    if i + 1 < len(words) - 1:
        single, pairs = _word_counts(text)
        short = words[i + 1].rstrip(".,")
        return single[short] > pairs[(words[i].rstrip(".,"), short)]
    return False


class _Speakers:
    """The people and bodies named so far, for clitic cues, pronouns and short names ("Budi" -> "Budi Santoso")."""

    RECENT = 50  # names looked back over: enough for an article, bounded for a long text

    def __init__(self, text: str):
        self.text = text
        self.seen: list[tuple[int, str]] = []  # (offset, full name)

    def name(self, run: str, at: int) -> str:
        name = person_name(run, self.text)
        words = name.split()
        for _, full in reversed(self.seen[-self.RECENT:]):  # a short mention of someone named before
            full_words = full.split()
            if len(words) < len(full_words) and any(full_words[i:i + len(words)] == words
                                                    for i in range(len(full_words) - len(words) + 1)):
                name = full
                break
        self.seen.append((at, name))
        return name

    def nearest(self, at: int) -> str | None:
        """The person named last before ``at`` (a clitic cue, a pronoun); a body if no person was named."""
        body = None
        for offset, name in reversed(self.seen[-self.RECENT:]):
            if offset >= at:
                continue
            if name.split()[0].lower() not in ROLE_WORDS and name.split()[0].lower() not in ORGANISATION_HEADS:
                return name
            body = body or name
        return body

    def remember(self, run: str, at: int) -> None:
        """A name seen in passing ("Presiden X tiba di ..."), for a pronoun that follows."""
        self.seen.append((at, person_name(run, self.text)))


_ADJUNCT_BEFORE_CUE = re.compile(r"(?:,\s*yang\s[^,]{1,80}|,?\s*(?:pada\s+)?(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|"
                                 r"Minggu)(?:\s*\([^)]{0,20}\))?),\s*$")


def _name_run_before(text: str, end: int, floor: int) -> tuple[int, int] | None:
    """The capitalised run (with a comma apposition) that ends just before ``end``, over small words,
    a weekday ("X, Senin (3/2), mengatakan") or a relative clause ("X, yang juga ..., mengatakan")."""
    adjunct = _ADJUNCT_BEFORE_CUE.search(text, floor, end)
    if adjunct is not None and adjunct.start() > floor:
        end = adjunct.start()
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, floor, end)]
    while words and text[words[-1][0]:words[-1][1]].strip(",").lower() in BETWEEN:
        words.pop()
    if not words:
        return None
    stop = words[-1][1]
    while stop > floor and text[stop - 1] in ",":
        stop -= 1
    runs = [m for m in _NAME_RUN.finditer(text, floor, stop) if m.end() == stop]
    if not runs:
        return None
    start = runs[-1].start()
    # "Kepala Dinas X, Nama," : take the office before the comma too, so that the name is found in it
    if text[start - 2:start] == ", ":
        before = [m for m in _NAME_RUN.finditer(text, floor, start - 2) if m.end() == start - 2]
        if before:
            start = before[-1].start()
    return start, stop


def _pronoun_before(text: str, end: int, floor: int) -> bool:
    words = [m.group().lower().strip(",") for m in _WORD.finditer(text, floor, end)]
    while words and words[-1] in BETWEEN:
        words.pop()
    return bool(words) and words[-1] in PRONOUNS


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """What was said, from ``start``: after "bahwa" or an opening adjunct, before a source tail."""
    lead = re.match(r"[\s,:]*(?:bahwa\s+)?", text[start:end])
    start += lead.end() if lead else 0
    window = text[start:end]
    that = re.search(r"\bbahwa\s+", window[:120])
    if that and len(window[:that.start()].split()) <= 12:
        start += that.end()
    elif re.match(r"(?:kepada|dalam|di|saat|ketika|usai|seusai|pada)\b", window):
        comma = window.find(", ")
        if 0 < comma and len(window[:comma].split()) <= 12:
            start += comma + 2
    tail = _SOURCE_TAIL.search(text, start, end)
    if tail:
        end = tail.start()
    return _trim(text, start, end)


def _say_after_speaker(text: str, cue: re.Match, end: int, names: _Speakers) -> str | None:
    """The speaker of "..., kata X" / "..., ujarnya" / "..., kata dia"."""
    if cue.group(2):  # a clitic: the person named last
        return names.nearest(cue.start())
    after = text[cue.end():end]
    pronoun = re.match(r"\s+(dia|ia|beliau)\b", after, re.IGNORECASE)
    if pronoun:
        return names.nearest(cue.start())
    run = _speaker_after(text, cue.end(), end)
    if run is None:
        return None
    return names.name(text[run[0]:run[1]], run[0])


def _reported_speech(text: str, start: int, end: int, names: _Speakers) -> list[dict]:
    """Statements of reported speech in the sentence [start, end), by the cues; [] if there is none."""
    sentence = text[start:end]
    # Menurut X, ... / Menurutnya, ...
    m = _ACCORDING_TO.match(sentence)
    if m is not None:
        comma = text.find(",", start + m.end(), end)
        if comma != -1:
            if m.group(2) or re.fullmatch(r"\s*(dia|ia|beliau)\s*", text[start + m.end():comma], re.IGNORECASE):
                speaker = names.nearest(start)
            else:
                s, e = _trim(text, start + m.end(), comma)
                run = _NAME_RUN.search(text, s, e)  # "Menurut data Badan X": the name in the description
                if run is not None and run.end() == e:
                    s = run.start()
                speaker = names.name(text[s:e], s) if s < e else None
            content = _content(text, comma + 1, end)
            if speaker and content[0] < content[1]:
                return [_named(content, "indirect_quote", (start + m.start(1), start + m.end()), speaker)]
    # Dikatakan X, ... / Dikatakannya, ...
    m = _SAY_PASSIVE.match(sentence)
    if m is not None:
        comma = text.find(",", start + m.end(), end)
        if comma != -1:
            if m.group(2):
                speaker = names.nearest(start)
            else:
                s, e = _trim(text, start + m.end(), comma)
                speaker = names.name(text[s:e], s) if s < e and text[s].isupper() else None
            content = _content(text, comma + 1, end)
            if speaker and content[0] < content[1]:
                return [_named(content, "indirect_quote", (start, start + m.end(1)), speaker)]
    # X mengatakan ... [serta menegaskan ...]
    for cue in _SAY_BEFORE.finditer(text, start, end):
        if cue.group(1)[0].isupper():
            continue
        run = _name_run_before(text, cue.start(), start)
        if _pronoun_before(text, cue.start(), start):
            speaker = names.nearest(cue.start())
        elif run is not None:
            speaker = names.name(text[run[0]:run[1]], run[0])
        else:
            continue
        if speaker is None:
            continue
        out = []
        cues = [(cue.start(), cue.end())]
        for joined in _JOINED_CUE.finditer(text, cue.end(), end):
            cues.append((joined.start(1), joined.end(1)))
        for i, (cs, ce) in enumerate(cues):
            stop = end
            if i + 1 < len(cues):
                joined = _JOINED_CUE.search(text, ce, end)
                stop = joined.start() if joined else end
            trailing = _SAY_AFTER.search(text, ce, stop)
            if trailing is not None and trailing.start() > ce:
                stop = trailing.start()
            content = _content(text, ce, stop)
            if content[0] < content[1]:
                out.append(_named(content, "indirect_quote", (cs, ce), speaker))
        if out:
            return out
    # ..., menurut X.
    m = _ACCORDING_AFTER.search(text, start, end)
    if m is not None:
        content = _trim(text, start, m.start())
        speaker = _phrase_speaker(text, m.end(), end, names)
        if speaker and content[0] < content[1]:
            return [_named(content, "indirect_quote", m.span(1), speaker)]
    # ..., kata X.  /  ..., ujarnya.  /  X, katanya, ...
    for cue in _SAY_AFTER.finditer(text, start, end):
        content = _trim(text, start, cue.start())
        inserted = re.match(r"\s*,\s*", text[cue.end():end]) if cue.group(2) else None
        if inserted is not None:  # "Izin itu, katanya, diterbitkan ...": the longer side is what was said
            after = _trim(text, cue.end() + inserted.end(), end)
            if after[1] - after[0] > content[1] - content[0]:
                content = after
        if content[0] >= content[1]:
            continue
        speaker = _say_after_speaker(text, cue, end, names)
        if speaker:
            return [_named(content, "indirect_quote", (cue.start(1), cue.end(2) if cue.group(2) else cue.end(1)),
                           speaker)]
    # ..., bunyi pernyataan X.
    m = _STATEMENT_BY.search(text, start, end)
    if m is not None:
        content = _trim(text, start, m.start())
        run = _speaker_after(text, m.end(), end)
        if run is None:  # a statement by a body named in lowercase words: the words that follow
            words = text[m.end():end].split()
            words = words[1:] if words and words[0].lower() == "resmi" else words
            phrase = " ".join(words[:5]).strip(" .,")
            run = (m.end(), m.end()) if phrase else None
            speaker = phrase or None
        else:
            speaker = names.name(text[run[0]:run[1]], run[0])
        if speaker and content[0] < content[1]:
            return [_named(content, "indirect_quote", (m.start(1), m.end(1)), speaker)]
    # A line "X: claim" (a headline or a lead in that form)
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == start:
        m = _HEADLINE_CLAIM.match(sentence)
        if m is not None and _is_headline_claim(sentence):
            content = _trim(text, start + m.start(2), end)
            if content[0] < content[1]:
                return [_named(content, "indirect_quote", None, names.name(m.group(1), start))]
    return []


def _phrase_speaker(text: str, at: int, end: int, names: "_Speakers") -> str | None:
    """The speaker named from ``at`` to the sentence's end: a name, or a few lowercase words
    ("lembaga itu")."""
    run = _speaker_after(text, at, end)
    if run is not None:
        return names.name(text[run[0]:run[1]], run[0])
    words = text[at:end].split()
    phrase = " ".join(words[:5]).strip(" .,")
    return phrase if 0 < len(words) <= 5 else None


def _named(quote: tuple[int, int], kind: str, cue: tuple[int, int] | None, speaker: str) -> dict:
    out: dict[str, Any] = {"quote": _span(*quote), "kind": kind, "speaker": {"name": speaker}}
    if cue is not None:
        out["cue"] = _span(*cue)
    return out


def _quote_speaker(text: str, region: tuple[int, int], sentence: tuple[int, int], next_sentence: tuple[int, int] | None,
                   names: _Speakers) -> tuple[str | None, tuple[int, int] | None, bool]:
    """The speaker and cue of a direct quote, and whether the next sentence was its attribution."""
    start, end = region
    close = end + 1 if end < len(text) and text[end] in "\"”'" else end
    s_start, s_end = sentence
    # after the quote: '," kata X' / '," ujarnya' / '," kata dia'
    after = _SAY_AFTER_QUOTE.match(text, end)
    if after is not None:
        speaker = _say_after_speaker(text, after, max(s_end, after.end()) + 1, names)
        return speaker, (after.start(1), after.end(2) if after.group(2) else after.end(1)), False
    verb = _SAY_BEFORE.match(text, min(close + 1, len(text))) if close < len(text) else None
    if verb is None:
        m = re.match(r"[,.]?[\"”']?\s*", text[end:])
        verb = _SAY_BEFORE.match(text, end + m.end()) if m else None
    if verb is not None and not verb.group(1)[0].isupper():
        run = _speaker_after(text, verb.end(), s_end + 1)
        if run is not None:
            return names.name(text[run[0]:run[1]], run[0]), (verb.start(), verb.end()), False
    # before the quote in its sentence: 'X mengatakan, "..."' / 'X: "..."'
    opening = start - 1
    cue = None
    for cue in _SAY_BEFORE.finditer(text, s_start, opening):
        pass
    if cue is not None:
        run = _name_run_before(text, cue.start(), s_start)
        if _pronoun_before(text, cue.start(), s_start):
            return names.nearest(cue.start()), (cue.start(), cue.end()), False
        if run is not None:
            return names.name(text[run[0]:run[1]], run[0]), (cue.start(), cue.end()), False
    colon = re.search(r"([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)\s*:\s*$", text[s_start:opening])
    if colon is not None:
        return names.name(colon.group(1), s_start + colon.start(1)), None, False
    # the next sentence: '"..." Hal itu ditegaskan X.'
    if next_sentence is not None:
        n_start, n_end = next_sentence
        m = _NEXT_SENTENCE_CUE.match(text, n_start, n_end)
        if m is not None:
            cue_span = m.span(1) if m.group(1) else m.span(2)
            rest = re.match(r"\s+(?:oleh\s+)?", text[m.end():n_end])
            run = _speaker_after(text, m.end() + (rest.end() if rest else 0), n_end + 1)
            if run is not None:
                return names.name(text[run[0]:run[1]], run[0]), cue_span, True
            if re.match(r"\s+(?:oleh\s+)?(dia|ia|beliau)\b", text[m.end():n_end], re.IGNORECASE):
                return names.nearest(n_start), cue_span, True
    return None, None, False


def rules(text: str) -> list[dict]:
    """Direct quotes with their speakers, Indonesian reported speech by its cues, the rest unattributed.

    - a direct quote takes the cue and speaker after it (``," kata X``, ``," ujarnya``), before
      it (``X mengatakan, "...``), or in the next sentence (``"..." Hal itu ditegaskan X.``); a
      quotation that runs over several paragraphs takes the speaker of its last part;
    - reported speech: ``X mengatakan ...`` (several cues joined by ``serta``/``dan`` give several
      statements), ``..., kata X``, ``Menurut X, ...``, ``Dikatakan X, ...``, and a line
      ``X: claim``;
    - clitic cues (``katanya``, ``ujarnya``, ``Menurutnya`` ...) and the pronouns ``dia``, ``ia`` and
      ``beliau`` take the person named last; a short name takes the full name given before;
    - offices, ranks and places before a name are dropped (:func:`person_name`).
    """
    names = _Speakers(text)
    body = body_sentences(text, keep_line=_is_headline_claim)  # datelines and furniture left out
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
        s, e = _trim(text, start, end)
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
            speaker, cue, next_used = _quote_speaker(text, (start, end), (body[i][0], body[last][1]),
                                                     next_sentence, names)
            left_open = end >= len(text) or text[end] in "\r\n"
            if speaker is None and left_open:
                pending.append((s, e))
                continue
            if speaker is None:  # no cue: a quotation goes on from the person named last
                speaker = names.nearest(s)
            if next_used:
                taken.add(last + 1)
            for ps, pe in pending + [(s, e)]:
                statement: dict[str, Any] = {"quote": _span(ps, pe), "kind": "direct_quote"}
                if speaker:
                    statement["speaker"] = {"name": speaker}
                if cue and (ps, pe) == (s, e):
                    statement["cue"] = _span(*cue)
                found.append((i, statement))
            pending = []
            continue
        if index in taken:
            continue
        s, e = body[index]
        statements = _reported_speech(text, s, e, names)
        if statements:
            found += [(index, st) for st in statements]
        else:
            for run in _NAME_RUN.finditer(text, s, e):
                if len(run.group().split()) >= 2 and run.start() > s:
                    names.remember(run.group(), run.start())
            found.append((index, {"quote": _span(s, e), "kind": "unattributed_claim"}))
    for ps, pe in pending:
        found.append((0, {"quote": _span(ps, pe), "kind": "direct_quote"}))
    return sorted((st for _, st in found), key=lambda st: (st["quote"]["start"], st["quote"]["end"]))


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
