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
from typing import Any, Callable

from factprov.base.text import quoted_regions, sentence_spans
from factprov.bench.models.rules.discourse import Discourse, Who
from factprov.bench.models.rules.names import ORGANISATION_HEADS, lexicon, not_a_name_word, person_name  # noqa: F401  (person_name: the rules' name cleaning)
from factprov.build.parsers.base import Line, lines, trimmed
from factprov.build.parsers.furniture import dateline_at
from factprov.build.parsers.generic import parse_generic
from factprov.build.parsers.sectioned import is_heading

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
           "bahkan", "justru", "pernah", "lebih", "dulu", "sebelumnya", "sendiri", "pula", "hanya", "lantas",
           "akhirnya", "kini", "tetap", "masih", "langsung", "segera", "buru-buru", "sekadar", "berulang", "kali",
           "berkali-kali", "sering", "selalu"}
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
    boilerplate = sorted(parse_generic(text).boilerplate, key=lambda b: b.start)
    starts = [b.start for b in boilerplate]
    out = []
    line = None  # the line of the sentence: its text's bounds, and whether it reads as a heading to skip
    for start, end in _whole_sentences(text):
        # A dateline opens the first sentence of the body and a sign-off closes the last: cut them off.
        # Only the spans that reach into the sentence are looked at (found by bisection, not a scan).
        near = boilerplate[max(0, bisect.bisect_right(starts, start) - 1):bisect.bisect_left(starts, end)]
        for b in near:
            if b.start <= start < b.end < end:
                start = b.end
            elif start < b.start < end <= b.end:
                end = b.start
        if any(start < b.end and b.start < end for b in near):
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
    ceiling = min(ceiling, at + 200)
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
              "menyerukan", "mengonfirmasi", "membenarkan", "menyayangkan", "menyesalkan", "mengapresiasi",
              "mengecam", "mengutuk", "meragukan", "memuji", "mempertanyakan", "menyoroti", "mendorong",
              "bercerita", "berpesan", "berkisah", "bertutur")
# Verbs that report words, not a stance: a subject described in lowercase words before one of these is
# a speaker ("Seorang petani mengatakan ..."); before "berharap" or "mencatat" it may be anyone.
SAY_WORDS = {"mengatakan", "menyatakan", "menyampaikan", "menegaskan", "menjelaskan", "menambahkan", "menyebutkan",
             "menyebut", "menuturkan", "mengungkapkan", "berkata", "mengaku", "mengklaim", "membantah", "menilai",
             "memperingatkan", "mengumumkan", "mengeluhkan", "menuding", "menuduh"}
# Words that follow what was said, with the speaker after them: "..., kata X."
SAY_AFTER = ("kata", "ujar", "ucap", "ungkap", "tegas", "jelas", "tutur", "sebut", "imbuh", "tambah", "lanjut",
             "sambung", "tukas", "timpal", "urai", "beber", "akui", "klaim", "pinta", "sergah", "bilang",
             "papar", "terang", "pungkas", "tandas", "kilah", "seru", "tulis", "tanya")
# Passive cues before the content, with the speaker after them: "Dikatakan X, ..."
SAY_PASSIVE = ("dikatakan", "ditambahkan", "dijelaskan", "disebutkan", "ditegaskan", "diungkapkan",
               "disampaikan", "dituturkan", "dipaparkan", "diterangkan")
PRONOUNS = {"dia", "ia", "beliau"}
_SOURCE_TAIL = re.compile(r",?\s+(?:seperti|sebagaimana)\s+(?:dikutip|dilansir|diberitakan)\b|,\s+(?:dikutip|dilansir)\s",
                          re.IGNORECASE)
_SAY_BEFORE = _cue_pattern(SAY_BEFORE)
# A verb glued onto the name before it by a missing space: "Nama Wijoyomengatakan, ...".
_SAY_BEFORE_GLUED = re.compile(r"(?<=[a-z])(" + "|".join(sorted(SAY_BEFORE, key=len, reverse=True)) + r")(?![\w])")


