"""Where a factprov checkout keeps its inputs and outputs."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from factprov.base.yamlio import YamlError, check_characters, decode_utf8, read_limited, scan

FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)---\n", re.DOTALL)
MAX_CARD_BYTES = 50_000_000  # the card lists every article: some 200 bytes each
SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


class ProjectError(Exception):
    """The folder is not a factprov checkout, or its card has no readable version; ``code`` is the issue code."""

    def __init__(self, message: str, code: str = "version"):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def schema(self) -> Path:
        return self.root / "schema"

    @property
    def dataset(self) -> Path:
        return self.root / "dataset"

    @property
    def card(self) -> Path:
        return self.dataset / "README.md"

    @property
    def registry(self) -> Path:
        return self.seeds / "sources.yaml"

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, with forward slashes, for messages."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def check_inside(self, path: Path) -> None:
        """Refuse a path that leads out of seeds/ (a symbolic link, or ``..``): a :class:`YamlError` ``path``.

        Call it on a seed folder before the files in it."""
        if not path.is_symlink() and ".." not in path.parts:
            return  # a plain entry of a folder already checked (resolving every path is slow at scale)
        real, seeds = path.resolve(), self.seeds.resolve()
        if real != seeds and seeds not in real.parents:
            how = f"is a symbolic link to {real}" if path.is_symlink() else f"resolves to {real}"
            raise YamlError(f"{self.rel(path)} {how}, outside seeds/; seed files must live in seeds/",
                            code="path")

    def check_layout(self) -> None:
        """Refuse ``seeds/`` or ``schema/`` that lead out of the checkout (a :class:`YamlError` ``path``).

        Files inside seeds/ are checked against seeds/ itself, so seeds/ must not be a
        link to a folder elsewhere."""
        root = self.root.resolve()
        for folder in (self.seeds, self.schema):
            real = folder.resolve()
            if real != root and root not in real.parents:
                raise YamlError(f"{self.rel(folder)}/ is a symbolic link to {real}, outside the checkout; "
                                "the inputs of a build live in the checkout", code="path")

    def seed_folders(self) -> list[Path]:
        """Every seed folder (hidden ones excluded), in name order; a link to a folder counts, to be refused later."""
        with os.scandir(self.seeds) as entries:
            names = sorted(e.name for e in entries if not e.name.startswith(".") and e.is_dir())
        return [self.seeds / name for name in names]

    def version(self) -> str:
        """The dataset version: the ``version`` key of the card's YAML, its one statement."""
        return read_card_version(self.card)

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The checkout containing ``start`` (default: the working folder), else the one this package lives in."""
        here = (start or Path.cwd()).resolve()
        candidates = [here, *here.parents, Path(__file__).resolve().parents[3]]  # builders/factprov/base/ -> the checkout
        for folder in candidates:
            if (folder / "seeds").is_dir() and (folder / "schema").is_dir():
                return cls(folder)
        raise ProjectError(f"no factprov checkout (a folder with seeds/ and schema/) at or above {here}")


def read_card_version(card: Path) -> str:
    if not os.path.lexists(card):
        raise ProjectError(f"{card}: missing; the dataset version is stated in this card's YAML")
    try:
        text = decode_utf8(read_limited(card, MAX_CARD_BYTES))
    except YamlError as exc:
        raise ProjectError(f"{card}: {exc.message}", "io" if exc.code in ("io", "too-large") else "version") from None
    return parse_card_version(text, str(card))


def parse_card_version(text: str, where: str) -> str:
    match = FRONT_MATTER.match(text)
    if not match:
        raise ProjectError(f"{where}: no YAML front matter between '---' lines")
    try:
        check_characters(match["yaml"])  # plain data only: no control character, alias bomb or tag
        scan(match["yaml"])
        meta = yaml.safe_load(match["yaml"]) or {}
    except YamlError as exc:
        raise ProjectError(f"{where}: the YAML front matter, line {(exc.line or 0) + 1}: {exc.message}") from None
    except yaml.YAMLError as exc:
        raise ProjectError(f"{where}: the YAML front matter cannot be parsed: {exc}") from None
    version = meta.get("version") if isinstance(meta, dict) else None
    if not isinstance(version, str) or not SEMVER.match(version):
        raise ProjectError(f"{where}: 'version' must be a semantic version such as 0.1.0, found {version!r}")
    return version
