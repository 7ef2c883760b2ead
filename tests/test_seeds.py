"""The seed folders: byte-exact texts and honest metadata, checked for every folder."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from .conftest import ROOT, SEED_IDS

SHARED = ROOT.parent / "shared" / "seeds"
# The first hex digits of the seed texts as they were handed over.
HANDED_OVER = {"000_b3587dce40a2b0e3.txt": "00231461", "001_3efa282232337d19.txt": "0284e609"}

pytestmark = pytest.mark.corpus  # the live seeds and dataset/: invariants of any valid corpus


@pytest.mark.parametrize("seed", SEED_IDS)
def test_text_matches_recorded_sha256(seed):
    folder = ROOT / "seeds" / seed
    meta = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8"))
    digest = hashlib.sha256((folder / "article.txt").read_bytes()).hexdigest()
    assert digest == meta["text_sha256"]
    assert meta["article_id"] == seed
    if meta["seed_file"] in HANDED_OVER:
        assert digest.startswith(HANDED_OVER[meta["seed_file"]])


@pytest.mark.parametrize("seed", SEED_IDS)
def test_text_is_byte_identical_to_the_handed_over_file(seed):
    meta = yaml.safe_load((ROOT / "seeds" / seed / "meta.yaml").read_text(encoding="utf-8"))
    original = SHARED / meta["seed_file"]
    if not original.exists():
        pytest.skip("the handed-over seed files are not beside this checkout")
    assert (ROOT / "seeds" / seed / "article.txt").read_bytes() == original.read_bytes()


@pytest.mark.parametrize("seed", SEED_IDS)
def test_every_null_has_a_note(seed):
    meta = yaml.safe_load((ROOT / "seeds" / seed / "meta.yaml").read_text(encoding="utf-8"))
    for field in ("publisher", "url", "published"):
        if meta[field] is None:
            assert meta["notes"].get(field)
    for role, value in meta["credits"].items():
        if value is None:
            assert meta["notes"].get(f"credits.{role}")


def test_every_seed_folder_has_its_three_files():
    for seed in SEED_IDS:
        for name in ("article.txt", "meta.yaml", "statements.yaml"):
            assert (ROOT / "seeds" / seed / name).is_file(), f"seeds/{seed}/{name} is missing"