def _say_before(text: str, start: int, end: int) -> list[re.Match]:
    """The verb cues of [start, end), in order: whole words, and verbs glued onto a capitalised word."""
    found = list(_SAY_BEFORE.finditer(text, start, end))
    for m in _SAY_BEFORE_GLUED.finditer(text, start, end):
        word_start = m.start()
        while word_start > start and text[word_start - 1].isalpha():
            word_start -= 1
        if text[word_start].isupper() and m.start() - word_start >= 3:
            found.append(m)
    return sorted(found, key=lambda m: m.start())
_SAY_AFTER = re.compile(r"(?:,\s*[\"“”']?|[\"“”']\s*)\s*(" + "|".join(SAY_AFTER) + r")(nya)?(?![\w])")
_SAY_AFTER_QUOTE = re.compile(r"[\"”'’]?\s*,?\s*(" + "|".join(SAY_AFTER) + r")(nya)?(?![\w])")
_SAY_PASSIVE = re.compile(r"^(" + "|".join(SAY_PASSIVE) + r")(nya)?\b\s*", re.IGNORECASE)
_ACCORDING_TO = re.compile(r"(?:(?:Namun|Tetapi|Akan tetapi|Sementara itu|Sebaliknya|Selain itu),\s+)?"
                           r"(?<![\w])(menurut)(nya)?(?![\w])", re.IGNORECASE)
_ACCORDING_AFTER = re.compile(r",\s+(menurut)\s+(?=\S)", re.IGNORECASE)
_STATEMENT_BY = re.compile(r",\s*(bunyi pernyataan|dalam pernyataan|demikian pernyataan)\b", re.IGNORECASE)
_NEXT_SENTENCE_CUE = re.compile(r"(?:hal (?:itu|tersebut|ini)|demikian|begitu|itulah|kata-kata itu|"
                                r"(?:pernyataan|pengakuan|keterangan|penjelasan|informasi|penegasan|ungkapan|imbauan|"
                                r"harapan|permintaan|tanggapan|jawaban|kabar|data) (?:itu|tersebut|ini))\s+"
                                r"(?:(di(?:sampaikan|ungkapkan|katakan|tegaskan|jelaskan|sebutkan|paparkan|tuturkan|"
                                r"utarakan|kemukakan)(?:nya)?)|(kata|ujar|ucap|tegas)\w*)\b", re.IGNORECASE)
_JOINED_CUE = re.compile(r"\s*(?:,\s*)?(?:serta|dan|sambil|seraya|sekaligus|tetapi|tapi|namun)\s+(?:juga\s+)?(" +
                         "|".join(SAY_BEFORE + ("menuntut",)) + r")(?![\w])")
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
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, floor, end)]
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
    adjunct = _OPENING_ADJUNCT.match(text, floor, end)
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


def _pronoun_before(text: str, end: int, floor: int) -> tuple[int, int] | None:
    """The pronoun subject ("Ia", "Dia", "Beliau") that stands just before ``end``, over small words."""
    floor = max(floor, end - LOOKBACK)
    words = [m for m in _WORD.finditer(text, floor, end)]
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


def _noun_before(text: str, start: int, floor: int) -> int | None:
    """Where a description of the speaker starts, if a common noun stands right before the name at
    ``start`` ("seorang analis Arab", "diplomat Eropa"): the offset of the description's first word."""
    words = [m for m in _WORD.finditer(text, max(floor, start - 60), start)]
    if words and words[-1].group().lower() in _QUANTIFIERS:
        return None
    if not words or not words[-1].group().isalpha() or not words[-1].group().islower() or \
            words[-1].group() in _NOT_NOUNS or len(words[-1].group()) < 3 or _SAY_BEFORE.fullmatch(words[-1].group()):
        return None
    first = len(words) - 1
    while first > 0 and words[first - 1].group().isalpha() and words[first - 1].group().islower() \
            and words[first - 1].group() not in _NOT_NOUNS and not _SAY_AFTER_WORD.fullmatch(words[first - 1].group()) \
            and len(words) - first < 3:
        first -= 1
    if first > 0 and words[first - 1].group().lower() in _QUANTIFIERS:
        first -= 1  # "seorang diplomat Eropa": the description as written
    return words[first].start()


