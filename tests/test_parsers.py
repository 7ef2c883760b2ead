"""Outlet parsers on their seeds and on small synthetic variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from factprov.build.parsers import CHOICES, PARSERS, ParseError, parse, resolve

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
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "builders" / "factprov" / "build" / "parsers").glob("*.py"))
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
    assert [label for label, _ in found] == ["title", "dateline", "advert", "pagination", "promo", "tags", "promo",
                                              "promo", "signoff"]
    assert found[1] == ("dateline", "Kota Contoh -")  # a place in title case alone, as some portals write it
    assert found[-1] == ("signoff", "(red/adk)")
    assert labels("Judul\nWarga datang dari Amerika Serikat (AS)\n", "generic") == [("title", "Judul")]


def test_a_credit_of_a_dash_names_nobody():
    parsed = parse("Judul\nIsi berita yang cukup panjang.\nPenerjemah: -\nEditor: Maya Sari\n", "generic")
    assert parsed.credits == {"editor": "Maya Sari"}
    assert ("credit", "Penerjemah: -") in [(b.label, b.text) for b in parsed.boilerplate]

# --- one dateline detector: every form, dash and indent, wherever the body starts -------------

DATELINE_FORMS = [
    "Kota Contoh (Kantor Berita Contoh) {dash}",  # Kota (OUTLET) -
    "Kota Contoh, 14 Mei 2025 (Kabar Contoh) {dash}",
    "Kota Contoh (Namaportal.com) {dash}",
    "KABARCONTOH.CO, Kota Contoh {dash}",  # OUTLET.CO, Kota -
    "Kabarcontoh.com, Kota Contoh {dash}",
    "KABARCONTOH.CO.ID, Kota Contoh {dash}",
    "kabarcontoh.id, Kota Contoh {dash}",
    "Kabarcontoh.co {dash}",
    "namaportal.com {dash}",  # a domain alone
    "Kota Contoh, Harian Contoh {dash}",  # Kota, OUTLET -
    "Kota Contoh, Nama TV {dash}",
    "Kota Contoh, kabarNews {dash}",
    "KOTA CONTOH {dash}",  # a place in capitals
    "BAU-BAU {dash}",
    "Kota Contoh {dash}",  # a place in title case alone
]
DASHES = ["-", "–", "—", "--", "−"]


@pytest.mark.parametrize("form", DATELINE_FORMS)
@pytest.mark.parametrize("dash", DASHES)
def test_every_dateline_form_with_every_dash(form, dash):
    dateline = form.format(dash=dash)
    text = f"Jembatan Baru Dibuka\n\n{dateline} Warga menyambut jembatan baru pada Senin pagi.\n\nAir surut.\n"
    assert ("dateline", dateline) in labels(text, "generic")
    assert ("dateline", dateline) in labels(text, "sectioned")


@pytest.mark.parametrize("indent", ["    ", "\t", "\u00a0\u00a0", " \u00a0\t"])
@pytest.mark.parametrize("form", ["KABARCONTOH.CO, Kota Contoh -", "Kota Contoh (Kantor Berita Contoh) –", "KOTA –"])
def test_a_dateline_after_white_space_is_found_and_marked_without_it(indent, form):
    text = f"Jembatan Baru Dibuka\n\n{indent}{form} Warga menyambut jembatan baru pada Senin pagi.\n\n{indent}Air surut.\n"
    parsed = parse(text, "auto")
    [dateline] = [b for b in parsed.boilerplate if b.label == "dateline"]
    assert dateline.text == form and dateline.start == text.index(form)


LONG_HEADLINE = "Wali Kota Contoh Resmikan Jembatan Gantung Terpanjang yang Menghubungkan Dua Kecamatan di Tepi Sungai"


@pytest.mark.parametrize("before", [
    [LONG_HEADLINE],  # more than twelve words
    ["Jembatan Baru Akhirnya Dibuka!"],
    ["Jembatan Baru, Siapa yang Untung?"],
    ['Wali Kota: "Jembatan Ini Milik Warga"'],
    ["Jembatan Baru Dibuka", "Warga dua kecamatan kini tidak perlu memutar sejauh sepuluh kilometer."],  # a subtitle
    ["Jembatan Baru Dibuka", "Jembatan Baru Dibuka"],  # the headline printed twice
    ["Jembatan Baru Dibuka", "Oleh Rina Kusuma", "Kamis, 15 Mei 2025 10:00 WIB"],  # a byline and a date
])
def test_a_dateline_is_found_below_whatever_stands_above_it(before):
    head = "\n\n".join(before)
    text = f"{head}\n\nKOTA CONTOH – Warga menyambut jembatan baru pada Senin pagi.\n\nJembatan itu dibangun setahun.\n"
    parsed = parse(text, "auto")
    assert ("dateline", "KOTA CONTOH –") in [(b.label, b.text) for b in parsed.boilerplate]
    assert parsed.title == before[0]  # the line above the dateline is the headline


@pytest.mark.parametrize("line", [
    "Rina Kusuma - kabarNews",  # a byline: what follows the dash is no paragraph
    "Kabar Contoh - 12/03/2025, 14:05 WIB",
    "COVID-19 kembali menyebar di Kota Contoh pada pekan ini.",
    "Harga naik 5 - 10 persen menurut pedagang pasar.",
    "Menurut warga - yang menolak disebut namanya - jembatan itu terlalu sempit.",
])
def test_what_only_looks_like_a_dateline_is_not_one(line):
    text = f"Jembatan Baru Dibuka\n\n{line}\n\nWarga menyambut jembatan baru pada Senin pagi.\n"
    assert "dateline" not in [label for label, _ in labels(text, "generic")]


def test_a_dateline_far_down_the_text_is_body_for_the_parsers():
    paragraphs = [f"Paragraf ke-{n} berisi kalimat yang cukup panjang untuk dibaca." for n in range(8)]
    text = "Judul Berita\n\n" + "\n\n".join(paragraphs) + "\n\nKOTA LAIN - Warga kota lain juga menyambutnya.\n"
    assert labels(text, "generic") == [("title", "Judul Berita")]


@pytest.mark.parametrize("dateline", ["Jakarta (ANTARA) --", "Jakarta (ANTARA) −", "Jakarta (ANTARA News) –"])
def test_the_antara_parser_takes_its_dateline_from_the_shared_detector(dateline):
    text = (f"{LONG_HEADLINE}\n\nWarga kini tidak perlu memutar sejauh sepuluh kilometer.\n\n"
            f"    {dateline} Wali kota meresmikan jembatan itu pada Senin.\n\nPewarta: Rina Kusuma\n")
    assert resolve(text, "auto") == "antara"
    parsed = parse(text, "antara")
    assert parsed.title == LONG_HEADLINE
    assert ("dateline", dateline) in labels(text, "antara")


def test_the_antara_parser_wants_the_dateline_that_names_antara():
    with pytest.raises(ParseError) as err:
        parse("Judul\nKOTA CONTOH - Hujan turun di kota itu sejak pagi.\n", "antara")
    assert "ANTARA" in err.value.message and err.value.line == 1


# --- credit blocks, the repeated headline, caption credits ------------------------------------

@pytest.mark.parametrize("block, spans", [
    ("Reporter:\n\nDewi Lestari\n\nEditor:\n\nRudi Hartono", ["Reporter:\n\nDewi Lestari", "Editor:\n\nRudi Hartono"]),
    ("Reporter:\nEditor:\n\nDewi Lestari\nRudi Hartono", ["Reporter:\nEditor:\n\nDewi Lestari\nRudi Hartono"]),
    ("Reporter:\n\n\nDewi Lestari\nEditor: Rudi Hartono", ["Reporter:\n\n\nDewi Lestari", "Editor: Rudi Hartono"]),
])
def test_a_credit_name_after_blank_lines(block, spans):
    text = f"Jembatan Baru Dibuka\n\n{block}\n\nKOTA CONTOH - Warga menyambut jembatan baru pada Senin pagi.\n"
    parsed = parse(text, "generic")
    assert [t for label, t in labels(text, "generic") if label == "credit"] == spans
    assert parsed.credits == {"author": "Dewi Lestari", "editor": "Rudi Hartono"}
    assert ("dateline", "KOTA CONTOH -") in labels(text, "generic")


def test_fewer_names_than_roles_go_to_the_role_right_above():
    text = "Judul Berita\n\nReporter:\nEditor:\n\nRudi Hartono\n\nWarga menyambut jembatan baru pada Senin pagi.\n"
    parsed = parse(text, "generic")
    assert parsed.credits == {"editor": "Rudi Hartono"}
    assert [t for label, t in labels(text, "generic") if label == "credit"] == ["Reporter:", "Editor:\n\nRudi Hartono"]


@pytest.mark.parametrize("below", ["Tag: jembatan, sungai", "Warga menyambut jembatan baru pada Senin pagi.",
                                   "Baca juga: Jalan Baru"])
def test_a_credit_takes_no_name_that_is_other_text(below):
    text = f"Judul Berita\n\nEditor:\n\n{below}\n\nAir sungai mulai surut pada Selasa sore.\n"
    parsed = parse(text, "generic")
    assert parsed.credits == {} and ("credit", "Editor:") in labels(text, "generic")


@pytest.mark.parametrize("parser", ["generic", "sectioned"])
def test_the_headline_printed_twice_is_marked_twice(parser):
    text = ("Jembatan Baru Dibuka untuk Warga\n\n  Jembatan baru dibuka untuk warga  \n\n"
            "KOTA CONTOH - Warga menyambut jembatan baru pada Senin pagi.\n\nJembatan itu dibangun setahun.\n")
    parsed = parse(text, parser)
    assert parsed.title == "Jembatan Baru Dibuka untuk Warga"
    assert [t for label, t in labels(text, parser) if label == "title"] == [
        "Jembatan Baru Dibuka untuk Warga", "Jembatan baru dibuka untuk warga"]


def test_a_long_headline_printed_twice_is_the_headline():
    text = f"{LONG_HEADLINE}\n{LONG_HEADLINE}\nWarga menyambut jembatan baru pada Senin pagi.\n"
    assert [label for label, _ in labels(text, "generic")] == ["title", "title"]


@pytest.mark.parametrize("caption", [
    "Warga melintasi jembatan baru di Kota Contoh, Senin (12/5/2025). (KANTORFOTO/KANTORFOTO)",
    "Warga melintasi jembatan baru di Kota Contoh, Senin (12/5/2025). (KANTORFOTO/Nama Fotografer)",
    "Warga melintasi jembatan baru di Kota Contoh (KANTORFOTO / Nama Fotografer)",
    "Warga melintasi jembatan baru. (Kabar Kota/Ardi/foc)",
    "Wali kota menggunting pita. (ABC/DEF)",  # not the last line: a credit, not a sign-off
])
def test_a_caption_ending_in_an_agency_credit_with_a_slash(caption):
    text = (f"Jembatan Baru Dibuka\n\nKOTA CONTOH - Warga menyambut jembatan baru.\n\n{caption}\n\n"
            "Jembatan itu dibangun setahun.(red/adk)\n")
    found = labels(text, "generic")
    assert ("caption", caption) in found and found[-1] == ("signoff", "(red/adk)")


@pytest.mark.parametrize("last", ["Jembatan itu dibangun setahun. (ABC/DEF)", "Jembatan itu dibangun setahun.(red/adk)"])
@pytest.mark.parametrize("after", ["", "\n\nEditor: Rudi Hartono\n\nHak cipta 2025 Kabar Contoh"])
def test_the_sign_off_of_the_last_paragraph_stays_a_sign_off(last, after):
    text = f"Jembatan Baru Dibuka\n\nKOTA CONTOH - Warga menyambut jembatan baru.\n\n{last}{after}\n"
    found = labels(text, "generic")
    assert "caption" not in [label for label, _ in found]
    assert ("signoff", last[last.index("("):]) in found


@pytest.mark.parametrize("line", [
    "Jembatan itu diresmikan pada Senin (12/5).",
    "Jembatan itu diresmikan pada Senin (12/5/2025)",
    "Kedua pihak menandatangani nota kesepahaman (MoU/LoI)",
    "Pemeriksaan dilakukan di Amerika Serikat (AS/Kanada)",
])
def test_dates_and_abbreviations_in_brackets_are_body_text(line):
    text = f"Jembatan Baru Dibuka\n\n{line}\n\nJembatan itu dibangun setahun.\n"
    assert labels(text, "generic") == [("title", "Jembatan Baru Dibuka")]


PAGE = ("SOSOK\n"
        "Perahu Buku dari Pulau Contoh\n"
        "Oleh Rina Kusuma\n"
        "Sabtu, 17 Mei 2025 | 09:30 WIB\n"
        "Bagikan\n"
        "ILUSTRASI. Perahu motor bersandar di dermaga Desa Contoh. namaportal.id/Rina Kusuma\n"
        "\n"
        "namaportal.id - Seorang guru pensiunan membawa buku ke pulau-pulau kecil dengan perahu motor.\n"
        "\n"
        "Anak-anak membaca buku di dermaga, Sabtu (17/5) (namaportal.id/Rina Kusuma)\n"
        "\n"
        "Perahu itu singgah di tiga pulau setiap pekan.\n"
        "\n"
        "Berita Terkait\n"
        "Sekolah Apung Dibuka di Teluk Contoh\n"
        "Guru Honorer Pulau Terluar Terima Insentif\n"
        "\n"
        "Tag:\n"
        "pendidikan\n"
        "pulau terluar\n"
        "\n"
        "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis tanpa izin.\n")


def test_a_real_page_copied_whole():
    found = labels(PAGE, "generic")
    assert ("title", "Perahu Buku dari Pulau Contoh") in found
    for line in ("SOSOK", "Oleh Rina Kusuma", "Sabtu, 17 Mei 2025 | 09:30 WIB"):
        assert ("other", line) in found, line  # the page head above the dateline
    assert ("dateline", "namaportal.id -") in found
    assert [label for label, text in found if text.startswith(("ILUSTRASI.", "Anak-anak membaca"))] == ["caption"] * 2
    assert [label for label, text in found if text in ("Berita Terkait", "Sekolah Apung Dibuka di Teluk Contoh",
                                                       "Guru Honorer Pulau Terluar Terima Insentif")] == ["read_also"] * 3
    assert [label for label, text in found if text in ("Tag:", "pendidikan", "pulau terluar")] == ["tags"] * 3
    assert ("copyright", PAGE.splitlines()[-1]) in found
    body = {"Seorang guru pensiunan membawa buku ke pulau-pulau kecil dengan perahu motor.",
            "Perahu itu singgah di tiga pulau setiap pekan."}
    assert not [text for _, text in found if any(b in text for b in body)]


def test_a_list_header_takes_only_the_short_lines_below_it():
    text = ("Judul Berita Contoh\n\nWarga menanam pohon di bantaran sungai pada Minggu.\n\nBaca juga:\n"
            "Sungai Contoh Kembali Jernih\n\nPenanaman akan diulang bulan depan di desa lain.\n")
    found = labels(text, "generic")
    assert ("read_also", "Sungai Contoh Kembali Jernih") in found
    assert not any("diulang" in t for _, t in found)


def test_a_sign_off_on_its_own_line_a_tags_header_and_an_advert_between_dashes():
    text = ("Judul Berita Contoh\n\nWarga menanam pohon di bantaran sungai pada Minggu.\n\n- Advertisement -\n\n"
            "Penanaman akan diulang bulan depan di desa lain.\n(tr/kn)\n\nTags\nlingkungan\nsungai contoh\n\n"
            "Editor: Maya Sari\n")
    found = labels(text, "generic")
    assert ("advert", "- Advertisement -") in found and ("signoff", "(tr/kn)") in found
    assert [label for label, t in found if t in ("Tags", "lingkungan", "sungai contoh")] == ["tags"] * 3
    assert not any("Penanaman" in t or "Warga menanam" in t for _, t in found)


def test_a_dash_after_a_name_in_the_middle_of_a_sentence_is_no_dateline():
    text = ("Judul Berita Contoh\n\nRapat warga digelar pada Senin.\n\n"
            "Sari Dewi – yang baru terpilih sebagai ketua – mengatakan iuran tidak naik.\n")
    assert not [label for label, _ in labels(text, "generic") if label == "dateline"]
