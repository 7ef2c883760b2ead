"""Croissant 1.0 metadata (JSON-LD) with the RAI extension: files with their sha256, one record set
per data file whose fields follow the output schemas, linked by keys and references, and one
enumeration per ClassLabel.

The same function describes dataset/ (JSONL) and a release folder (typed Parquet). Only the
Parquet description reads back with every value as it is in the data: mlcroissant reads JSONL
with pandas, which turns a string column such as ``published`` ("2025") into floats.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

import datasets
import yaml

from factprov.build.schemas import OUTPUT_SCHEMAS
from factprov.publish import agreement
from factprov.publish.card import CONFIG_SUMMARY, LICENSE_FILE, TITLE, Layout, _environment, _people, _sentence_list

if TYPE_CHECKING:
    from factprov.build.pipeline import Outputs

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
KEYS = {"articles": "article_id", "statements": "statement_id", "claims": "claim_id", "sources": "source_id"}


def nullable_structs(outputs: "Outputs", config: str) -> set[str]:
    """Top-level struct fields that may be null, and whose sub-fields are all required and never null.

    Croissant has no null struct: mlcroissant gives a struct whose sub-fields are all null.
    For these fields that struct stands for null without ambiguity, and the field says so."""
    schemas = outputs.schemas
    doc = schemas.documents[OUTPUT_SCHEMAS[config]]
    out = set()
    for name, prop in doc["properties"].items():
        resolved, base = schemas.resolve(prop, doc["$id"])
        options = [schemas.resolve(o, base)[0] for o in resolved.get("anyOf", [])]
        objects = [o for o in options if o.get("type") == "object"]
        if objects and any(o.get("type") == "null" for o in options):
            sub = objects[0]
            if set(sub.get("required", [])) == set(sub["properties"]) and all(
                    "null" not in (v.get("type") if isinstance(v.get("type"), list) else [v.get("type")])
                    for v in sub["properties"].values()):
                out.add(name)
    return out


def _enumeration_id(name: str) -> str:
    return f"label-{name}"


def _data_type(feature: Any, layout: Layout) -> str:
    if isinstance(feature, datasets.ClassLabel):
        return "sc:Integer" if layout.extension == "parquet" else "sc:Text"  # JSONL holds the names
    if isinstance(feature, datasets.Value) and feature.dtype.startswith("int"):
        return "sc:Integer"
    return "sc:Text"


class _Fields:
    """The fields of one record set, with their references to other record sets."""

    def __init__(self, layout: Layout, config: str, split: str, splits: dict[str, dict[str, int]]):
        self.layout, self.config, self.split = layout, config, split
        self.record_set = f"{config}-{split}"
        self.file_id = layout.path(config, split)
        self.references = self._references(splits)
        self.nullable: set[str] = set()

    def _references(self, splits: dict[str, dict[str, int]]) -> dict[str, str]:
        """Field path -> the field it refers to: only where the target is one record set."""
        out = {}
        sources = [f"sources-{s}/name" for s in splits.get("sources", {})]
        if len(sources) == 1:
            out.update({"speaker/name": sources[0], "source_chain/name": sources[0], "cited_sources/name": sources[0]})
        if self.config == "statements" and self.split in splits.get("articles", {}):
            out["article_id"] = f"articles-{self.split}/article_id"
        return out

    def field(self, name: str, feature: Any, path: str | None = None, repeated_parent: bool = False) -> dict:
        path = path or name
        out: dict[str, Any] = {"@type": "cr:Field", "@id": f"{self.record_set}/{path}", "name": path}
        repeated = isinstance(feature, datasets.List)
        inner = feature.feature if repeated else feature
        column = path.split("/")[0]
        if isinstance(inner, dict):
            out["dataType"] = "sc:Text"
            if path in self.nullable:
                out["description"] = ("Null in the data where there is none; Croissant has no null struct, so a "
                                      "record then has every sub-field null (never the case otherwise).")
            out["subField"] = [self.field(sub, subfeature, f"{path}/{sub}", repeated) for sub, subfeature in inner.items()]
        else:
            out["dataType"] = _data_type(inner, self.layout)
            source: dict[str, Any] = {"fileObject": {"@id": self.file_id}, "extract": {"column": column}}
            if path != column:
                sub = path.split("/")[-1]
                source["transform"] = {"jsonPath": f"[*].{sub}" if repeated_parent else sub}
            out["source"] = source
            if isinstance(inner, datasets.ClassLabel):
                key = "index" if self.layout.extension == "parquet" else "name"
                out["references"] = {"field": {"@id": f"{_enumeration_id(column)}/{key}"}}
            elif path in self.references:
                out["references"] = {"field": {"@id": self.references[path]}}
        if repeated:
            out["repeated"] = True
        return out


def _enumeration(name: str, labels: list[str]) -> dict:
    """A ClassLabel as a Croissant enumeration: its index and its name."""
    rs = _enumeration_id(name)
    return {
        "@type": "cr:RecordSet",
        "@id": rs,
        "name": rs,
        "dataType": "sc:Enumeration",
        "description": f"The labels of {name}: a row holds the index; the name is the label.",
        "key": {"@id": f"{rs}/index"},
        "field": [
            {"@type": "cr:Field", "@id": f"{rs}/index", "name": "index", "dataType": "sc:Integer"},
            {"@type": "cr:Field", "@id": f"{rs}/name", "name": "name", "dataType": "sc:Text"},
        ],
        "data": [{f"{rs}/index": i, f"{rs}/name": label} for i, label in enumerate(labels)],
    }


def _rai(outputs: "Outputs") -> dict:
    articles = outputs.records["articles"]
    publishers = sorted({a["publisher"] for a in articles if a["publisher"]})
    unknown = sum(1 for a in articles if a["publisher"] is None)
    people, credited = _people(outputs)
    nulls = sum(1 for a in articles for note in a["notes"])
    text = _environment().get_template("rai.yaml.j2").render(
        n=outputs.rows,
        agreement=agreement.stated(outputs),
        n_wikidata=sum(1 for s in outputs.records["sources"] if s["wikidata_id"]),
        missing=(f"{nulls} notes in articles.notes say why a value is null or how it was established; "
                 "nothing is imputed."),
        publishers=(f"Publishers: {_sentence_list(publishers)}"
                    + (f"; not established for {unknown} of {len(articles)} articles." if unknown else ".")),
        personal=(f"The data names people as speakers and sources of published news ({people})"
                  + (f" and, as the texts credit them, {credited}" if credited else "")
                  + "; all are named in published articles, in a public role. No contact details, and nothing "
                    "about readers or annotators."),
    )
    return {f"rai:{key}": value for key, value in yaml.safe_load(text).items()}


def render(outputs: "Outputs", layout: Layout | None = None) -> str:
    layout = layout or Layout.jsonl(outputs)
    release = outputs.release
    distribution, record_sets = [], []
    labels: dict[str, list[str]] = {}
    for config, splits in outputs.split_sizes.items():
        features = outputs.schemas.features(config)
        labels.update({name: f.names for name, f in features.items() if isinstance(f, datasets.ClassLabel)})
        for split in splits:
            path = layout.path(config, split)
            distribution.append({
                "@type": "cr:FileObject",
                "@id": path,
                "name": path,
                "description": f"{config}, split {split}",
                "contentUrl": path,
                "encodingFormat": layout.encoding_format,
                "sha256": hashlib.sha256(layout.files[path]).hexdigest(),
            })
            fields = _Fields(layout, config, split, outputs.split_sizes)
            fields.nullable = nullable_structs(outputs, config)
            record_sets.append({
                "@type": "cr:RecordSet",
                "@id": fields.record_set,
                "name": fields.record_set,
                "description": f"{CONFIG_SUMMARY[config]} (split {split})",
                "key": {"@id": f"{fields.record_set}/{KEYS[config]}"},
                "field": [fields.field(name, feature) for name, feature in features.items()],
            })
    record_sets += [_enumeration(name, names) for name, names in sorted(labels.items())]
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": "factprov",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "description": (
            "Attributed statements in news articles, with verbatim quote spans, speakers, attribution cues, "
            f"source chains, fidelity and verification status with evidence. Content {outputs.fingerprint}. "
            "The licence covers the annotations; each article text remains under its publisher's rights, "
            f"stated per article in articles.text_rights (see {LICENSE_FILE})."
        ),
        "alternateName": TITLE,
        "version": outputs.version,
        "license": CC_BY,
        "inLanguage": sorted({a["language"] for a in outputs.records["articles"]} | {"en"}),
        "keywords": ["fact-checking", "provenance", "attribution", "quotation", "news"],
    }
    if release is not None:
        doc["creator"] = [{"@type": "sc:Organization", "name": name} for name in release.authors]
        doc["citeAs"] = release.bibtex
        if release.date:
            doc["datePublished"] = release.date
        if release.url:
            doc["url"] = release.url
        if release.repository:
            doc["sameAs"] = release.repository
    doc |= _rai(outputs)
    doc["distribution"] = distribution
    doc["recordSet"] = record_sets
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