_QUANTIFIERS = {"seorang", "sejumlah", "para", "beberapa", "sebagian", "salah"}


_SAY_AFTER_WORD = re.compile("(?:" + "|".join(SAY_AFTER) + ")(?:nya)?", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"\s+(dia|ia|beliau)\b", re.IGNORECASE)
# Before a verb cue, words that say nothing was said: it was not ("tidak merinci"), or it is yet to be
# ("akan mengumumkan", "dijadwalkan menyampaikan").
_NEGATED = re.compile(r"(?<![\w])(?:(?:tidak|tak|belum|enggan|menolak|ogah|urung)\s+(?:mau\s+|ingin\s+|bersedia\s+)?"
                      r"|(?:akan|bakal|hendak|berencana|dijadwalkan)\s+)(?:juga\s+)?$", re.IGNORECASE)


# A description that refers back to someone named before: "kata gelandang asal Brasil itu".
_ANAPHOR_AFTER = re.compile(r"\s+((?:sang\s+)?[a-z][\w-]*(?:\s+[\w-]+){0,4}?\s+(?:itu|tersebut))\b")
_ANAPHOR_BEFORE = re.compile(r"(?:^|,\s*)((?:[A-Z]?[a-z][\w-]*)(?:\s+[\w-]+){0,4}?\s+(?:itu|tersebut))"
                            r"(?:\s+(?:juga|pun|lalu|kemudian|pun))?\s*$")


# The first word of a document's name ("Surat Edaran Nomor 7", "Perjanjian Kota Contoh"), and its number.
DOCUMENT_HEADS = {"surat", "edaran", "peraturan", "perjanjian", "deklarasi", "laporan", "keputusan", "undang-undang",
                  "komunike", "resolusi", "maklumat", "instruksi", "pedoman", "nota"}
_DOCUMENT_NUMBER = re.compile(r"(?:\s+(?:(?:Nomor|No\.|Tahun)\s+)?\d[\w/.-]*)+")


ANTECEDENT_WINDOW = 3_000  # characters looked back over for what "pelatih itu" refers to (a few paragraphs)


def _anaphor(text: str, span: tuple[int, int], names: Discourse, sentence_start: int, verb: str) -> Who | None:
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
            run = _NAME_RUN.match(text, start)
            if run is None or " " not in run.group():
                continue
            number = _DOCUMENT_NUMBER.match(text, run.end())  # "Surat Edaran Nomor 7 Tahun 2025"
            end = _trim(text, run.start(), number.end())[1] if number else run.end()
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
            run = _NAME_RUN.match(text, m.end())
            if run is not None:
                who = names.named(*run.span())
                if who is not None and not who.body:
                    return Who(who.name, span, who.body)
    return names.referent(span[0], span, sentence_start, verb, person=True)


# A name after a comma, in apposition to an office before it ("Kepala Dinas X, dr. Nama Keluarga,").
_APPOSITION = re.compile(r",\s+(?:(?:dr|drg|prof|ir|drs|hj?|kh)\.?\s+)?([A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|bin|binti|al))*)",
                         re.IGNORECASE)


def _named_after(text: str, at: int, ceiling: int, names: Discourse, sentence_start: int,
                 verb: str = "") -> Who | None:
    """The speaker named after a cue: "kata X", "ujar Menteri X", "kata dia", "kata seorang analis Arab",
    "kata analis Arab, Nama Keluarga", "kata pelatih itu"."""
    pronoun = _PRONOUN_AFTER.match(text, at, ceiling)
    if pronoun is not None:
        return names.referent(at, pronoun.span(1), sentence_start, verb, person=True)
    anaphor = _ANAPHOR_AFTER.match(text, at, ceiling)
    if anaphor is not None:  # "tegas politikus Partai X itu"
        return _anaphor(text, anaphor.span(1), names, sentence_start, verb)
    run = _speaker_after(text, at, ceiling)
    if run is None:
        return None
    s, e = run
    apposition = _APPOSITION.match(text, e, ceiling)
    noun = _noun_before(text, s, at)
    if apposition is not None and (noun is not None or not_a_name_word(text[s:e].split()[0])):
        s, e = apposition.span(1)  # "kata analis Arab, Nama Keluarga": the name after the comma
        noun = None
    who = names.named(s, e, after_noun=noun is not None)
    if who is None and noun is not None:
        return names.described(noun, e)
    return who


