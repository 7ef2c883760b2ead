"""The gold statements a model is scored against: the ``statements`` of one split of dataset/,
read with pyarrow (200,000 statements in about a second), or any :class:`Gold` built in memory
(the development texts, a folder of texts)."""

from __future__ import annotations

from dataclasses import dataclass

from factprov.base import writer
from factprov.base.project import Project

KINDS = ("direct_quote", "indirect_quote", "unattributed_claim")


@dataclass(frozen=True)
class GoldStatement:
    statement_id: str
    start: int
    end: int
    kind: str
    speaker_names: frozenset[str]  # canonical name and aliases, casefolded; empty for an unknown publisher
    wikidata_id: str | None
    cue: tuple[int, int] | None


@dataclass
class GoldArticle:
    article_id: str
    text: str
    statements: list[GoldStatement]


@dataclass
class Gold:
    """The gold statements of one split, and what the scores are reported against."""

    split: str
    version: str
    fingerprint: str
    articles: dict[str, GoldArticle]

    @classmethod
    def load(cls, project: Project, split: str = "test") -> "Gold":
        """The gold of ``split`` from the built dataset/ (read with pyarrow: 200,000 statements in about 1 s)."""
        import pyarrow as pa  # heavy to import: only scoring needs it
        from pyarrow import json as pa_json

        data = project.dataset / "data"

        def table(config: str, name: str, fields: list) -> dict[str, list]:
            path = data / config / f"{name}.jsonl"
            if not path.is_file():
                raise FileNotFoundError(f"{project.rel(path)} is missing: run `factprov build` first, or choose "
                                        f"another --split")
            options = pa_json.ParseOptions(explicit_schema=pa.schema(fields), unexpected_field_behavior="ignore")
            read = pa_json.read_json(path, parse_options=options)
            out = {}
            for name_, kind in fields:
                column = read.column(name_).combine_chunks()
                if pa.types.is_struct(kind):
                    valid = column.is_valid().to_pylist()
                    for sub in kind:
                        values = column.field(sub.name).to_pylist()
                        out[f"{name_}.{sub.name}"] = [v if ok else None for v, ok in zip(values, valid)]
                else:
                    out[name_] = column.to_pylist()
            return out

        span = pa.struct([("start", pa.int64()), ("end", pa.int64())])
        sources = table("sources", "full", [("name", pa.string()), ("aliases", pa.list_(pa.string()))])
        names = {name: frozenset(n.casefold() for n in [name, *aliases])
                 for name, aliases in zip(sources["name"], sources["aliases"])}
        articles_ = table("articles", split, [("article_id", pa.string()), ("text", pa.string())])
        articles = {a: GoldArticle(a, text, []) for a, text in zip(articles_["article_id"], articles_["text"])}
        st = table("statements", split, [
            ("statement_id", pa.string()), ("article_id", pa.string()), ("kind", pa.string()), ("quote", span),
            ("speaker", pa.struct([("name", pa.string()), ("wikidata_id", pa.string())])), ("cue", span)])
        for i, sid in enumerate(st["statement_id"]):
            cue = (st["cue.start"][i], st["cue.end"][i]) if st["cue.start"][i] is not None else None
            articles[st["article_id"][i]].statements.append(GoldStatement(
                sid, st["quote.start"][i], st["quote.end"][i], st["kind"][i],
                names.get(st["speaker.name"][i], frozenset()), st["speaker.wikidata_id"][i], cue))
        return cls(split, project.version(), writer.fingerprint_on_disk(project.dataset), articles)


