"""The contributor's commands: ``add-article``, ``show``, ``suggest`` and ``release``."""

from __future__ import annotations

import argparse
import bisect
import sys
from pathlib import Path

from factprov.base.report import BuildError, Report, printable, shorten
from factprov.bench.models import ModelError, ModelInterrupted
from factprov.build import pipeline
from factprov.build.registry import load_registry
from factprov.build.schemas import Schemas
from factprov.build.seeds import read_text_if_any
from factprov.cli.output import format_report, project_of, table
from factprov.contribute import release, show, suggest
from factprov.contribute.scaffold import ScaffoldError, add_article

MAX_UNSURE_LISTED = 10  # lines add-article lists as unsure; the count says how many there are

SHOWN_CHARS = 160  # of a line or span that add-article prints: a 200,000-character line is cut in the middle

def cmd_add_article(args: argparse.Namespace) -> int:
    project = project_of(args)
    try:
        added = add_article(project, args.path, args.id, publisher=args.publisher, parser=args.parser,
                            language=args.language, split=args.split)
    except ScaffoldError as exc:
        print(printable(f"factprov add-article: {exc.code}: {exc.message}; nothing was written", newlines=False),
              file=sys.stderr)
        return 1
    rel, parsed = project.rel(added.folder), added.parsed
    text = (added.folder / "article.txt").read_text(encoding="utf-8")
    print(f"created {rel}/ (article.txt, meta.yaml, statements.yaml)\n"
          f"layout: {added.parser}" + (" (picked by --parser auto)" if added.chosen else "") + "\n"
          f"title: {printable(parsed.title) if parsed.title is not None else '(none found)'}\n")
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]  # line numbers by bisection, not a count per span
    rows = [[bisect.bisect_left(breaks, b.start) + 1, b.label,
             printable(shorten(b.text.replace(chr(10), " / "), SHOWN_CHARS))] for b in parsed.boilerplate]
    print(f"boilerplate: {len(rows)} span(s), not the article's statements\n"
          + (table(["line", "label", "text"], rows, align_right={0}) if rows else "(none)"))
    if added.unsure:
        listed = [[line.number, printable(shorten(line.text.strip(), SHOWN_CHARS))]
                  for line in added.unsure[:MAX_UNSURE_LISTED]]
        more = len(added.unsure) - len(listed)
        print(f"\nunsure: {len(added.unsure)} short line(s) that no rule marked, left as body; "
              "is one of them a byline, a date, a headline or a subheading?\n"
              + table(["line", "text"], listed, align_right={0}) + (f"\n... and {more} more" if more else ""))
    print(f"\nwrong or missing? correct it under layout: in {rel}/meta.yaml (CONTRIBUTING.md, step 3)\n"
          f"next: fill in {rel}/meta.yaml and {rel}/statements.yaml, check with `factprov show {args.id}`, "
          "then run `factprov build`")
    return 0

def cmd_show(args: argparse.Namespace) -> int:
    """The text with every span marked, a draft's too; exit 1 only when the article cannot be read or its
    meta.yaml cannot be used (then the plain text is shown)."""
    project = project_of(args)
    folder = project.seeds / args.id
    if folder not in project.seed_folders():
        print(f"factprov show: no seed folder seeds/{printable(args.id)}", file=sys.stderr)
        return 1
    schemas = Schemas(project.schema)
    report = Report()
    registry = load_registry(project, schemas, report)  # a broken entry explains a speaker that is not checked
    result = pipeline.ArticleChecker(project, registry, schemas, entries=True)(folder)
    report.extend(result.issues)
    if result.article is None:
        text = read_text_if_any(project, folder)
        if text is not None:  # meta.yaml cannot be used: the plain text, for checking strings against it
            print(show.render({"text": text, "boilerplate": []}, [], colour=False))
            print("\n(meta.yaml cannot be used yet, so neither boilerplate nor statements are marked)")
        print(format_report(report), file=sys.stderr)
        print(f"\nfactprov show: seeds/{printable(args.id)} cannot be shown in full until the problems above are "
              "fixed", file=sys.stderr)
        return 1
    entries = result.entries
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    print(show.render(result.article, entries, colour))
    print(f"\n{show.KEY}\n")
    if entries:
        print(table(["n", "kind", "status", "speaker", "quote"], show.legend(entries), align_right={0}))
    elif result.checked:
        print("no statements yet")
    else:
        print("the statements cannot be checked yet: see the problems below")
    if todo := show.undecided(entries):
        print("\nstill TODO, by statement:\n" + "\n".join(f"  {line}" for line in todo))
    if result.checked:
        print(f"\n{show.summary(entries)}")
    # The TODOs are listed above; the table has every other problem.
    listed = {path for entry in entries for path in show.undecided_fields(entry)}
    rest = Report([i for i in report.issues
                   if not (i.code == "draft" and i.file == result.annotations_file and i.field in listed)])
    if rest.issues:
        print("\n" + format_report(rest), file=sys.stderr)
    return 0

