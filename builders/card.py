"""The dataset card: YAML metadata that ``datasets`` reads, and the prose a reader needs.

The features in the YAML are derived from the output schemas. The version goes into
every config entry, where ``datasets`` reads it, and the content fingerprint into each
config's description, so that a rebuild with new data changes the cache key.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import datasets
from datasets.info import DatasetInfo, DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCardData

from . import guidelines

if TYPE_CHECKING:
    from .pipeline import Outputs

DEFAULT_CONFIG = "statements"
LICENSE_NAME = "factprov-annotations-cc-by-4.0"

CONFIG_SUMMARY = {
    "articles": "one row per article: the text exactly as received, its metadata and its boilerplate spans",
    "statements": "one row per statement: quote span, speaker, cue, source chain, fidelity, verification status and evidence",
    "claims": "one row per proposition: the statements, across articles, that report it",
    "sources": "one row per speaker, outlet or agency named anywhere, with the spellings seen",
}


def size_category(n: int) -> str:
    """The Hub's size bucket for ``n`` rows of the main config."""
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
              (10_000_000, "1M<n<10M")]
    return next((label for bound, label in bounds if n < bound), "n>10M")


def card_data(outputs: "Outputs") -> DatasetCardData:
    data = DatasetCardData(
        version=outputs.version,
        pretty_name="factprov: attributed statements and their provenance",
        language=["id", "en"],
        license="other",
        license_name=LICENSE_NAME,
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
            split_dict.add(datasets.SplitInfo(name=split, num_examples=rows))
        infos[config] = DatasetInfo(features=outputs.schemas.features(config), config_name=config, splits=split_dict)
        configs[config] = {
            "data_files": [{"split": split, "path": f"data/{config}/{split}.jsonl"} for split in splits],
            "version": outputs.version,
            "description": f"factprov {outputs.version} {config}; content {outputs.fingerprint}",
            **({"default": True} if config == DEFAULT_CONFIG else {}),
        }
    DatasetInfosDict(infos).to_dataset_card_data(data)
    MetadataConfigs(configs).to_dataset_card_data(data)
    return data


def _table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
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
    import html
    import re

    from .benchmark import comparison_sentences, leaderboard_rows  # the scorer is needed for nothing else here

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
    table = _table([md(h) for h in header], [[md(c) for c in row] for row in rows])
    sentences = "\n".join(f"- {md(s)}" for s in comparison_sentences(board))
    data = board["dataset"]
    # The split is one of the names schema/common.schema.json allows: safe inside a code span.
    against = (f"Scored against version {md(data['version'])}, split `{data['split']}`, content "
               f"{md(data['fingerprint'])}.")
    if data["fingerprint"] != outputs.fingerprint:
        against += (" **The data has changed since then**: these scores are for the content named here, not for "
                    "this release. Run `factprov bench --baselines` again.")
    return "\n\n".join(part for part in (how, table, sentences, against) if part)


def render(outputs: "Outputs") -> str:
    """The whole README.md of dataset/."""
    data = card_data(outputs)
    n = outputs.rows
    config_rows = [[f"`{c}`", ", ".join(f"`{s}` ({r})" for s, r in outputs.split_sizes[c].items()), CONFIG_SUMMARY[c]]
                   for c in outputs.split_sizes]
    multi = sum(1 for c in outputs.records["claims"] if c["n_reports"] > 1)
    body = BODY.format(
        version=outputs.version,
        fingerprint=outputs.fingerprint,
        n_articles=n["articles"],
        n_statements=n["statements"],
        n_claims=n["claims"],
        n_multi=multi,
        n_sources=n["sources"],
        configs=_table(["config", "splits (rows)", "what a row is"], config_rows),
        languages=", ".join(sorted({a["language"] for a in outputs.records["articles"]})),
        articles=articles_table(outputs),
        n_wikidata=sum(1 for s in outputs.records["sources"] if s["wikidata_id"]),
        nulls=null_values(outputs),
        statistics=statistics(outputs),
        leaderboard=leaderboard(outputs),
        verified=guidelines.verified(),
        constructions="\n".join(f"- **{c['name']}.** {' '.join(c['rule'].split())}"
                                 for c in guidelines.load()["constructions"]),
        **{f"labels_{field}": guidelines.inline(field) for field in guidelines.load()["labels"]},
    )
    return f"---\n{data.to_yaml()}\n---\n\n{body}"


BODY = """\
# factprov: attributed statements and their provenance

Version **{version}** · content fingerprint `{fingerprint}`

factprov records, for each news article it holds, every **statement** the article
presents as said or asserted by someone, the publishing outlet included: the exact
words (a verbatim span with character offsets), who said them, the attribution cue,
the chain of sources the words came through, how faithfully they were passed on, and
whether they hold up, with the evidence. This release holds {n_articles} articles
({languages}) with {n_statements} statements, grouped into {n_claims} claims ({n_multi} of them
reported by more than one statement) and {n_sources} sources.

Uses: benchmarking models that extract attributed statements (quote, speaker, cue)
from news text; studying how a claim changes as it passes from a press office through
agencies to an outlet; fact-checking with evidence that can be followed.

## Loading

```python
import datasets

statements = datasets.load_dataset("path/to/dataset", "statements")  # also: articles, claims, sources
row = statements["test"][0]
kind = statements["test"].features["kind"].int2str(row["kind"])
```

Pass the folder's absolute path: a relative name that is not an existing folder is taken
for a Hub repository id. Label fields are `ClassLabel`s: rows hold integers, and
`features[...].int2str` gives the names below.

{configs}

Articles are assigned to splits whole: an article's statements never straddle splits.
`claims` and `sources` span articles and come as one split, `full`.

## Articles

{articles}

## Fields

### `statements`

| field | type | meaning |
| --- | --- | --- |
| `statement_id` | string | Stable id, `<article_id>/<n>`. |
| `article_id` | string | The article the statement comes from (`articles.article_id`). |
| `kind` | ClassLabel | {labels_kind} |
| `claim_type` | ClassLabel | {labels_claim_type} |
| `quote` | struct `text, start, end` | The attributed words, verbatim: `text == article.text[start:end]`. Offsets are Python `str` indices (Unicode code points), `end` exclusive. For a direct quote the span holds what stands inside the quotation marks, without the marks and without the punctuation that closes the sentence; for reported speech, the content reported (not the cue or the speaker); for an unattributed claim, the clause that asserts it. |
| `speaker` | struct `name, type, wikidata_id` | Canonical name (as in `sources`); `type` one of `person`, `organization`, `group`, `outlet`; `wikidata_id` only where the identity is certain, else null. The speaker of an unattributed claim is the publishing outlet, whose name is null where the article does not establish it. |
| `speaker_mention` | struct or null | Where the text names the speaker for this statement ("Presiden Iran", "Kremlin"); null when the text does not name one, as for the outlet's own claims. |
| `cue` | struct or null | The words that attribute the statement ("menegaskan", "bunyi pernyataan resmi", "sebut"); null when there is none. Cue, mention and quote do not overlap. |
| `source_chain` | list of `name, role` | How the statement reached the article, from `origin` through each `intermediary` to the `publisher`, e.g. Kremlin (origin) → Sputnik (intermediary) → ANTARA (publisher). A chain of one link is the outlet's own statement. The last link is always the article's publisher. |
| `fidelity` | ClassLabel | {labels_fidelity} |
| `verification_status` | ClassLabel | {labels_verification_status} |
| `evidence` | list of `ref, relation, note` | `ref` is a public https URL or another statement's id; `relation` one of `supports`, `partially_supports`, `refutes`; `note` says what the source establishes. |
| `rationale` | string | Why this status (and, for `altered`, what changed). |
| `gloss_en` | string | The statement in plain English. |

{verified}

### `articles`

| field | type | meaning |
| --- | --- | --- |
| `article_id` | string | Lowercase slug; the name of the seed folder. |
| `seed_file` | string | The file name the text was received under. |
| `language` | string | BCP-47 tag. |
| `title` | string or null | The headline, where the text has one. |
| `text` | string | The article exactly as received (UTF-8, newlines kept, nothing normalised). All offsets point into it. |
| `text_sha256` | string | sha256 of the text's UTF-8 bytes. |
| `publisher` | string or null | The outlet that published the article, where established. |
| `url` | string or null | Where the article was published, where established. |
| `published` | string or null | Publication date, full or partial ISO 8601 (`2025`, `2025-05`, `2025-05-06`). |
| `credits` | struct `author, translator, editor` | As the text credits them; null where it does not. |
| `cited_sources` | list of `name, text` | Sources the article names for its content: canonical `name`, and the `text` as it stands in the article. |
| `boilerplate` | list of `label, text, start, end` | Spans that are not the article's statements, with offsets: `title`, `dateline`, `heading`, `read_also` ("Baca juga:" links to other articles), `source_line` ("Sumber: ..."), `credit`, `copyright`, `signoff`. No statement span overlaps them; extraction models are not scored on them. |
| `notes` | list of `field, note` | Why a value is null, or how it was established. |
| `split` | string | The split the article and its statements belong to. |

### `claims`

| field | type | meaning |
| --- | --- | --- |
| `claim_id` | string | `claim:` and the id of its first statement. |
| `gloss_en` | string | The proposition, in the words of its first statement's gloss. |
| `statement_ids` | list of string | The statements that report it. |
| `article_ids` | list of string | The articles they come from. |
| `n_reports` | int32 | How many statements report it. |
| `n_independent_origins` | int32 | How many distinct origins their source chains start from. Two reports that descend from the same press release confirm what it said, not that it is true independently. |
| `verification_status` | ClassLabel | The status its statements share; where they differ, `conflicting` if one is refuted and another supported, else `partially_supported` if any is (partially) supported, else the first of `refuted`, `not_enough_evidence`, `not_checkable` that occurs. |

Statements are grouped when an evidence item of one names the other with relation
`supports` or `partially_supports`; a statement linked to no other is a claim of its own,
so every statement belongs to exactly one claim.

### `sources`

| field | type | meaning |
| --- | --- | --- |
| `source_id` | string | Slug of the name. |
| `name` | string | Canonical name, as used in `speaker.name` and `source_chain`. |
| `type` | string | `person`, `organization`, `group` or `outlet`. |
| `wikidata_id` | string or null | Only where the identity is certain. |
| `aliases` | list of string | Other spellings of the name found in the texts (e.g. "Massoud Pezeshkian" beside "Masoud Pezeshkian", "Putin"). Descriptions such as "Presiden Iran" are speaker mentions, not aliases. |
| `note` | string or null | Who this is, and why an id is missing. |

## Statistics

{statistics}

## Benchmark: extraction baselines

{leaderboard}

## How the statements were annotated

Each article was read sentence by sentence, and every proposition it presents as said
or asserted was recorded as a statement: words in quotation marks (`direct_quote`),
reported speech and reported speech acts such as congratulating or offering condolences
(`indirect_quote`), and the outlet's own reported facts, analyses and predictions
(`unattributed_claim`). A report that participants "discussed" a topic attributes no
proposition to them: it is the reporter's factual claim about the conversation, or,
where the article credits it to a source ("..., sebut Kremlin"), that source's indirect
quote. A sentence that joins an attributed report and the outlet's own
claim (a relative clause adding a death toll, a clause predicting where a pact "dapat
mengarah") gives two statements. Headlines, section headings, "Baca juga:" links,
source and credit lines and copyright lines are boilerplate, not statements: a linked
headline carries a claim, but not one of this article.

Annotators write the verbatim strings (quote, cue, speaker mention) and, where a
string occurs more than once, which occurrence; the build finds the offsets and fails
if a string is missing, ambiguous, or lies in boilerplate. Nobody types an offset.

Source chains follow what the article says of its sources (a line such as "Sumber: ...",
or a sentence such as "Menurut ... dikutip oleh ...") and what public reports establish
about the origin. Fidelity compares the reported words with the origin's content, from
its own text where it was found and otherwise from public quotations and translations
of it, which the evidence cites. Evidence is a public source that was found and read,
or another statement of the corpus; where neither settles a statement, its status is
`not_enough_evidence`. Opinions and predictions of the outlet are `not_checkable`.

Constructions of Indonesian news text were annotated by these rules:

{constructions}

## Provenance

Every article is kept in `seeds/<article_id>/` of the factprov repository: the text
byte-exact with its sha256, `meta.yaml` (publisher, URL, date, credits, cited sources;
every null value carries a note saying why) and `statements.yaml` (the annotation).
`seeds/sources.yaml` holds the canonical names. The build checks every record against
the JSON Schemas in `schema/` and fails on any broken invariant; the same seeds always
give byte-identical files, and the fingerprint above is a sha256 over the data files.

## Licensing

The annotations (statements, claims, sources, metadata) are released under CC BY 4.0.
The article texts remain the property of their publishers and are included for research
on attribution and verification; reuse of the texts themselves needs the publishers'
permission.

## Limitations

- {n_articles} articles: the figures describe this corpus, not the news of a language or
  a country.
- Each article was annotated by one annotator and not yet checked by a second; there are
  no agreement figures.
- Where an origin's own text was not found, fidelity rests on public quotations and
  translations of it.
- Wikidata ids are given for {n_wikidata} of {n_sources} sources: only where the identity is certain.
- Values not established and left null, each with a note in `articles.notes`:

{nulls}

## Citation

```bibtex
@misc{{factprov,
  title  = {{factprov: attributed statements and their provenance}},
  note   = {{Dataset version {version}}},
  year   = {{2026}}
}}
```
"""
