"""The ``rules`` baseline, one rule at a time, on sentences written for these tests (invented names
and places; nothing from the seed articles), and its figure on the development texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from factprov import devset
from factprov.extract import person_name, rules
from factprov.scoring import Tally

DEV = Path(__file__).resolve().parent / "fixtures" / "dev"


def found(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, quote, speaker) of every statement ``rules`` finds."""
    return [(s["kind"], text[s["quote"]["start"]:s["quote"]["end"]], (s.get("speaker") or {}).get("name"))
            for s in rules(text)]


def attributed(text: str) -> list[tuple[str, str | None]]:
    return [(quote, speaker) for kind, quote, speaker in found(text) if kind != "unattributed_claim"]


INTRO = "Rapat Warga\n\nKetua RT 05 Kampung Melati, Darmawan Saleh, memimpin rapat warga pada Minggu malam.\n"


@pytest.mark.parametrize("clitic", ["katanya", "ujarnya", "ucapnya", "tegasnya", "imbuhnya"])
def test_a_clitic_cue_takes_the_person_named_last(clitic):
    text = INTRO + f"Iuran kebersihan akan naik bulan depan, {clitic}.\n"
    assert attributed(text) == [("Iuran kebersihan akan naik bulan depan", "Darmawan Saleh")]


def test_menurutnya_takes_the_person_named_last():
    text = INTRO + "Menurutnya, jalan kampung perlu diperbaiki sebelum musim hujan.\n"
    assert attributed(text) == [("jalan kampung perlu diperbaiki sebelum musim hujan", "Darmawan Saleh")]


@pytest.mark.parametrize("pronoun", ["Dia", "Ia", "Beliau"])
def test_a_pronoun_subject_takes_the_person_named_last(pronoun):
    text = INTRO + f"{pronoun} mengatakan pos ronda akan dijaga bergiliran setiap malam.\n"
    assert attributed(text) == [("pos ronda akan dijaga bergiliran setiap malam", "Darmawan Saleh")]


def test_a_short_name_takes_the_full_name_given_before():
    text = INTRO + "Darmawan menambahkan, lampu jalan baru dipasang pekan ini.\n"
    assert attributed(text) == [("lampu jalan baru dipasang pekan ini", "Darmawan Saleh")]


def test_passive_cue_dikatakan():
    text = "Panen Raya\n\nDikatakan Wulan Pertiwi, hasil panen desa tahun ini naik dua kali lipat.\n"
    assert attributed(text) == [("hasil panen desa tahun ini naik dua kali lipat", "Wulan Pertiwi")]


def test_kata_after_the_content():
    text = "Panen Raya\n\nHarga gabah masih bertahan tinggi, kata Wulan Pertiwi di balai desa.\n"
    assert attributed(text) == [("Harga gabah masih bertahan tinggi", "Wulan Pertiwi")]


def test_menurut_before_and_after_the_content():
    text = ("Panen Raya\n\nMenurut Wulan Pertiwi, pupuk bersubsidi datang terlambat.\n"
            "Lumbung desa hampir penuh, menurut Koperasi Tani Makmur.\n")
    assert attributed(text) == [("pupuk bersubsidi datang terlambat", "Wulan Pertiwi"),
                                ("Lumbung desa hampir penuh", "Koperasi Tani Makmur")]


@pytest.mark.parametrize("sentence, speaker", [
    ("Juru bicara Kementerian Perhubungan, Gilang Ramadhan, mengatakan jadwal kereta kembali normal.",
     "Gilang Ramadhan"),
    ("Menteri Perindustrian RI Aryo Wicaksono mengatakan jadwal kereta kembali normal.", "Aryo Wicaksono"),
    ("Presiden Moravia Stefan Kovac mengatakan jadwal kereta kembali normal.", "Stefan Kovac"),
    ("Kepala Stasiun Cempaka Baru Hendro Pamungkas mengatakan jadwal kereta kembali normal.", "Hendro Pamungkas"),
    ("Kementerian Perhubungan mengatakan jadwal kereta kembali normal.", "Kementerian Perhubungan"),
])
def test_offices_ranks_and_places_before_a_name_are_not_the_name(sentence, speaker):
    assert attributed("Kereta Api\n\n" + sentence + "\n") == [("jadwal kereta kembali normal", speaker)]


