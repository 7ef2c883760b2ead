"""The layout benchmark (tests/fixtures/layouts/): the parsers mark every annotated span of furniture
and no body text, and the measurement counts what it says it counts."""

from __future__ import annotations

import runpy
import sys

import pytest

from factprov.bench.layoutset import LayoutSetError, Span, by_label, load, measure, schema_labels
from factprov.build.parsers import ParsedArticle
from factprov.build.parsers.base import Boilerplate

from .conftest import ROOT

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
LABELS = schema_labels(ROOT / "schema")


def test_the_parsers_mark_every_annotated_span_and_no_body_text():
    texts = load(LAYOUTS, LABELS)
    assert len(texts) >= 12 and len({t.layout for t in texts}) == len(texts)
    for item in texts:
        assert 100 <= len(item.text.split()) <= 250, item.name
    results = measure(texts)
    for r in results:
        problems = [(what, s.label, r.text.text[s.start:s.end]) for what, spans in (("missed", r.missed),
                                                                                    ("wrongly marked", r.wrong))
                    for s in spans]
        assert problems == [] and r.wrong_body_chars == 0, (r.text.name, r.parser, problems)
    counts = by_label(results)
    assert counts["all"].recall == 1 and counts["all"].precision == 1


def _folder(tmp_path, text: str, annotation: str):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(annotation, encoding="utf-8")
    return tmp_path


TEXT = "Judul Berita\n\nKOTA - Warga berkumpul di balai desa.\n\nEditor: Rudi Hartono\n"
ANNOTATION = ("layout: a test page\nboilerplate:\n  - {label: title, text: Judul Berita}\n"
              "  - {label: dateline, text: KOTA -}\n  - {label: credit, text: 'Editor: Rudi Hartono'}\n")


def test_the_measure_counts_spans_by_label_and_the_body_characters_marked(tmp_path):
    [item] = load(_folder(tmp_path, TEXT, ANNOTATION), LABELS)

    def careless(text: str) -> ParsedArticle:
        """Finds the headline, takes the first body sentence for a caption and the credit for a tag."""
        spans = [("title", "Judul Berita"), ("caption", "KOTA - Warga berkumpul"), ("tags", "Editor: Rudi Hartono")]
        return ParsedArticle("Judul Berita", [Boilerplate(text.index(t), text.index(t) + len(t), label, t)
                                              for label, t in spans])

    [r] = measure([item], parse_with=careless)
    assert r.parser == "careless"
    assert [s.label for s in r.missed] == ["dateline", "credit"] and [s.label for s in r.wrong] == ["caption", "tags"]
    # "KOTA -" is furniture; in " Warga berkumpul", the body it took, 14 characters are not white space.
    assert r.wrong_body_chars == len("Wargaberkumpul")
    counts = by_label([r])
    assert (counts["title"].precision, counts["title"].recall) == (1, 1)
    assert (counts["dateline"].marked, counts["dateline"].recall) == (0, 0) and counts["dateline"].precision is None
    assert (counts["caption"].annotated, counts["caption"].precision) == (0, 0) and counts["caption"].recall is None
    assert (counts["all"].annotated, counts["all"].marked, counts["all"].found) == (3, 3, 1)
    # the real parser gets it all right
    [good] = measure([item])
    assert good.missed == [] and good.wrong == [] and good.wrong_body_chars == 0
    assert set(good.marked) == set(item.furniture) == {Span(0, 12, "title"), Span(14, 20, "dateline"),
                                                       Span(TEXT.index("Editor"), len(TEXT) - 1, "credit")}


@pytest.mark.parametrize("annotation, says", [
    ("layout: x\nboilerplate:\n  - {label: title, text: Judul Lain}\n", "boilerplate[0]: 'Judul Lain' does not occur"),
    ("layout: x\nboilerplate:\n  - {label: judul, text: Judul Berita}\n",
     "boilerplate[0]: label 'judul' is not one of"),
    ("layout: x\nboilerplate:\n  - {label: title, text: Judul Berita}\n  - {label: other, text: Berita}\n",
     "overlap"),
    ("layout: x\nboilerplate:\n  - Judul Berita\n", "boilerplate[0]: write {label: ..., text: ...}"),
    ("boilerplate: []\n", "needs `layout`"),
    ("layout: a: b\n", "a.yaml:1:10: not YAML"),
])
def test_a_bad_annotation_is_a_located_error(tmp_path, annotation, says):
    with pytest.raises(LayoutSetError) as err:
        load(_folder(tmp_path, TEXT, annotation), LABELS)
    assert "a.yaml" in str(err.value) and says in str(err.value)


def test_the_script_prints_the_table_of_the_same_measure(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["layouts.py", "--parser", "generic", "--errors"])
    runpy.run_path(str(ROOT / "benchmarks" / "layouts.py"), run_name="__main__")
    out = capsys.readouterr().out
    counts = by_label(measure(load(LAYOUTS, LABELS), "generic"))
    [row] = [line.split() for line in out.splitlines() if line.startswith("all ")]
    assert row == ["all", str(counts["all"].annotated), str(counts["all"].marked), str(counts["all"].found),
                   f"{counts['all'].precision:.3f}", f"{counts['all'].recall:.3f}"]
    assert "body characters wrongly marked: " in out
