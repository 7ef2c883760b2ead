"""Selectors that are easy to get right, and meta.yaml's layout corrections, checked like spans."""

from __future__ import annotations

import time

import pytest

from factprov.build import pipeline
from factprov.build.spans import MAX_LISTED, SpanError, TextIndex, locate, suggestions

from .conftest import A0, A1, replace_in

# Written for these tests: two clitic cues ("ucapnya", "katanya") among words that also end
# in "nya" ("hanya", "Pernyataannya").
TEXT = ("Pernyataannya singkat.\n"
        "\"Kami hanya ingin damai,\" ucapnya.\n"
        "Warga senang, katanya.\n")
INDEX = TextIndex(TEXT)


def cut(span: tuple[int, int]) -> str:
    return TEXT[span[0]:span[1]]


def test_a_clitic_is_found_inside_the_word_that_holds_it():
    start, end = locate(INDEX, {"text": "nya", "in": "ucapnya"}, "t.txt")
    assert cut((start, end)) == "nya" and TEXT[start - 4:end] == "ucapnya"
    start, _ = locate(INDEX, {"text": "nya", "in": "katanya"}, "t.txt")
    assert TEXT[start - 4:start] == "kata"


def test_the_context_may_take_an_occurrence_of_its_own():
    text = "Ia datang. Ia pergi.\n"
    start, end = locate(TextIndex(text), {"text": "Ia", "in": "Ia", "occurrence": 2}, "t.txt")
    assert (start, end) == (11, 13)


@pytest.mark.parametrize("selector, code", [
    ({"text": "nya", "in": "ucapan"}, "span-missing"),     # the context does not hold the text
    ({"text": "nya", "in": "ucapanku"}, "span-missing"),
    ({"text": "a", "in": "hanya"}, "span-ambiguous"),      # twice inside the context
    ({"text": "nya", "in": "nya"}, "span-ambiguous"),      # the context itself is ambiguous
    ({"text": "nya", "occurrence": 9}, "span-occurrence"),
])
def test_a_selector_that_names_no_single_span_says_why(selector, code):
    with pytest.raises(SpanError) as err:
        locate(INDEX, selector, "t.txt")
    assert err.value.code == code


def test_an_ambiguous_string_suggests_a_unique_context_for_each_occurrence():
    with pytest.raises(SpanError) as err:
        locate(INDEX, "nya", "t.txt")
    message = err.value.message
    starts = INDEX.occurrences("nya")
    assert f"occurs {len(starts)} times" in message
    for hint in suggestions(INDEX, "nya", starts):
        assert hint in message
    # Each suggestion, written as YAML, names exactly its own occurrence.
    import yaml

    for n, hint in enumerate(suggestions(INDEX, "nya", starts)):
        selector = yaml.safe_load(hint.split(": ", 1)[1])
        start, _ = locate(INDEX, selector, "t.txt")
        assert start == starts[n], hint
    assert '{text: "nya", in: "ucapnya"}' in message


def test_an_ambiguous_string_in_a_large_text_is_answered_quickly_and_briefly():
    text = ("Sebuah kalimat panjang tentang banyak hal yang terjadi di kota.\n" * 17_000)[:1_100_000]
    index = TextIndex(text)
    started = time.perf_counter()
    with pytest.raises(SpanError) as err:
        locate(index, "a", "big.txt")
    elapsed = time.perf_counter() - started
    message = err.value.message
    assert f"occurs {text.count('a'):,}".replace(",", "") in message.replace(",", "")
    assert len(message) < 2_000 and message.count("line ") <= MAX_LISTED + 2
    assert elapsed < 5  # generous: the figure in benchmarks/ is measured, this only catches a quadratic


def test_a_selector_with_in_works_in_statements_yaml(project):
    path = project.seeds / A1 / "statements.yaml"
    replace_in(path, "cue: {text: lanjut, occurrence: 2}", "cue: {text: lanjut, in: ',\" lanjut pernyataan'}")
    outputs, report = pipeline.collect(project, progress=None)
    assert report.ok, report.dumps()
    [row] = [s for s in outputs.statements if s["cue"] and s["cue"]["text"] == "lanjut"
             and s["statement_id"] == f"{A1}/8"]
    text = (project.seeds / A1 / "article.txt").read_text(encoding="utf-8")
    assert text[row["cue"]["end"]:row["cue"]["end"] + len(" pernyataan")] == " pernyataan"


# --- meta.yaml layout: a new outlet needs no code -----------------------------------------------

def _meta(project):
    return project.seeds / A1 / "meta.yaml"


