"""Croissant 1.0 metadata (JSON-LD) for dataset/: files with their sha256, and one record
set per data file whose fields follow the output schemas."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

import datasets

from .card import CONFIG_SUMMARY

if TYPE_CHECKING:
    from .pipeline import Outputs

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


def _data_type(feature: Any) -> str:
    if isinstance(feature, datasets.Value) and feature.dtype.startswith("int"):
        return "sc:Integer"
    return "sc:Text"  # strings, and ClassLabel fields, which the JSONL files hold as their names


def _field(record_set: str, file_id: str, name: str, feature: Any, column: str, path: str | None) -> dict:
    out: dict[str, Any] = {"@type": "cr:Field", "@id": f"{record_set}/{path or name}", "name": f"{record_set}/{path or name}"}
    source: dict[str, Any] = {"fileObject": {"@id": file_id}, "extract": {"column": column}}
    repeated = isinstance(feature, datasets.List)
    inner = feature.feature if repeated else feature
    if isinstance(inner, dict):
        out["dataType"] = "sc:Text"
        prefix = f"{path or name}/"
        out["subField"] = [_field(record_set, file_id, sub, subfeature, column, prefix + sub)
                           | {"source": {"fileObject": {"@id": file_id}, "extract": {"column": column},
                                         "transform": {"jsonPath": (f"[*].{sub}" if repeated else sub)}}}
                           for sub, subfeature in inner.items()]
    else:
        out["dataType"] = _data_type(inner)
        out["source"] = source
    if repeated:
        out["repeated"] = True
    return out


def render(outputs: "Outputs") -> str:
    distribution, record_sets = [], []
    for config, splits in outputs.split_sizes.items():
        features = outputs.schemas.features(config)
        for split in splits:
            path = f"data/{config}/{split}.jsonl"
            file_id = path
            distribution.append({
                "@type": "cr:FileObject",
                "@id": file_id,
                "name": file_id,
                "description": f"{config}, split {split}",
                "contentUrl": path,
                "encodingFormat": "application/jsonlines",
                "sha256": hashlib.sha256(outputs.data_files[path]).hexdigest(),
            })
            record_set = f"{config}-{split}"
            record_sets.append({
                "@type": "cr:RecordSet",
                "@id": record_set,
                "name": record_set,
                "description": f"{CONFIG_SUMMARY[config]} (split {split})",
                "field": [_field(record_set, file_id, name, feature, name, None) for name, feature in features.items()],
            })
    doc = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": "factprov",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "description": (
            "Attributed statements in news articles, with verbatim quote spans, speakers, attribution cues, "
            f"source chains, fidelity and verification status with evidence. Content {outputs.fingerprint}. "
            "The licence below covers the annotations; the article texts remain the property of their publishers."
        ),
        "version": outputs.version,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "citeAs": "factprov: attributed statements and their provenance, dataset version " + outputs.version,
        "inLanguage": ["id", "en"],
        "keywords": ["fact-checking", "provenance", "attribution", "quotation", "news"],
        "distribution": distribution,
        "recordSet": record_sets,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