def _named_before(text: str, cue_start: int, floor: int, names: Discourse, sentence_start: int,
                  verb: str = "") -> Who | None:
    """The speaker before a verb cue: "X mengatakan", "Ia menegaskan", "Kepala X, Nama, mengatakan"."""
    floor = max(floor, cue_start - LOOKBACK)
    pronoun = _pronoun_before(text, cue_start, floor)
    if pronoun is not None:
        return names.referent(cue_start, pronoun, sentence_start, verb, person=True)
    anaphor = _ANAPHOR_BEFORE.search(text[floor:cue_start])  # a substring: ^ is the sentence's start
    if anaphor is not None and not re.match(r"[A-Z][\w-]*\s+[A-Z]", anaphor.group(1)):  # "Pelatih asal X itu"
        return _anaphor(text, (floor + anaphor.start(1), floor + anaphor.end(1)), names, sentence_start, verb)
    run = _name_run_before(text, cue_start, floor)
    if run is None:
        described = _description_before(text, cue_start, floor) if verb.lower() in SAY_WORDS else None
        return None if described is None else names.described(*described)
    noun = _noun_before(text, run[0], floor)
    who = names.named(*run, after_noun=noun is not None)
    if who is None and noun is not None:
        return names.described(noun, run[1])
    return who


def _clitic(text: str, cue: re.Match, names: Discourse, sentence_start: int) -> Who | None:
    """The speaker of a clitic cue ("ujarnya", "Menurutnya"): -nya, the person speaking."""
    return names.referent(cue.start(), cue.span(2), sentence_start, cue.group(1))


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """What was said, from ``start``: after "bahwa" or an opening adjunct, before a source tail."""
    lead = re.match(r"[\s,:]*(bahwa\s+)?", text[start:end])
    start += lead.end() if lead else 0
    window = text[start:end]
    that = None if lead and lead.group(1) else re.search(r"\bbahwa\s+", window[:120])
    if that and _say_before(window, 0, that.start()):
        that = None  # "A mengatakan B menegaskan bahwa P": what A said is "B menegaskan bahwa P"
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


def _say_after_speaker(text: str, cue: re.Match, end: int, names: Discourse, sentence_start: int) -> Who | None:
    """The speaker of "..., kata X" / "..., ujarnya" / "..., kata dia"."""
    if cue.group(2):
        return _clitic(text, cue, names, sentence_start)
    return _named_after(text, cue.end(), end, names, sentence_start, cue.group(1))


def _cue_span(cue: re.Match) -> tuple[int, int]:
    """The cue of "kata X" is "kata"; of "katanya", "kata" too: -nya is the speaker mention."""
    return cue.span(1)


