"""The dataset card: YAML metadata that ``datasets`` reads, and the prose a reader needs.

The features in the YAML are derived from the output schemas. The version goes into
every config entry, where ``datasets`` reads it, and the content fingerprint into each
config's description, so that a rebuild with new data changes the cache key. The prose
is the Jinja2 template ``templates/card.md.j2``; the tables made from the data are the
functions below, passed into it as Markdown.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

import datasets
import jinja2
from datasets.info import DatasetInfo, DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCardData

from factprov.base import writer
from factprov.build import guidelines
from factprov.publish import agreement

if TYPE_CHECKING:
    from factprov.build.pipeline import Outputs

DEFAULT_CONFIG = "statements"
LICENSE_NAME = "cc-by-4.0-annotations-publisher-texts"
LICENSE_FILE = "LICENSE.md"
TITLE = "factprov: attributed statements and their provenance"
TEMPLATES = Path(__file__).parent / "templates"
# The Hub's size buckets, as datasets lists them (datasets/utils/resources/size_categories.json).
SIZE_CATEGORIES = ["n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M", "100M<n<1B",
                   "1B<n<10B", "10B<n<100B", "100B<n<1T", "n>1T"]

CONFIG_SUMMARY = {
    "articles": "one row per article: the text exactly as received, its metadata and its boilerplate spans",
    "statements": "one row per statement: quote span, speaker, cue, source chain, fidelity, verification status and evidence",
    "claims": "one row per proposition: the statements, across articles, that report it",
    "sources": "one row per speaker, outlet or agency named anywhere, with the spellings seen",
}


@dataclass(frozen=True)
class Layout:
    """The data files a card describes: JSONL in dataset/, Parquet in a release."""

    extension: str
    files: Mapping[str, bytes | bytearray]  # path -> bytes, for every config and split

    @classmethod
    def jsonl(cls, outputs: "Outputs") -> "Layout":
        return cls("jsonl", outputs.data_files)

    def path(self, config: str, split: str) -> str:
        return f"data/{config}/{split}.{self.extension}"

    @property
    def encoding_format(self) -> str:
        return {"jsonl": "application/jsonlines", "parquet": "application/x-parquet"}[self.extension]


def size_category(n: int) -> str:
    """The Hub's size bucket for ``n`` rows of the main config."""
    for exponent, label in enumerate(SIZE_CATEGORIES[:-1], start=3):
        if n < 10 ** exponent:
            return label
    return SIZE_CATEGORIES[-1]


def num_bytes(outputs: "Outputs", config: str, split: str) -> int:
    """Bytes of the split as a typed Arrow table: what ``datasets`` reports as ``num_bytes`` for the Parquet release."""
    return outputs.num_bytes[f"data/{config}/{split}.jsonl"]


def article_languages(outputs: "Outputs") -> list[str]:
    return sorted({a["language"] for a in outputs.records["articles"]})


def card_data(outputs: "Outputs", layout: Layout) -> DatasetCardData:
    languages = sorted(set(article_languages(outputs)) | {"en"})  # glosses and rationales are English
    data = DatasetCardData(
        version=outputs.version,
        pretty_name=TITLE,
        language=languages,
        license="other",
        license_name=LICENSE_NAME,
        license_link=LICENSE_FILE,
        annotations_creators=["other"],  # the factprov contributors; their expertise is not recorded
        language_creators=["found"],  # news texts as published
        multilinguality=["multilingual" if len(languages) > 1 else "monolingual"],
        source_datasets=["original"],
        task_categories=["text-classification", "token-classification"],
        task_ids=["fact-checking"],
        size_categories=[size_category(outputs.rows["statements"])],
        tags=["fact-checking", "provenance", "attribution", "quotation", "news", "indonesian"],
        fingerprint=outputs.fingerprint,
    )
    infos = {}
    configs = {}
    for config, splits in outputs.split_sizes.items():
        split_dict = datasets.SplitDict()
        for split, rows in splits.items():
            split_dict.add(datasets.SplitInfo(name=split, num_examples=rows, num_bytes=num_bytes(outputs, config, split)))
        infos[config] = DatasetInfo(
            features=outputs.schemas.features(config), config_name=config, splits=split_dict,
            download_size=sum(len(layout.files[layout.path(config, split)]) for split in splits),
            dataset_size=sum(num_bytes(outputs, config, split) for split in splits),
        )
        configs[config] = {
            "data_files": [{"split": split, "path": layout.path(config, split)} for split in splits],
            "version": outputs.version,
            "description": f"factprov {outputs.version} {config}; content {outputs.fingerprint}",
            **({"default": True} if config == DEFAULT_CONFIG else {}),
        }
    DatasetInfosDict(infos).to_dataset_card_data(data)
    MetadataConfigs(configs).to_dataset_card_data(data)
    return data


