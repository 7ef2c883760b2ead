"""The annotation rules, from ``guidelines.yaml``: one statement of each rule for the dataset card
and for CONTRIBUTING.md."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from factprov.base.writer import write_file

FILE = Path(__file__).with_name("guidelines.yaml")
GUIDE_MARKERS = ("<!-- guidelines:start -->", "<!-- guidelines:end -->")


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))


def definition(field: str, label: str) -> str:
    return " ".join(load()["labels"][field][label].split())


def inline(field: str) -> str:
    """The labels of ``field`` with their definitions, in one paragraph (a cell of the card's table)."""
    return " ".join(f"`{label}`: {definition(field, label)}" for label in load()["labels"][field])


def source_types() -> dict[str, str]:
    """Each source type (``source_type`` of schema/common.schema.json, in its order) with its definition."""
    return {name: " ".join(text.split()) for name, text in load()["source_types"].items()}


def source_type_list() -> str:
    """The source types as a phrase: "`person`, `organization`, ... or `document`"."""
    names = [f"`{name}`" for name in source_types()]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


def source_types_inline() -> str:
    """The source types with their definitions, in one paragraph (a cell of the card's table)."""
    return " ".join(f"`{name}`: {text}" for name, text in source_types().items())


def verified() -> str:
    return " ".join(load()["verified"].split())


def guide() -> str:
    """The Markdown that stands between the guidelines markers of CONTRIBUTING.md."""
    parts = ["### The labels", ""]
    for field, labels in load()["labels"].items():
        parts.append(f"`{field}`:")
        parts.append("")
        parts += [f"- `{label}`: {definition(field, label)}" for label in labels]
        parts.append("")
    parts += [verified(), "", "### Source types", "",
              "Each entry of `seeds/sources.yaml` has one `type`, which the dataset gives as `sources.type` and "
              "`speaker.type`:", ""]
    parts += [f"- `{name}`: {text}" for name, text in source_types().items()]
    parts += ["", "### Constructions of Indonesian news text", ""]
    for item in load()["constructions"]:
        parts += [f"**{item['name']}.** {' '.join(item['rule'].split())}", "", "```text",
                  item["example"].rstrip("\n"), "```", ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def guide_block() -> str:
    """The guide with its markers, as it stands in CONTRIBUTING.md."""
    start, end = GUIDE_MARKERS
    return f"{start}\n{guide()}{end}"


def update(text: str) -> str:
    """``text`` (CONTRIBUTING.md) with the block between the guidelines markers written afresh."""
    start, end = GUIDE_MARKERS
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    return before + guide_block() + after


if __name__ == "__main__":  # python -m factprov.build.guidelines CONTRIBUTING.md
    import sys

    for name in sys.argv[1:]:
        path = Path(name)
        write_file(path, update(path.read_text(encoding="utf-8")).encode("utf-8"), within=path.parent)