def _reported_speech(text: str, start: int, end: int, names: Discourse) -> list[dict]:
    """Statements of reported speech in the sentence [start, end), by the cues; [] if there is none."""
    sentence = text[start:end]
    # Menurut X, ... / Menurutnya, ...
    m = _ACCORDING_TO.match(sentence)
    if m is not None:
        comma = text.find(",", start + m.end(), end)
        if comma != -1:
            if m.group(2):
                speaker = names.referent(start, (start + m.start(2), start + m.end(2)), start, "menurut")
            elif (pronoun := re.fullmatch(r"\s*(dia|ia|beliau)\s*", text[start + m.end():comma], re.IGNORECASE)):
                at = start + m.end()
                speaker = names.referent(start, (at + pronoun.start(1), at + pronoun.end(1)), start, person=True)
            else:
                s, e = _trim(text, start + m.end(), comma)
                relative = re.search(r"\s+yang\s", text[s:e])
                if relative is not None:  # "Menurut seorang peneliti yang pernah ..., yang ..., isi"
                    e = s + relative.start()
                    while re.match(r",\s*yang\s", text[comma:end]) and text.find(",", comma + 1, end) != -1:
                        comma = text.find(",", comma + 1, end)
                run = _NAME_RUN.search(text, s, e)  # "Menurut data Badan X": the name in the description
                if run is not None and run.end() == e:
                    noun = _noun_before(text, run.start(), s)
                    speaker = names.named(run.start(), e, after_noun=noun is not None)
                    if speaker is None and noun is not None:
                        speaker = names.described(noun, e)
                elif s < e and re.search(r"\s(?:itu|tersebut)$", text[s:e]):  # "Menurut pelatih asal X itu, ..."
                    speaker = _anaphor(text, (s, e), names, start, "menurut")
                elif s < e and text[s].isupper():
                    speaker = names.named(s, e)
                else:  # "Menurut panitia, ...": a speaker described in lowercase words
                    speaker = names.described(s, e) if 0 < len(text[s:e].split()) <= 5 else None
            content = _content(text, comma + 1, end)
            if speaker and content[0] < content[1]:
                return [_named(content, "indirect_quote", (start + m.start(1), start + m.end(1)), speaker)]
    # Dikatakan X, ... / Dikatakannya, ...
    m = _SAY_PASSIVE.match(sentence)
    if m is not None:
        comma = text.find(",", start + m.end(), end)
        if comma != -1:
            if m.group(2):
                speaker = names.referent(start, (start + m.start(2), start + m.end(2)), start, m.group(1))
            else:
                s, e = _trim(text, start + m.end(), comma)
                speaker = names.named(s, e) if s < e and text[s].isupper() else None
            content = _content(text, comma + 1, end)
            if speaker and content[0] < content[1]:
                return [_named(content, "indirect_quote", (start, start + m.end(1)), speaker)]
    # X mengatakan ... [serta menegaskan ...]
    for cue in _say_before(text, start, end):
        if cue.group(1)[0].isupper() or _NEGATED.search(text, max(start, cue.start() - 30), cue.start()):
            continue  # "X tidak merinci ...", "X menolak mengatakan ...": no words of X are reported
        speaker = _named_before(text, cue.start(), start, names, start, cue.group(1))
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
            for part in _that_parts(text, *content):  # "X mengatakan bahwa A, dan bahwa B": two statements
                out.append(_named(part, "indirect_quote", (cs, ce), speaker if not out else
                                  Who(speaker.name, None, speaker.body)))
        _mention_names(text, cue.end(), end, names)
        if out:
            return out
    # ..., menurut X.
    m = _ACCORDING_AFTER.search(text, start, end)
    if m is not None:
        content = _trim(text, start, m.start())
        speaker = _phrase_speaker(text, m.end(), end, names, start)
        if speaker and content[0] < content[1]:
            return [_named(content, "indirect_quote", m.span(1), speaker)]
    # ..., kata X.  /  ..., ujarnya.  /  X, katanya, ...  /  X, kata Y, ...
    for cue in _SAY_AFTER.finditer(text, start, end):
        content = _trim(text, _after_connective(text, start, cue.start()), cue.start())
        speaker = _say_after_speaker(text, cue, end, names, start)
        if not speaker:
            continue
        rest_at = (speaker.mention[1] if speaker.mention and speaker.mention[0] >= cue.end() else cue.end())
        inserted = re.match(r"\s*,\s*", text[rest_at:end])
        if inserted is not None:  # "Izin itu, kata X, diterbitkan ...": the longer side is what was said
            after = _trim(text, rest_at + inserted.end(), end)
            if after[1] - after[0] > content[1] - content[0]:
                content = after
        if content[0] < content[1]:
            return [_named(content, "indirect_quote", _cue_span(cue), speaker)]
    # ..., bunyi pernyataan X.
    m = _STATEMENT_BY.search(text, start, end)
    if m is not None:
        content = _trim(text, start, m.start())
        speaker = _named_after(text, m.end(), end, names, start)
        if speaker is None:  # a statement by a body named in lowercase words: the words that follow
            words = [w for w in _WORD.finditer(text, m.end(), end)]
            words = words[1:] if words and words[0].group().lower() == "resmi" else words
            words = words[:5]
            if words:
                speaker = Who(" ".join(w.group() for w in words).strip(" .,"), None)
        if speaker and speaker.name and content[0] < content[1]:
            return [_named(content, "indirect_quote", (m.start(1), m.end(1)), speaker)]
    # A line "X: claim" (a headline or a lead in that form)
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == start:
        m = _HEADLINE_CLAIM.match(sentence)
        if m is not None and _is_headline_claim(sentence):
            content = _trim(text, start + m.start(2), end)
            speaker = names.named(start + m.start(1), start + m.end(1))
            if speaker and content[0] < content[1]:
                return [_named(content, "indirect_quote", None, speaker)]
    return []