def cmd_suggest(args: argparse.Namespace) -> int:
    project = project_of(args)
    try:
        path = suggest.write_draft(project, args.id, args.model)
    except (suggest.SuggestError, ModelError) as exc:
        print(f"factprov suggest: {printable(str(exc))}; nothing was written", file=sys.stderr)
        return 1
    except ModelInterrupted as exc:
        print(f"factprov suggest: {printable(str(exc))}; nothing was written", file=sys.stderr)
        return 130
    print(f"wrote a draft to {project.rel(path)} from the model {args.model}: check every statement and decide "
          f"each TODO (`factprov show {args.id}` shows the spans and what is left to decide)")
    return 0

def cmd_release(args: argparse.Namespace) -> int:
    project = project_of(args)
    try:
        done = release.release(project, args.step, args.base, args.date,
                               progress=None if args.quiet else pipeline.progress_to_stderr)
    except release.ReleaseError as exc:
        print(f"factprov release: {printable(str(exc))}; nothing was written", file=sys.stderr)
        return 1
    except BuildError as exc:
        print(format_report(exc.report), file=sys.stderr)
        print("\nrelease stopped: fix the errors first; nothing was written", file=sys.stderr)
        return 1
    except ModelError as exc:
        print(f"factprov release: scoring the baselines failed: {printable(str(exc))}; the version was put back "
              "and dataset/ rebuilt at it", file=sys.stderr)
        return 1
    print(f"released {done.version} ({done.step} step from {done.base_version} at {args.base}: {done.why})\n")
    print(table(["config", "added", "changed", "removed"], done.change.rows(), align_right={1, 2, 3}))
    print(f"\nwrote {project.rel(project.dataset)}/, benchmarks/results.json (the card's leaderboard) and the "
          f"CHANGELOG.md section [{done.version}]; review them and commit")
    return 0


def add(sub) -> None:
    """Its commands on the ``factprov`` parser."""
    add = sub.add_parser("add-article", help="start seeds/<ID>/ from a text file: byte-exact copy, sha256, "
                                             "meta.yaml and statements.yaml to fill in")
    add.add_argument("path", type=Path, help="the article text as received (UTF-8)")
    add.add_argument("--id", required=True, help="the article id and folder name, a lowercase slug")
    add.add_argument("--publisher", help="canonical name from seeds/sources.yaml (default: null, to explain in a note)")
    add.add_argument("--parser", default="auto", help="layout parser: auto (default: picked from the text), "
                                                      "antara, sectioned or generic")
    add.add_argument("--language", default="id", help="BCP-47 language tag (default: id)")
    add.add_argument("--split", default="test", help="train, validation or test (default: test)")
    add.set_defaults(func=cmd_add_article)
    show_ = sub.add_parser("show", help="print an article with its boilerplate and annotated spans marked")
    show_.add_argument("id", help="the article id (its folder under seeds/)")
    show_.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="colour the spans (default: when printing to a terminal)")
    show_.set_defaults(func=cmd_show)
    suggest_ = sub.add_parser("suggest", help="write a draft statements.yaml from a model's predictions, with "
                                              "every field a person must decide marked TODO")
    suggest_.add_argument("id", help="the article id (its folder under seeds/)")
    suggest_.add_argument("--model", default="rules",
                          help="a baseline (sentences, quotes, rules: default) or package.module:function")
    suggest_.set_defaults(func=cmd_suggest)
    release_ = sub.add_parser("release", help="raise the version by the step the data change needs, rebuild, "
                                              "rescore the baselines and write the CHANGELOG.md section")
    release_.add_argument("step", choices=["major", "minor", "patch"],
                          help="minor for added articles or statements, patch for corrections, major for a "
                               "schema break")
    release_.add_argument("--base", default="main", help="the git ref the release builds on (default: main)")
    release_.add_argument("--date", help="the release date, YYYY-MM-DD (default: today, UTC)")
    release_.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    release_.set_defaults(func=cmd_release)