def test_layout_marks_strings_and_lines_as_boilerplate(project):
    text = (project.seeds / A1 / "article.txt").read_text(encoding="utf-8")
    line = text.splitlines()[1]  # a body line, marked here as if it were a caption
    replace_in(_meta(project), "split: test\n", "split: test\nlayout:\n  boilerplate:\n"
               f"    - {{label: caption, line: '^{line[:12]}'}}\n"
               "    - {label: other, text: Sumber}\n")
    # Statements on that line now lie in boilerplate: the build says so, at their lines.
    _, report = pipeline.collect(project, progress=None)
    [issue] = [i for i in report.errors if i.code == "span-boilerplate"]
    assert "caption" in issue.message and issue.file.endswith("statements.yaml")


def test_layout_title_overrides_the_parser(project):
    text = (project.seeds / A1 / "article.txt").read_text(encoding="utf-8")
    title = "Moskow (ANTARA)"
    assert text.count(title) == 1
    replace_in(_meta(project), "split: test\n", f"split: test\nlayout:\n  title: {{text: Moskow, in: '{title}'}}\n")
    outputs, report = pipeline.collect(project, progress=None)
    assert report.ok, report.dumps()
    [article] = [a for a in outputs.records["articles"] if a["article_id"] == A1]
    assert article["title"] == "Moskow"
    assert {"label": "title", "text": "Moskow", "start": 0, "end": 6} in article["boilerplate"]


@pytest.mark.parametrize("layout, field, code", [
    ("  title: Judul yang tidak ada\n", "layout.title", "span-missing"),
    ("  boilerplate:\n    - {label: caption, line: '^Tidak ada baris seperti ini'}\n",
     "layout.boilerplate[#1].line", "span-missing"),
    ("  boilerplate:\n    - {label: caption, line: '(unclosed'}\n", "layout.boilerplate[#1].line", "schema"),
    ("  body:\n    - {line: '(?<=x)lookbehind'}\n", "layout.body[#1].line", "schema"),  # not RE2
    ("  boilerplate:\n    - {label: caption, text: Putin}\n", "layout.boilerplate[#1].text", "span-ambiguous"),
    ("  boilerplate:\n    - {label: banner, text: Sumber}\n", "layout.boilerplate[#1].label", "schema"),
])
def test_a_bad_layout_correction_is_a_located_error(project, layout, field, code):
    line = replace_in(_meta(project), "split: test\n", "split: test\nlayout:\n" + layout)
    _, report = pipeline.collect(project, progress=None)
    issues = [i for i in report.errors if i.file == f"seeds/{A1}/meta.yaml"]
    assert [(i.code, i.field) for i in issues] == [(code, field)], issues
    assert issues[0].line is not None and issues[0].line > line


def test_layout_body_unmarks_what_the_parser_took_for_furniture(project):
    # A0's headings are boilerplate; declaring one of them body text unmarks it.
    text = (project.seeds / A0 / "article.txt").read_text(encoding="utf-8")
    heading = "Program nuklir Iran dan peran mediasi Oman"
    assert heading in text
    replace_in(project.seeds / A0 / "meta.yaml", "split: test\n", f"split: test\nlayout:\n  body:\n"
               f"    - {{line: '^{heading}$'}}\n")
    outputs, report = pipeline.collect(project, progress=None)
    assert report.ok, report.dumps()
    [article] = [a for a in outputs.records["articles"] if a["article_id"] == A0]
    assert heading not in [b["text"] for b in article["boilerplate"]]
    replace_in(project.seeds / A0 / "meta.yaml", f"'^{heading}$'", "'^Dalam kontak telpon ini'")
    _, report = pipeline.collect(project, progress=None)
    assert [(i.code, i.field) for i in report.errors] == [("meta-mismatch", "layout.body[#1]")]


def test_a_suggested_context_stays_on_its_line():
    text = "Warga pulang.\nBadan Pangan\nBadan Pangan datang.\n"
    hints = suggestions(TextIndex(text), "Badan Pangan", [14, 27])
    assert all("\\n" not in hint for hint in hints), hints

def test_a_backtracking_line_pattern_cannot_hang_the_build(project):
    """'(a+)+$' takes exponential time in a backtracking engine on a line of a's that ends in '!'."""
    import hashlib

    path = project.seeds / A1 / "article.txt"
    text = path.read_text(encoding="utf-8") + "\n" + "a" * 40 + "!"
    path.write_text(text, encoding="utf-8")
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    meta = _meta(project).read_text(encoding="utf-8")
    sha = meta.split("text_sha256: ", 1)[1].split("\n", 1)[0]
    _meta(project).write_text(meta.replace(sha, old), encoding="utf-8")
    replace_in(_meta(project), "split: test\n", "split: test\nlayout:\n  boilerplate:\n"
               "    - {label: other, line: '(a+)+$'}\n")
    started = time.perf_counter()
    _, report = pipeline.collect(project, progress=None)
    assert time.perf_counter() - started < 20
    assert [(i.code, i.field) for i in report.errors] == [("span-missing", "layout.boilerplate[#1].line")]
