"""Sentences and quotation-mark regions, on small made-up texts."""

from __future__ import annotations

from factprov.base.text import Sentences, inside, quoted_regions, sentence_spans


def test_sentences_split_at_end_marks_and_line_breaks():
    text = 'Dia datang. "Kami siap," katanya.\nParagraf baru tanpa titik\nLagi!'
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == ["Dia datang.", '"Kami siap," katanya.', "Paragraf baru tanpa titik", "Lagi!"]
    s = Sentences.of(text)
    assert [s.index(text.index(w)) for w in ("Dia", "Kami", "katanya", "Paragraf", "Lagi")] == [0, 1, 1, 2, 3]


def test_a_full_stop_before_a_line_break_makes_one_boundary():
    text = "Satu.\nDua.\r\n\r\nTiga."
    s = Sentences.of(text)
    assert [s.index(text.index(w)) for w in ("Satu", "Dua", "Tiga")] == [0, 1, 2]


def test_quoted_regions_pair_marks_by_kind_and_run_open_quotes_to_the_paragraph_end():
    text = 'A "satu" B “dua” C «tiga» D "empat\nE "lima" “enam"'
    regions = [text[a:b] for a, b in quoted_regions(text)]
    assert regions == ["satu", "dua", "tiga", "empat", "lima", 'enam"']


def test_inside_allows_the_marks_themselves():
    text = 'X "kami siap" Y'
    regions = quoted_regions(text)
    start = text.index("kami")
    assert inside(regions, start, start + len("kami siap"))
    assert inside(regions, start - 1, start + len("kami siap") + 1)
    assert not inside(regions, start - 2, start + 4)
