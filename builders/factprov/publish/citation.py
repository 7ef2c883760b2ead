"""Who to credit and when a version was released: CITATION.cff, CHANGELOG.md, and BibTeX made from them.

CITATION.cff holds what does not change with a release (title, authors, licence,
addresses once they exist). The version is read from the card and its date from the
``## [x.y.z] - YYYY-MM-DD`` heading of CHANGELOG.md, so nothing is stated twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HUB_URL = "https://huggingface.co/datasets/{repo_id}"


class CitationError(Exception):
    """CITATION.cff is missing or lacks what the card and Croissant need."""


@dataclass(frozen=True)
class Release:
    """What the card, Croissant and exports say about a release beyond its data."""

    version: str
    title: str
    authors: list[str]
    license: str
    date: str | None = None  # from CHANGELOG.md; None while the version has no dated entry
    url: str | None = None  # a public address: CITATION.cff's url, else the Hub repository published to
    repository: str | None = None  # CITATION.cff's repository-code
    contact: list[str] = field(default_factory=list)  # CITATION.cff's contact entries, as names or emails
    repo_id: str | None = None  # the Hub dataset repository, when publishing

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    @property
    def bibtex(self) -> str:
        key = "factprov" + (f"_{self.version.replace('.', '_')}" if self.version else "")
        fields = [("title", f"{{{self.title}}}"), ("author", " and ".join(f"{{{a}}}" for a in self.authors))]
        if self.year:
            fields.append(("year", self.year))
        fields.append(("note", f"Dataset version {self.version}" + ("" if self.date else ", not yet released")))
        if self.url:
            fields.append(("howpublished", f"\\url{{{self.url}}}"))
        width = max(len(name) for name, _ in fields)
        body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
        return f"@misc{{{key},\n{body}\n}}"


def _name(person: dict) -> str:
    if "name" in person:
        return str(person["name"])
    return " ".join(str(person[k]) for k in ("given-names", "name-particle", "family-names", "name-suffix")
                    if person.get(k))


def release_date(changelog: Path, version: str) -> str | None:
    """The date of ``## [version] - YYYY-MM-DD`` in CHANGELOG.md, or None."""
    if not changelog.is_file():
        return None
    match = re.search(rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})\s*$",
                      changelog.read_text(encoding="utf-8"), re.MULTILINE)
    return match[1] if match else None


def load(root: Path, version: str, repo_id: str | None = None) -> Release:
    """The release facts of the checkout at ``root``; ``repo_id`` is the Hub repository being published to."""
    path = root / "CITATION.cff"
    if not path.is_file():
        raise CitationError("CITATION.cff is missing; the card's citation is made from it")
    try:
        cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CitationError(f"CITATION.cff cannot be parsed: {exc}") from None
    if not isinstance(cff, dict) or not cff.get("title") or not cff.get("authors"):
        raise CitationError("CITATION.cff needs a title and at least one author")
    hub = HUB_URL.format(repo_id=repo_id) if repo_id else None
    return Release(
        version=version,
        title=str(cff["title"]),
        authors=[_name(a) for a in cff["authors"]],
        license=str(cff.get("license", "")),
        date=release_date(root / "CHANGELOG.md", version),
        url=cff.get("url") or hub,
        repository=cff.get("repository-code"),
        contact=[c.get("email") or _name(c) for c in cff.get("contact", [])],
        repo_id=repo_id,
    )
