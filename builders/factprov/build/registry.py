"""seeds/sources.yaml, the registry of speakers, outlets and agencies: their canonical names, types, Wikidata
ids and aliases, with what is needed to point at an entry's line."""

from __future__ import annotations

from dataclasses import dataclass, field

from factprov.base.project import Project
from factprov.base.report import Issue, Report
from factprov.base.yamlio import Located
from factprov.build.inputs import issue_at, load_yaml
from factprov.build.schemas import Schemas


@dataclass
class Source:
    name: str
    type: str
    wikidata_id: str | None
    aliases: list[str]
    note: str | None
    index: int  # position in seeds/sources.yaml

@dataclass
class Registry:
    """seeds/sources.yaml: canonical names, with what is needed to point at an entry's line."""

    file: str
    doc: Located | None
    sources: dict[str, Source]
    alias_of: dict[str, str] = field(default_factory=dict)  # alias -> canonical name
    # Names of entries with schema errors, already reported: other checks stay quiet about them,
    # so that one mistake in sources.yaml gives one error. ``unreadable``: the whole file failed.
    broken: set[str] = field(default_factory=set)
    unreadable: bool = False

    def reported(self, name: str | None) -> bool:
        """Whether a problem with ``name`` is already reported against sources.yaml."""
        return self.unreadable or name in self.broken

    def issue(self, name: str, field: str, code: str, message: str) -> Issue:
        return issue_at(self.file, self.doc, ("sources", self.sources[name].index, field), code, message)

def load_registry(project: Project, schemas: Schemas, report: Report) -> Registry:
    rel = project.rel(project.registry)
    errors: list = []
    doc = load_yaml(project, project.registry, "sources-registry", schemas, report, errors_out=errors)
    out: dict[str, Source] = {}
    if doc is None or any(len(e.absolute_path) < 2 for e in errors):
        return Registry(rel, doc, out, unreadable=True)  # an error outside any one entry
    bad = {e.absolute_path[1] for e in errors}  # entries with an error: sources[i]
    broken = {entry["name"] for i, entry in enumerate(doc.data["sources"])
              if i in bad and isinstance(entry, dict) and isinstance(entry.get("name"), str)}
    for i, entry in enumerate(doc.data["sources"]):
        if i in bad:
            continue
        if entry["name"] in out:
            report.add(issue_at(rel, doc, ("sources", i, "name"), "duplicate-id",
                                f"source {entry['name']!r} is listed twice"))
            continue
        out[entry["name"]] = Source(entry["name"], entry["type"], entry["wikidata_id"], list(entry["aliases"]),
                                    entry["note"], i)
    registry = Registry(rel, doc, out, broken=broken)
    # One speaker, one canonical name: a spelling belongs to one source only.
    owner: dict[str, str] = {}
    for name, src in out.items():
        for j, spelling in enumerate([name, *src.aliases]):
            key = spelling.casefold()
            if key in owner and owner[key] != name:
                where = ("sources", src.index, "aliases", j - 1) if j else ("sources", src.index, "name")
                report.add(issue_at(rel, doc, where, "source-name",
                                    f"{spelling!r} is already a name or alias of {owner[key]!r}; one spelling "
                                    "names one source (merge the two entries, or drop the alias)"))
            owner.setdefault(key, name)
            if j and spelling != name:
                registry.alias_of.setdefault(spelling, name)
    return registry