_SECOND_THAT = re.compile(r"\s*,?\s+(?:dan|serta)\s+bahwa\s+")


def _that_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The content of one cue, split where a second ``bahwa`` opens another statement."""
    parts, at = [], start
    for m in _SECOND_THAT.finditer(text, start, end):
        parts.append(_trim(text, at, m.start()))
        at = m.end()
    parts.append(_trim(text, at, end))
    return [(s, e) for s, e in parts if s < e]


# Words that only link a sentence to the one before: no part of its claim (the guide's rule).
_CONNECTIVE = re.compile(r"(?:Namun|Akan tetapi|Tetapi|Sementara itu|Selain itu|Di samping itu|Adapun)"
                         r"\s*,\s+(?=\S)")


def _after_connective(text: str, start: int, end: int) -> int:
    """Where a sentence's claim starts: after an opening "Namun," or "Selain itu,"."""
    m = _CONNECTIVE.match(text, start, end)
    return m.end() if m is not None and len(text[m.end():end].split()) >= 3 else start


def _mention_names(text: str, start: int, end: int, names: Discourse) -> None:
    """Names in what was said, remembered for the short names that follow (never as the speaker)."""
    for run in _NAME_RUN.finditer(text, start, end):
        if len(run.group().split()) >= 2:
            names.mentioned(*run.span())


def _phrase_speaker(text: str, at: int, end: int, names: Discourse, sentence_start: int) -> Who | None:
    """The speaker named from ``at`` to the sentence's end: a name, or a few lowercase words
    ("lembaga itu")."""
    who = _named_after(text, at, end, names, sentence_start)
    if who is not None:
        return who
    words = [w for w in _WORD.finditer(text, at, end)]
    if not 0 < len(words) <= 5:
        return None
    return names.described(words[0].start(), _trim(text, words[0].start(), words[-1].end())[1])


def _named(quote: tuple[int, int], kind: str, cue: tuple[int, int] | None, speaker: Who) -> dict:
    out: dict[str, Any] = {"quote": _span(*quote), "kind": kind, "speaker": {"name": speaker.name}}
    if cue is not None:
        out["cue"] = _span(*cue)
    if speaker.mention is not None:
        out["speaker_mention"] = _span(*speaker.mention)
    return out