def test_person_name_keeps_a_three_word_name_where_it_is_marked():
    assert person_name("Menteri Sosial RI Tri Ayu Kartika") == "Tri Ayu Kartika"
    assert person_name("Kepala Dinas Pasar Kota Sukajadi Rahmat Hidayat") == "Rahmat Hidayat"
    assert person_name("Namun Rahmat Hidayat") == "Rahmat Hidayat"


def test_a_quotation_over_several_sentences_is_one_quote():
    text = 'Pasar Baru\n\n"Pasar ini sudah tua. Atapnya bocor di mana-mana," kata Yohanes Tanoto, pedagang sayur.\n'
    assert attributed(text) == [("Pasar ini sudah tua. Atapnya bocor di mana-mana", "Yohanes Tanoto")]


def test_a_quotation_over_two_paragraphs_takes_the_speaker_of_its_last_part():
    text = ('Pasar Baru\n\n"Pasar ini sudah tua dan sempit.\n\n'
            '"Kami minta segera dibangun ulang," ujar Yohanes Tanoto.\n')
    assert attributed(text) == [("Pasar ini sudah tua dan sempit", "Yohanes Tanoto"),
                                ("Kami minta segera dibangun ulang", "Yohanes Tanoto")]


def test_a_quotation_whose_cue_is_in_the_next_sentence():
    text = ('Pasar Baru\n\n"Pembangunan pasar harus melibatkan pedagang lama." Hal itu disampaikan '
            'Ketua Paguyuban Pedagang Yohanes Tanoto di kantor kecamatan.\n')
    assert found(text) == [("direct_quote", "Pembangunan pasar harus melibatkan pedagang lama", "Yohanes Tanoto")]


def test_a_line_of_the_form_speaker_colon_claim():
    text = "Kabar Pagi\n\nSatpol PP: Lapak di trotoar akan ditertibkan mulai Senin\n"
    assert attributed(text) == [("Lapak di trotoar akan ditertibkan mulai Senin", "Satpol PP")]


def test_several_cued_clauses_in_one_sentence_give_several_statements():
    text = ("Sungai Bersih\n\nCamat Sukamulya Irfan Hakim menekankan pentingnya memilah sampah serta mengatakan "
            "bank sampah akan dibuka di setiap kelurahan.\n")
    assert attributed(text) == [("pentingnya memilah sampah", "Irfan Hakim"),
                                ("bank sampah akan dibuka di setiap kelurahan", "Irfan Hakim")]


def test_datelines_captions_and_notices_are_left_out():
    text = ("Sungai Bersih\n\nFoto: Warga membersihkan bantaran sungai. (Kabar Kota/Ardi)\n\n"
            "SUKAMULYA, Kabar Kota - Ratusan warga membersihkan sungai pada Minggu pagi.\n\nADVERTISEMENT\n")
    assert found(text) == [("unattributed_claim", "Ratusan warga membersihkan sungai pada Minggu pagi", None)]


def test_a_title_before_a_name_does_not_end_the_sentence():
    text = 'Klinik Baru\n\n"Klinik ini buka setiap hari," kata dr. Melati Kusuma di lokasi.\n'
    assert attributed(text) == [("Klinik ini buka setiap hari", "Melati Kusuma")]


def test_rules_on_the_development_texts():
    """The figure the README reports: the share of attributed statements whose speaker is found, and
    quote F1, on the team's development texts (they hold no seed text; see tests/fixtures/dev)."""
    gold = devset.load(DEV)
    from factprov.scoring import Predicted, score

    predictions = {a: [Predicted(s["quote"]["start"], s["quote"]["end"], (s.get("speaker") or {}).get("name"),
                                 None, None, s.get("kind")) for s in rules(article.text)]
                   for a, article in gold.articles.items()}
    total = Tally.of(gold, predictions).total
    kinds = ("direct_quote", "indirect_quote")
    speaker_found = sum(total.by_kind[(k, "attributed")] for k in kinds) / sum(total.by_kind[(k, "gold")]
                                                                             for k in kinds)
    assert speaker_found >= 0.9
    assert score(gold, predictions, resamples=10)["micro"]["quote_overlap"]["f1"] >= 0.9
