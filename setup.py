"""Packaging that pyproject.toml cannot state alone: the source folder builders/ is installed as
the package ``factprov`` (also in editable installs), with every template and data file in it, and
the version is the dataset's, read from the one place it is stated, the card's YAML."""

import re
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
SOURCE = "builders"  # the folder; installed as the package below
PACKAGE = "factprov"


def version() -> str:
    card = (HERE / "dataset" / "README.md").read_text(encoding="utf-8")
    front = card.split("\n---\n", 1)[0]
    match = re.search(r"^version: ['\"]?([0-9][0-9A-Za-z.+-]*)['\"]?$", front, re.MULTILINE)
    if match is None:
        raise SystemExit("dataset/README.md states no version: in its YAML front matter")
    return match.group(1)


packages = find_packages(include=[SOURCE, f"{SOURCE}.*"])
data = sorted(p.relative_to(HERE / SOURCE).as_posix() for p in (HERE / SOURCE).rglob("*")
              if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts)
setup(
    version=version(),
    packages=[PACKAGE + name[len(SOURCE):] for name in packages],
    package_dir={PACKAGE: SOURCE},
    package_data={PACKAGE: data},
)