def _quote_speaker(text: str, region: tuple[int, int], sentence: tuple[int, int], next_sentence: tuple[int, int] | None,
                   names: Discourse) -> tuple[Who | None, tuple[int, int] | None, bool]:
    """The speaker and cue of a direct quote, and whether the next sentence was its attribution."""
    start, end = region
    close = end + 1 if end < len(text) and text[end] in "\"”'" else end
    s_start, s_end = sentence
    # after the quote: '," kata X' / '," ujarnya' / '," kata dia'
    after = _SAY_AFTER_QUOTE.match(text, end)
    if after is not None:
        speaker = _say_after_speaker(text, after, max(s_end, after.end()) + 1, names, s_start)
        return speaker, _cue_span(after), False
    verb = _SAY_BEFORE.match(text, min(close + 1, len(text))) if close < len(text) else None
    if verb is None:
        m = re.match(r"[,.]?[\"”']?\s*", text[end:])
        verb = _SAY_BEFORE.match(text, end + m.end()) if m else None
    if verb is not None and not verb.group(1)[0].isupper():
        speaker = _named_after(text, verb.end(), s_end + 1, names, s_start, verb.group(1))
        if speaker is not None:
            return speaker, (verb.start(), verb.end()), False
    # before the quote in its sentence: 'X mengatakan, "..."' / 'X: "..."'
    opening = start - 1
    cue = None
    s_start = max(s_start, opening - LOOKBACK)  # what stands before the quote, within reach of it
    for cue in _say_before(text, s_start, max(s_start, opening)):
        pass
    if cue is not None:
        speaker = _named_before(text, cue.start(), s_start, names, s_start, cue.group(1))
        if speaker is not None:
            return speaker, (cue.start(), cue.end()), False
    colon = re.search(r"([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)\s*:\s*$", text[s_start:opening])
    if colon is not None:
        speaker = names.named(s_start + colon.start(1), s_start + colon.end(1))
        if speaker is not None:
            return speaker, None, False
    # the next sentence: '"..." Hal itu ditegaskan X.'
    if next_sentence is not None:
        attribution = _next_sentence_speaker(text, next_sentence, names)
        if attribution is not None:
            return attribution[0], attribution[1], True
    return None, None, False


def _next_sentence_speaker(text: str, sentence: tuple[int, int],
                           names: Discourse) -> tuple[Who, tuple[int, int]] | None:
    """The speaker and cue of a sentence that attributes the one before it: "Hal itu disampaikan X ...",
    "Demikian kata X."; ``None`` if it is no such sentence."""
    n_start, n_end = sentence
    m = _NEXT_SENTENCE_CUE.match(text, n_start, n_end)
    if m is None:
        return None
    cue_span = m.span(1) if m.group(1) else m.span(2)
    rest = re.match(r"\s+(?:oleh\s+)?", text[m.end():n_end])
    at = m.end() + (rest.end() if rest else 0)
    pronoun = re.match(r"(dia|ia|beliau)\b", text[at:n_end], re.IGNORECASE)
    if pronoun:
        speaker = names.referent(n_start, (at, at + pronoun.end(1)), n_start, person=True)
    else:
        speaker = _named_after(text, at - 1 if at > m.end() else at, n_end + 1, names, n_start)
    return None if speaker is None else (speaker, cue_span)


_GLUED_STOP = re.compile(r"(?<=[A-Za-z]{2}[.!?])(?=[A-Z][a-z])")  # "...kata Nama.Sebelumnya, ...", "...PSR.Tanpa"
_OPENING_ADJUNCT = re.compile(r"(?:[A-Z][a-z]+(?: [a-z]+){0,4}|[A-Z][a-z]+ [A-Z][a-z]+ [a-z]+),\s+")