def _cell(value: object) -> str:
    """A value as one Markdown table cell: a ``|`` cannot end the cell, HTML is shown as text, one line."""
    text = " ".join(str(value).split())  # a line break would end the row
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(header: list[str], rows: list[list[object]], escape: bool = True) -> str:
    """A Markdown table; cells that the card writes itself may hold Markdown (`code`, **bold**), every cell
    is escaped so that a title or name from the data cannot break the table or inject HTML. ``escape=False``
    is for cells escaped already (the leaderboard's)."""
    cell = _cell if escape else str
    lines = ["| " + " | ".join(map(cell, header)) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def statistics(outputs: "Outputs") -> str:
    kinds, statuses = outputs.schemas.labels("kind"), outputs.schemas.labels("verification_status")
    by_kind, by_status = outputs.counts("kind"), outputs.counts("verification_status")
    articles = outputs.records["articles"]
    rows = [[f"`{a['article_id']}`", a["split"]] for a in articles] + [["**all**", ""]]
    keys = [[a["article_id"]] for a in articles] + [[a["article_id"] for a in articles]]
    for row, ids in zip(rows, keys):
        row.append(sum(by_kind[(a, k)] for a in ids for k in kinds))
        row += [sum(by_kind[(a, k)] for a in ids) for k in kinds]
        row += [sum(by_status[(a, v)] for a in ids) for v in statuses]
    return _table(["article", "split", "statements", *kinds, *statuses], rows)


def articles_table(outputs: "Outputs") -> str:
    counts = Counter()
    for (article, _), n in outputs.counts("kind").items():
        counts[article] += n
    rows = [[f"`{a['article_id']}`", a["language"], a["publisher"] or "not established", a["published"] or "not established",
             a["title"] or "(no headline)", a["split"], counts[a["article_id"]]] for a in outputs.records["articles"]]
    return _table(["article", "language", "publisher", "published", "headline", "split", "statements"], rows)


def null_values(outputs: "Outputs") -> str:
    lines = []
    for a in outputs.records["articles"]:
        nulls = [n["field"] for n in a["notes"] if _value(a, n["field"]) is None]
        if nulls:
            lines.append(f"  - `{a['article_id']}`: " + ", ".join(f"`{f}`" for f in nulls))
    return "\n".join(lines) or "  - none"


def _value(record: dict, dotted: str) -> object:
    value: object = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def leaderboard(outputs: "Outputs") -> str:
    """The baselines' scores from benchmarks/results.json, with their 95% intervals, the comparisons
    in plain words, and the data they were scored against. Every value from the file is escaped
    for Markdown (the file is an input, checked against its schema, but still text from outside)."""
    import re

    from factprov.bench.leaderboard import comparison_sentences, leaderboard_rows  # the scorer: only needed here

    def md(value: object) -> str:
        text = html.escape(" ".join(str(value).split()), quote=True)
        return re.sub(r"([\\`*_\[\]#!|~])", r"\\\1", text)

    board = outputs.leaderboard
    resamples = f"{board['bootstrap']['resamples']:,}" if board is not None else "1,000"
    how = ("Scores of the shipped baselines on the gold statements, from `factprov bench --baselines`. The scorer "
           "and the figures are defined in the factprov README. Each figure is followed by its 95% bootstrap "
           f"interval, from {resamples} resamples of the articles with a fixed seed: with a few dozen statements, "
           "intervals are wide, and two models whose intervals overlap may not differ at all. A model of your own "
           "plugs in with `factprov extract --model package.module:function`.\n\n"
           "The seed articles are the `test` split: no baseline was developed on them. The rules of the `rules` "
           "baseline were written against the team's own development texts (short Indonesian news-style texts "
           "kept with the tests), and a test checks that the baselines' code holds no phrase of the articles and "
           "no name of the sources registry.")
    if board is None:
        return how + "\n\nNo scores have been recorded yet."
    header, rows = leaderboard_rows(board)
    table = _table([md(h) for h in header], [[md(c) for c in row] for row in rows], escape=False)
    sentences = "\n".join(f"- {md(s)}" for s in comparison_sentences(board))
    data = board["dataset"]
    # The split is one of the names schema/common.schema.json allows: safe inside a code span.
    against = (f"Scored against version {md(data['version'])}, split `{data['split']}`, content "
               f"{md(data['fingerprint'])}.")
    if data["fingerprint"] != outputs.fingerprint:
        against += (" **The data has changed since then**: these scores are for the content named here, not for "
                    "this release. Run `factprov bench --baselines` again.")
    return "\n\n".join(part for part in (how, table, sentences, against) if part)


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True, trim_blocks=True, autoescape=False)


