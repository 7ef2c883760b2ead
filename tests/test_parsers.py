"""Outlet parsers on their seeds and on small synthetic variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from factprov.parsers import CHOICES, PARSERS, ParseError, parse, resolve

from .conftest import FIXTURE, ROOT

SEEDS = FIXTURE / "seeds"


def labels(text: str, parser: str) -> list[tuple[str, str]]:
    parsed = parse(text, parser)
    for span in parsed.boilerplate:
        assert text[span.start:span.end] == span.text
    return [(span.label, span.text) for span in parsed.boilerplate]


def test_antara_seed():
    text = (SEEDS / "001_3efa282232337d19" / "article.txt").read_text(encoding="utf-8")
    parsed = parse(text, "antara")
    found = labels(text, "antara")
    assert parsed.title is None
    assert found[0] == ("dateline", "Moskow (ANTARA) -")
    assert [label for label, _ in found].count("read_also") == 2
    assert ("source_line", "Sumber: Sputnik-OANA") in found
    assert parsed.source_lines == ["Sputnik-OANA"]
    assert parsed.credits == {"translator": "Primayanti", "editor": "Rahmad Nasution"}
    assert found[-1][0] == "copyright"


def test_sectioned_seed():
    text = (SEEDS / "000_b3587dce40a2b0e3" / "article.txt").read_text(encoding="utf-8")
    parsed = parse(text, "sectioned")
    found = labels(text, "sectioned")
    first_line = text.split("\n", 1)[0]
    assert parsed.title == first_line
    assert found[0] == ("title", first_line)
    assert [label for label, _ in found].count("heading") == 3
    assert found[-1] == ("signoff", "(PH)")
    assert text.endswith("(PH)") and not text.endswith(" (PH)")  # glued to the last sentence


SYNTHETIC_ANTARA = (
    "Judul berita tentang hujan\n"
    "Jakarta (ANTARA) - Hujan turun di Jakarta pada Senin, kata petugas.\n"
    "Baca juga: Banjir melanda kota lain\n"
    "Petugas mengatakan air mulai surut.\n"
    "Pewarta: Budi Santoso\n"
    "Editor: Siti Aminah\n"
    "Copyright © ANTARA 2024"
)


def test_antara_synthetic_with_headline_and_reporter():
    parsed = parse(SYNTHETIC_ANTARA, "antara")
    found = labels(SYNTHETIC_ANTARA, "antara")
    assert parsed.title == "Judul berita tentang hujan"
    assert ("dateline", "Jakarta (ANTARA) -") in found
    assert parsed.credits == {"author": "Budi Santoso", "editor": "Siti Aminah"}
    body = [line for line in SYNTHETIC_ANTARA.split("\n") if line.startswith("Petugas")][0]
    start = SYNTHETIC_ANTARA.index(body)
    assert parsed.covering(start, start + len(body)) is None


def test_antara_without_dateline_is_a_located_error():
    with pytest.raises(ParseError) as err:
        parse("Sebuah judul\nTidak ada dateline di sini.\nBaris lain.", "antara")
    assert err.value.line == 1 and "dateline" in err.value.message


def test_sectioned_synthetic_crlf_and_multi_initials():
    text = "Judul Artikel\r\nParagraf pertama yang panjang.\r\nSubjudul pendek\r\nParagraf terakhir.(AB/CD)"
    parsed = parse(text, "sectioned")
    found = labels(text, "sectioned")
    assert parsed.title == "Judul Artikel"
    assert ("heading", "Subjudul pendek") in found
    assert found[-1] == ("signoff", "(AB/CD)")
    assert all("\r" not in t for _, t in found)


def test_sectioned_long_line_without_full_stop_is_not_a_heading():
    long_line = " ".join(["kata"] * 20)
    text = f"Judul\nParagraf satu.\n{long_line}\nParagraf akhir."
    assert [label for label, _ in labels(text, "sectioned")] == ["title"]


def test_sectioned_needs_a_paragraph():
    with pytest.raises(ParseError):
        parse("Hanya judul", "sectioned")


def test_generic_marks_common_boilerplate_only():
    text = "Sebuah kalimat pembuka yang panjang.\nBaca juga: Judul lain\nEditor: Nama Editor\nHak cipta 2024 Penerbit"
    parsed = parse(text, "generic")
    assert parsed.title is None
    assert [label for label, _ in labels(text, "generic")] == ["read_also", "credit", "copyright"]


def test_generic_takes_a_question_headline():
    text = "Apa yang terjadi?\nSebuah paragraf."
    assert parse(text, "generic").title == "Apa yang terjadi?"


def test_no_seed_string_is_hard_coded_in_a_parser():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "builders" / "parsers").glob("*.py"))
    for folder in sorted(p for p in SEEDS.iterdir() if p.is_dir()):
        text = (folder / "article.txt").read_text(encoding="utf-8")
        for line in text.split("\n"):
            words = line.split()
            # any run of four words of a seed line
            for i in range(len(words) - 3):
                run = " ".join(words[i:i + 4])
                assert run not in sources, f"{run!r} from {folder.name} is in a parser"
        for name in ("Primayanti", "Rahmad", "Sputnik", "Moskow", "Pezeshkian", "(PH)"):
            if name in text:
                assert name not in sources


def test_every_parser_is_registered():
    assert set(PARSERS) == {"antara", "sectioned", "generic"}
    assert CHOICES == ("auto", *PARSERS)


# --- furniture common to Indonesian news sites, written for these tests ------------------------

# A national news site: caption lines, empty credit lines with the name below, an
# "OUTLET.CO, Kota -" dateline, a font widget, a share widget and "Baca Juga:".
NEWS_SITE = (
    "Warga Kota Contoh Menanam Seribu Pohon\n"
    "• Font: A A A\n"
    "Reporter:\n"
    "Dewi Lestari\n"
    "Editor:\n"
    "Rudi Hartono\n"
    "Warga menanam bibit di tepi sungai, Minggu pagi. (Foto: Dokumentasi Panitia)\n"
    "KABARCONTOH.CO, Kota Contoh - Sekitar tiga ratus warga menanam seribu pohon di tepi sungai.\n"
    "Ketua panitia Andi Wijaya mengatakan kegiatan itu akan diulang setiap tahun.\n"
    "Relawan membagikan bibit kepada anak-anak sekolah. (AP Photo/Sari Indah)\n"
    "Baca Juga: Sungai Contoh Kembali Jernih\n"
    "Bibit itu berasal dari kebun pembibitan milik pemerintah kota.\n"
    "Bagikan: Facebook Twitter WhatsApp\n"
)

# A site whose first line is a byline, with a "Kota, OUTLET -" dateline and a bracketed credit.
BYLINE_SITE = (
    "LAPORAN: Fajar Nugroho\n"
    "Pasar Baru Contoh Dibuka Kembali\n"
    "Bandung, Warta Contoh - Pasar yang terbakar tahun lalu dibuka kembali pada Senin.\n"
    "Pedagang menata dagangan di los baru. [Warta Contoh]\n"
    "Ratusan pedagang kembali berjualan di pasar tersebut.\n"
    "Penulis: Fajar Nugroho | Editor: Maya Sari\n"
)


def test_furniture_of_a_news_site_is_boilerplate_and_credits_are_read():
    parsed = parse(NEWS_SITE, "generic")
    found = labels(NEWS_SITE, "generic")
    assert parsed.title == "Warga Kota Contoh Menanam Seribu Pohon"
    assert ("widget", "• Font: A A A") in found
    assert ("credit", "Reporter:\nDewi Lestari") in found and ("credit", "Editor:\nRudi Hartono") in found
    assert parsed.credits == {"author": "Dewi Lestari", "editor": "Rudi Hartono"}
    assert ("caption", "Warga menanam bibit di tepi sungai, Minggu pagi. (Foto: Dokumentasi Panitia)") in found
    assert ("caption", "Relawan membagikan bibit kepada anak-anak sekolah. (AP Photo/Sari Indah)") in found
    assert ("dateline", "KABARCONTOH.CO, Kota Contoh -") in found
    assert ("read_also", "Baca Juga: Sungai Contoh Kembali Jernih") in found
    assert ("widget", "Bagikan: Facebook Twitter WhatsApp") in found
    for sentence in ("Ketua panitia Andi Wijaya mengatakan", "Bibit itu berasal", "Sekitar tiga ratus warga"):
        start = NEWS_SITE.index(sentence)
        assert parsed.covering(start, start + len(sentence)) is None, sentence


def test_a_byline_is_not_taken_for_the_headline():
    parsed = parse(BYLINE_SITE, "auto")
    found = labels(BYLINE_SITE, "generic")
    assert parsed.title == "Pasar Baru Contoh Dibuka Kembali"
    assert found[0] == ("credit", "LAPORAN: Fajar Nugroho")
    assert ("dateline", "Bandung, Warta Contoh -") in found
    assert ("caption", "Pedagang menata dagangan di los baru. [Warta Contoh]") in found
    assert ("credit", "Penulis: Fajar Nugroho | Editor: Maya Sari") in found
    assert parsed.credits == {"author": "Fajar Nugroho", "editor": "Maya Sari"}


@pytest.mark.parametrize("line, dateline", [
    ("Surabaya (Kantor Berita Contoh) - Hujan turun.", "Surabaya (Kantor Berita Contoh) -"),
    ("BERITACONTOH.com - Hujan turun.", "BERITACONTOH.com -"),
    ("Jakarta, Harian Contoh -- Hujan turun.", "Jakarta, Harian Contoh --"),
    ("MEDAN - Hujan turun.", "MEDAN -"),
])
def test_datelines_in_the_usual_forms(line, dateline):
    text = f"Hujan di Kota\n{line}\nAir mulai surut."
    assert ("dateline", dateline) in labels(text, "generic")


def test_a_body_sentence_with_brackets_or_a_dash_is_not_furniture():
    text = ("Judul singkat\nPara menteri bertemu di Jakarta.\nKesepakatan itu disebut bersejarah (oleh para pengamat).\n"
            "Harga naik 5 - 10 persen, kata pedagang.\n")
    assert labels(text, "generic") == [("title", "Judul singkat")]


def test_auto_picks_the_layout_from_the_text():
    antara = (SEEDS / "001_3efa282232337d19" / "article.txt").read_text(encoding="utf-8")
    sectioned = (SEEDS / "000_b3587dce40a2b0e3" / "article.txt").read_text(encoding="utf-8")
    assert (resolve(antara, "auto"), resolve(sectioned, "auto"), resolve(NEWS_SITE, "auto")) == (
        "antara", "sectioned", "generic")
    assert parse(antara, "auto") == parse(antara, "antara")
    assert resolve(NEWS_SITE, "sectioned") == "sectioned"  # a named parser is taken as it is
    for name, fn in PARSERS.items():
        assert callable(fn)
        assert Path(fn.__code__.co_filename).parent.name == "parsers"


def test_body_sentences_that_start_with_a_widget_word_are_text():
    text = ("Judul singkat\nCetak sawah baru tetap berjalan meski banjir melanda.\nKomentar warga\n"
            "Warga menyambut baik rencana itu.\nKomentar (3)\n")
    assert labels(text, "generic") == [("title", "Judul singkat"), ("widget", "Komentar (3)")]


def test_more_furniture_lines_and_a_lowercase_signoff():
    text = ("Judul berita\nKota Contoh - Warga berkumpul di balai desa.\nADVERTISEMENT\nHalaman 2\n"
            "Simak video di bawah ini:\nTag: banjir, desa, warga\n"
            "Artikel ini telah tayang di KABARCONTOH.com dengan judul \"Banjir\"\n"
            "Ikuti berita terkini KABARCONTOH di Google News\nKepala desa meminta warga waspada.(red/adk)\n")
    found = labels(text, "generic")
    assert [label for label, _ in found] == ["title", "advert", "pagination", "promo", "tags", "promo", "promo",
                                              "signoff"]
    assert found[-1] == ("signoff", "(red/adk)")
    assert labels("Judul\nWarga datang dari Amerika Serikat (AS)\n", "generic") == [("title", "Judul")]


def test_a_credit_of_a_dash_names_nobody():
    parsed = parse("Judul\nIsi berita yang cukup panjang.\nPenerjemah: -\nEditor: Maya Sari\n", "generic")
    assert parsed.credits == {"editor": "Maya Sari"}
    assert ("credit", "Penerjemah: -") in [(b.label, b.text) for b in parsed.boilerplate]