def _split_glued(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences split where a missing space glued two together: "... terlambat.Sebelumnya, ...", and
    "... ujar Nama KeluargaSebelumnya, ..." (a word that opens sentences, glued onto a name)."""
    out = []
    for s, e in sentences:
        cuts = sorted({m.start() for m in _GLUED_STOP.finditer(text, s, e)} |
                      {m.end() for m in _GLUED_CASE.finditer(text, s, e) if _opens_sentence(text, m.end(), e)})
        for cut in cuts:
            out.append(_trim(text, s, cut, strip=" \t\r\n.!?…"))
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
    adjunct = _OPENING_ADJUNCT.match(text, at, end)
    if adjunct is not None and len(text[at:adjunct.end()].split()) <= 5:
        at = adjunct.end()
    role = _LEADING_ROLE.match(text, at, end)  # "Juru bicara Istana Nama ...": the name after the office
    if role is not None and all(w.lower() in lexicon().offices for w in role.group().split()):
        at = role.end()
    run = _NAME_RUN.match(text, at, end)
    if run is None:
        return None
    apposition = _NAME_RUN.match(text, run.end() + 2, end) if text[run.end():run.end() + 2] == ", " else None
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
      ``beliau`` take the person who is speaking (:class:`~factprov.discourse.Discourse`); a short
      name takes the full name given before;
    - offices, seats, places, days and glued words around a name are dropped (:mod:`factprov.names`);
    - each attributed statement carries its ``speaker_mention``: the name, pronoun or clitic.
    """
    names = Discourse(text)
    body = _split_glued(text, body_sentences(text, keep_line=_is_headline_claim))  # datelines and furniture left out
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
            if speaker is None:  # no cue: a quotation goes on in the voice of the one speaking
                speaker = names.referent(s, None, body[i][0])
            if next_used or (cue and next_sentence and next_sentence[0] <= cue[0] < next_sentence[1]):
                taken.add(last + 1)  # '"...?" tanyanya.': the attribution stands in a sentence of its own
            for ps, pe in pending + [(s, e)]:
                statement: dict[str, Any] = {"quote": _span(ps, pe), "kind": "direct_quote"}
                if speaker:
                    statement["speaker"] = {"name": speaker.name}
                if (ps, pe) == (s, e):
                    if cue:
                        statement["cue"] = _span(*cue)
                    if speaker and speaker.mention:
                        statement["speaker_mention"] = _span(*speaker.mention)
                found.append((i, statement))
            pending = []
            continue
        if index in taken:
            continue
        s, e = body[index]
        statements = _reported_speech(text, s, e, names)
        framed = _NEXT_SENTENCE_CUE.match(text, *body[index + 1]) if index + 1 < len(body) else None
        if framed is not None:  # "... . Hal itu disampaikan X di ...": the frame is no statement of its own
            taken.add(index + 1)
            attribution = None if statements else _next_sentence_speaker(text, body[index + 1], names)
            if attribution is not None:
                statements = [_named((s, e), "indirect_quote", attribution[1], attribution[0])]
        if statements:
            found += [(index, st) for st in statements]
        else:
            subject = _subject(text, s, e)
            if subject is not None:
                names.mentioned(*subject, subject=True, after_noun=_noun_before(text, subject[0], s) is not None)
            for run in _NAME_RUN.finditer(text, s, e):
                if len(run.group().split()) >= 2 and (subject is None or run.start() >= subject[1]):
                    names.mentioned(*run.span(), after_noun=_noun_before(text, run.start(), s) is not None)
            found.append((index, {"quote": _span(_after_connective(text, s, e), e), "kind": "unattributed_claim"}))
    for ps, pe in pending:
        found.append((0, {"quote": _span(ps, pe), "kind": "direct_quote"}))
    return sorted((st for _, st in found), key=lambda st: (st["quote"]["start"], st["quote"]["end"]))


BASELINES: dict[str, Model] = {"sentences": sentences, "quotes": quotes, "rules": rules}


class ModelError(Exception):
    """A model that cannot be loaded or run."""


class ModelInterrupted(Exception):
    """A model run stopped by the user (Ctrl-C)."""


def run_model(model: Model, model_name: str, article_id: str, text: str) -> list:
    """``model(text)``; whatever the model raises, ``SystemExit`` included, is a :class:`ModelError` that
    names the article, and ``KeyboardInterrupt`` a :class:`ModelInterrupted`. A result that is not a list
    is a :class:`ModelError` too."""
    try:
        statements = model(text)
    except KeyboardInterrupt:
        raise ModelInterrupted(f"{model_name} was interrupted on {article_id}") from None
    except BaseException as exc:  # the model is the user's: report what it raised, with the article
        what = f"called sys.exit({exc.code!r})" if isinstance(exc, SystemExit) else \
            f"{type(exc).__name__}: {str(exc)[:300]}"
        raise ModelError(f"{model_name} failed on {article_id}: {what}") from None
    if not isinstance(statements, list):
        raise ModelError(f"{model_name} returned {type(statements).__name__} for {article_id}, not a list of "
                         "statements")
    return statements


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