def _sentence_list(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"; "none" for no items."""
    if len(items) < 2:
        return items[0] if items else "none"
    return ", ".join(items[:-1]) + " and " + items[-1]


def instance(outputs: "Outputs") -> str:
    """One statement as JSON: the first with a cue (else the first), labels as names."""
    first = None
    for buffer in outputs.statement_lines.values():  # decoded one at a time: a corpus may hold 200,000
        for line in writer.lines(buffer):
            row = json.loads(line)
            first = first or row
            if row["cue"] is not None:
                return json.dumps(row, ensure_ascii=False, indent=2)
    return json.dumps(first or {}, ensure_ascii=False, indent=2)


MAX_NAMED = 20  # people named in the card's and Croissant's prose; the rest are counted


def _named(names: list[str], where: str) -> str:
    if len(names) <= MAX_NAMED:
        return _sentence_list(names)
    return ", ".join(names[:MAX_NAMED]) + f" and {len(names) - MAX_NAMED} more ({where})"


def _inline(value: object) -> str:
    """A value inside a sentence of the card: one line, HTML shown as text."""
    return html.escape(" ".join(str(value).split()), quote=False)


def _people(outputs: "Outputs") -> tuple[str, str]:
    """The people the data names as speakers and sources, and those the texts credit (escaped for prose)."""
    people = sorted(_inline(s["name"]) for s in outputs.records["sources"] if s["type"] == "person")
    credited = sorted({_inline(name) for a in outputs.records["articles"] for name in a["credits"].values() if name})
    return _named(people, "see `sources`"), _named(credited, "see `articles.credits`") if credited else ""


def _contact(outputs: "Outputs") -> str:
    release = outputs.release
    if release is not None and release.contact:
        return "Contact: " + ", ".join(release.contact) + "."
    where = release.repository if release is not None and release.repository else None
    if where:
        return f"No contact address has been published. Questions and corrections: the issue tracker of {where}."
    return ("No contact address has been published, and the factprov repository has no public address yet "
            "(CITATION.cff will give it). Corrections to the data are made in the repository's seeds, as its "
            "CONTRIBUTING.md describes.")


def render(outputs: "Outputs", layout: Layout | None = None) -> str:
    """The whole README.md of dataset/ (JSONL) or of a release folder (``layout``)."""
    layout = layout or Layout.jsonl(outputs)
    data = card_data(outputs, layout)
    release = outputs.release
    n = outputs.rows
    config_rows = [[f"`{c}`", ", ".join(f"`{s}` ({r})" for s, r in outputs.split_sizes[c].items()), CONFIG_SUMMARY[c]]
                   for c in outputs.split_sizes]
    articles = outputs.records["articles"]
    publishers = sorted({a["publisher"] for a in articles if a["publisher"]})
    unknown = sum(1 for a in articles if a["publisher"] is None)
    people, credited = _people(outputs)
    statuses = outputs.counts("verification_status")
    repo_id = release.repo_id if release else None
    body = _environment().get_template("card.md.j2").render(
        card_data=data.to_yaml(),
        title=TITLE,
        version=outputs.version,
        fingerprint=outputs.fingerprint,
        n=n,
        n_multi=sum(1 for c in outputs.records["claims"] if c["n_reports"] > 1),
        n_not_enough=sum(v for (_, status), v in statuses.items() if status == "not_enough_evidence"),
        n_unknown_publisher=unknown,
        n_wikidata=sum(1 for s in outputs.records["sources"] if s["wikidata_id"]),
        article_languages=", ".join(f"`{lang}`" for lang in article_languages(outputs)),
        authors=", ".join(release.authors) if release else "not stated",
        release_date=release.date if release else None,
        url=release.url if release else None,
        repo_id=repo_id,
        load_path=repo_id or "/absolute/path/to/dataset",
        license_file=LICENSE_FILE,
        configs=_table(["config", "splits (rows)", "what a row is"], config_rows),
        instance=instance(outputs),
        articles=articles_table(outputs),
        nulls=null_values(outputs),
        statistics=statistics(outputs),
        leaderboard=leaderboard(outputs),
        agreement=agreement.stated(outputs),
        publishers=_sentence_list(publishers) + (f"; for {unknown} article(s) the publisher is not established"
                                                 if unknown else ""),
        people=people,
        credited=credited,
        bibtex=release.bibtex if release else "",
        contact=_contact(outputs),
        verified=guidelines.verified(),
        source_type_list=guidelines.source_type_list(),
        source_types=guidelines.source_types_inline(),
        constructions="\n".join(f"- **{c['name']}.** {' '.join(c['rule'].split())}"
                                 for c in guidelines.load()["constructions"]),
        **{f"labels_{field}": guidelines.inline(field) for field in guidelines.load()["labels"]},
    )
    return body


def rights_table(outputs: "Outputs") -> str:
    rows = [[f"`{a['article_id']}`", a["publisher"] or "not established", a["text_rights"]]
            for a in outputs.records["articles"]]
    return _table(["article", "publisher", "rights in the text"], rows)


def render_license(outputs: "Outputs") -> str:
    """LICENSE.md of dataset/ and of a release: the card's ``license_link``."""
    return _environment().get_template("license.md.j2").render(version=outputs.version, rights=rights_table(outputs))
