"""The ``factprov`` command: ``build`` writes dataset/, ``validate`` runs the same checks without writing,
``add-article`` starts a new seed folder."""

from __future__ import annotations

import argparse
import bisect
import json
import os
import sys
from pathlib import Path

from factprov.base import outpaths, writer
from factprov.base.project import Project, ProjectError
from factprov.base.report import BuildError, Issue, Report, printable, shorten
from factprov.bench import leaderboard, run
from factprov.bench.figures import compare, score
from factprov.bench.gold import Gold
from factprov.bench.leaderboard import with_interval
from factprov.bench.matching import MatchLimit
from factprov.bench.models import ModelError, ModelInterrupted
from factprov.bench.predictions import read_predictions
from factprov.bench.run import check_output
from factprov.build import pipeline
from factprov.build.schemas import Schemas
from factprov.build.seeds import load_registry, read_text_if_any
from factprov.contribute import release, show, suggest
from factprov.contribute.scaffold import ScaffoldError, add_article
from factprov.publish import dataset


def table(header: list[str], rows: list[list[object]], align_right: set[int] | None = None) -> str:
    """A plain-text table with a rule under the header."""
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    right = align_right or set()

    def fmt(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    return "\n".join([fmt(cells[0]), "  ".join("-" * w for w in widths), *map(fmt, cells[1:])])


SUMMARY_ARTICLE_COLUMNS = 8  # articles shown one per column in the build summary


def format_summary(outputs: pipeline.Outputs) -> str:
    head = table(["dataset", ""], [
        ["version", outputs.version],
        ["fingerprint", outputs.fingerprint],
        *([config, rows] for config, rows in outputs.rows.items()),
    ])
    records = outputs.records["articles"]
    # A column per article while they fit on a screen; beyond that, a column per split.
    if len(records) <= SUMMARY_ARTICLE_COLUMNS:
        columns = {a["article_id"]: {a["article_id"]} for a in records}
    else:
        columns = {}
        for a in records:
            columns.setdefault(f"split {a['split']}", set()).add(a["article_id"])

    def breakdown(field: str) -> str:
        counts, labels = outputs.counts(field), outputs.schemas.labels(field)
        per = {(name, label): sum(counts[(a, label)] for a in ids) for name, ids in columns.items() for label in labels}
        rows = [[label, *(per[(name, label)] for name in columns), sum(per[(name, label)] for name in columns)]
                for label in labels]
        rows.append(["all", *(sum(per[(name, label)] for label in labels) for name in columns), sum(counts.values())])
        return table([field, *columns, "all"], rows, align_right=set(range(1, len(columns) + 2)))

    return "\n\n".join([head, breakdown("kind"), breakdown("verification_status")])


def format_report(report: Report) -> str:
    issues = report.sorted()
    scope = f"\n{report.scope}" if report.scope else ""
    if not issues:
        return "valid: no problems found" + scope
    # Every cell on one line, with no control character: a folder name cannot send escape codes.
    rows = [[printable(str(cell), newlines=False) for cell in (i.location(), i.field, i.severity, i.code, i.message)]
            for i in issues]
    errors, warnings = report.counts()
    return (f"{table(['where', 'field', 'severity', 'code', 'message'], rows)}\n\n"
            f"{errors} error(s), {warnings} warning(s){scope}")


def _escape(value: str, property_: bool = False) -> str:
    """GitHub workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','."""
    value = printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    return value.replace(":", "%3A").replace(",", "%2C") if property_ else value


def format_github(report: Report) -> str:
    """One ``::error``/``::warning`` annotation per issue, then a summary line."""
    lines = []
    for i in report.sorted():
        props = [f"file={_escape(i.file, True)}"]
        if i.line is not None:
            props.append(f"line={i.line}")
            if i.column is not None:
                props.append(f"col={i.column}")
        props.append(f"title={_escape(f'factprov {i.code}', True)}")
        field = f"{i.field}: " if i.field else ""
        lines.append(f"::{i.severity} {','.join(props)}::{_escape(field + i.message)}")
    errors, warnings = report.counts()
    lines.append(f"factprov validate: {errors} error(s), {warnings} warning(s)"
                 + (f"; {report.scope}" if report.scope else ""))
    return "\n".join(lines)


FORMATS = {"table": format_report, "json": lambda report: report.dumps(), "github": format_github}


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    try:
        outputs = dataset.build(project, progress=None if args.quiet else pipeline.progress_to_stderr)
    except BuildError as exc:
        print(format_report(exc.report), file=sys.stderr)
        print(f"\nbuild failed; {project.rel(project.dataset)}/ was left as it was", file=sys.stderr)
        return 1
    for warning in outputs.warnings:
        print(printable(str(warning), newlines=False), file=sys.stderr)
    rows = outputs.rows
    print(f"wrote {project.rel(project.dataset)}/ ({len(outputs.files)} files): version {outputs.version}, "
          f"{rows['articles']} articles, {rows['statements']} statements, {outputs.fingerprint}")
    if not args.quiet:
        print("\n" + format_summary(outputs))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    project = _project(args)
    report = dataset.validate(project, args.changed_since, args.base)
    print(FORMATS["json" if args.json else args.format](report))
    return 0 if report.ok else 1


MAX_UNSURE_LISTED = 10  # lines add-article lists as unsure; the count says how many there are
SHOWN_CHARS = 160  # of a line or span that add-article prints: a 200,000-character line is cut in the middle


def cmd_add_article(args: argparse.Namespace) -> int:
    project = _project(args)
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
    project = _project(args)
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
    project = _project(args)
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
    project = _project(args)
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


def _split(project: Project, split: str, command: str) -> str | None:
    """Why ``split`` is not a split name of schema/common.schema.json, or ``None``."""
    names = Schemas(project.schema).labels("split")
    if split in names:
        return None
    return f"factprov {command}: --split {split!r}: choose {', '.join(names)}"


def cmd_extract(args: argparse.Namespace) -> int:
    project = _project(args)
    problem = check_output(project, args.output) or (None if args.input else _split(project, args.split, "extract"))
    if problem:
        print(problem if problem.startswith("factprov") else f"factprov extract: {problem}", file=sys.stderr)
        return 2
    progress = None if args.quiet else pipeline.progress_to_stderr
    try:
        gold = run.input_articles(args.input) if args.input else None
        lines = run.extract(project, args.model, args.split, gold=gold, progress=progress)
        run.write_jsonl(args.output, lines)
    except (ModelError, FileNotFoundError) as exc:
        print(f"factprov extract: {exc}; nothing was written", file=sys.stderr)
        return 1
    except ModelInterrupted as exc:
        print(f"factprov extract: {exc}; nothing was written", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"factprov extract: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    n = sum(len(line["statements"]) for line in lines)
    source = f"the .txt files of {args.input}" if args.input else f"split {args.split}"
    print(f"wrote {args.output}: {n} statements from {len(lines)} articles ({args.model}, {source})")
    return 0


def format_score(result: dict) -> str:
    data, micro = result["dataset"], result["micro"]
    boot = result["bootstrap"]
    head = (f"scored against factprov {data['version']}, split {data['split']}, {data['fingerprint']}\n"
            f"{result['articles']} articles; statements: {result['statements']['gold']} gold, "
            f"{result['statements']['predicted']} predicted, {result['statements']['matched']} matched\n"
            f"[low, high]: 95% bootstrap interval ({boot['resamples']} resamples of the articles, seed "
            f"{boot['seed']})")
    macro = result["macro_f1"]
    rows = [[name, with_interval(micro, (key, "precision")), with_interval(micro, (key, "recall")),
             with_interval(micro, (key, "f1")), with_interval(macro, (key,)) if key in macro else ""]
            for name, key in (("attribution (headline)", "attribution"), ("quote, overlap", "quote_overlap"),
                              ("quote, exact", "quote_exact"), ("cue", "cue"))]
    main = table(["figure", "precision", "recall", "F1", "macro F1"], rows, align_right={1, 2, 3, 4})
    acc = table(["accuracy on matched statements", ""],
                [["speaker", with_interval(micro, ("speaker_accuracy",))],
                 ["kind", with_interval(micro, ("kind_accuracy",))]], align_right={1})
    kinds = table(["gold kind", "gold", "quote recall", "attribution recall"],
                  [[k, v["gold"], with_interval(v, ("quote_recall",)), with_interval(v, ("attribution_recall",))]
                   for k, v in result["by_kind"].items()], align_right={1, 2, 3})
    missing = result["articles_without_predictions"]
    note = f"\n\nno predictions for {len(missing)} article(s): {', '.join(missing[:5])}" if missing else ""
    return f"{head}\n\n{main}\n\n{acc}\n\n{kinds}{note}"


def format_comparison(result: dict, a: Path, b: Path) -> str:
    data, boot = result["dataset"], result["bootstrap"]
    head = (f"A = {a}\nB = {b}\nscored against factprov {data['version']}, split {data['split']}, "
            f"{data['fingerprint']}; {result['articles']} articles\n"
            f"difference A - B with a paired 95% bootstrap interval ({boot['resamples']} resamples of the "
            f"articles, seed {boot['seed']})")
    rows = leaderboard.comparison_rows(result)
    body = table(["figure", "A", "B", "A - B", "95% interval", "better"], rows, align_right={1, 2, 3})
    headline = result["figures"]["micro.attribution.f1"]
    verdict = {"A": "A beats B on attribution F1 (the headline figure): the interval of the difference is above "
                    "zero.",
               "B": "B beats A on attribution F1 (the headline figure): the interval of the difference is below "
                    "zero.",
               "neither": "A and B cannot be told apart on attribution F1 (the headline figure): the interval of "
                          "the difference includes zero."}[headline["better"]]
    return f"{head}\n\n{body}\n\n{verdict}"


def _read(project: Project, path: Path, gold: Gold, schemas: Schemas, fmt: str):
    predictions, report = read_predictions(path, gold, schemas, fmt)
    if not report.ok:
        print(format_report(report), file=sys.stderr)
        return None
    return predictions


def _limit_error(exc: MatchLimit, paths: list[Path], predictions: list) -> int:
    for path, p in zip(paths, predictions):
        if exc.article_id in getattr(p, "lines", {}):
            report = Report()
            report.add(Issue(str(path), p.lines[exc.article_id], None, "statements", "pred-limit",
                             f"{exc.article_id}: {exc}"))
            print(format_report(report), file=sys.stderr)
            return 1
    print(f"factprov bench: {exc}", file=sys.stderr)
    return 1


def cmd_bench(args: argparse.Namespace) -> int:
    project = _project(args)
    problem = _split(project, args.split, "bench")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.baselines:
        try:
            board = leaderboard.baselines(project, args.split)
        except (ModelError, FileNotFoundError) as exc:
            print(f"factprov bench: {exc}", file=sys.stderr)
            return 1
        path = leaderboard.save_results(project, board)
        if args.json:
            print(json.dumps(board, indent=2, ensure_ascii=False))
        else:
            header, rows = leaderboard.leaderboard_rows(board)
            print(table(header, rows, align_right=set(range(1, len(header)))))
            print("\n" + "\n".join(leaderboard.comparison_sentences(board)))
        try:
            dataset.build(project, progress=None)  # the card shows the leaderboard
        except BuildError as exc:
            print(format_report(exc.report), file=sys.stderr)
            return 1
        print(f"\nwrote {project.rel(path)} and the card's leaderboard ({project.rel(project.card)})",
              file=sys.stderr)
        return 0
    if args.predictions is None:
        print("factprov bench: give a predictions file, or --baselines", file=sys.stderr)
        return 2
    try:
        gold = Gold.load(project, args.split)
    except FileNotFoundError as exc:
        print(f"factprov bench: {exc}", file=sys.stderr)
        return 1
    schemas = Schemas(project.schema)
    paths = [args.predictions] + ([args.against] if args.against else [])
    predictions = [_read(project, path, gold, schemas, args.format) for path in paths]
    if any(p is None for p in predictions):
        return 1
    try:
        if args.against:
            result = compare(gold, predictions[0], predictions[1])
            result["a"], result["b"] = str(args.predictions), str(args.against)
            text = format_comparison(result, args.predictions, args.against)
        else:
            result = score(gold, predictions[0])
            result["predictions"] = str(args.predictions)
            text = format_score(result)
    except MatchLimit as exc:
        return _limit_error(exc, paths, predictions)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else text)
    return 0


def _sizes(files: dict[str, bytes]) -> str:
    rows = [[path, f"{len(content):,}"] for path, content in files.items()]
    rows.append(["all", f"{sum(len(c) for c in files.values()):,}"])
    return table(["file", "bytes"], rows, align_right={1})


def cmd_publish(args: argparse.Namespace) -> int:
    import tempfile

    from factprov.publish import folder as release_folder
    from factprov.publish.hub import PublishError, tag_name, upload

    if args.dry_run is None and args.repo_id is None:
        print("factprov publish: give --repo-id OWNER/NAME to upload, or --dry-run DIR to write the release "
              "folder only", file=sys.stderr)
        return 2
    if args.repo_id is not None:
        from huggingface_hub.utils import HFValidationError, validate_repo_id

        try:
            validate_repo_id(args.repo_id)
            if "/" not in args.repo_id:
                raise HFValidationError("it needs an owner: OWNER/NAME")
        except HFValidationError as exc:
            print(f"factprov publish: --repo-id {args.repo_id!r} is not a Hub repository id: {exc}", file=sys.stderr)
            return 2
    project = _project(args)
    progress = None if args.quiet else pipeline.progress_to_stderr
    if args.dry_run is not None and (problem := outpaths.check_folder(project, args.dry_run, "--dry-run")):
        print(f"factprov publish: {printable(problem)}; nothing was written", file=sys.stderr)
        return 1
    if progress:
        progress("checking the seeds, and that dataset/ is what they build ...")
    files, report, version = release_folder.build(project, args.repo_id, progress=progress)
    if files is None:
        print(format_report(report), file=sys.stderr)
        print("\nnothing was published: fix the problems above (`factprov build` writes dataset/)", file=sys.stderr)
        return 1
    if args.dry_run is not None:
        try:
            release_folder.write(args.dry_run, files)
        except release_folder.FolderError as exc:
            print(f"factprov publish: {exc}; nothing was written", file=sys.stderr)
            return 1
        print(_sizes(files))
        print(f"\nwrote the release of factprov {version} to {args.dry_run} ({len(files)} files); nothing was uploaded"
              + (f"; it would go to {args.repo_id}, tagged {tag_name(version)}" if args.repo_id else ""))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        release_folder.write(Path(tmp) / "release", files)
        if progress:
            progress(f"uploading {len(files)} files to {args.repo_id} ...")
        try:
            url = upload(Path(tmp) / "release", args.repo_id, version)
        except PublishError as exc:
            print(f"factprov publish: {exc}", file=sys.stderr)
            return 1
    print(_sizes(files))
    print(f"\npublished factprov {version} to {args.repo_id}, tagged {tag_name(version)}: {url}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from factprov.exports import claimreview, prov

    project = _project(args)
    if (problem := outpaths.check_file(project, args.output)) is not None:
        print(f"factprov export: {printable(problem)}; nothing was written", file=sys.stderr)
        return 1
    outputs, report = dataset.collect(project, progress=None if args.quiet else pipeline.progress_to_stderr)
    if outputs is None:
        print(format_report(report), file=sys.stderr)
        print("\nnothing was exported: fix the problems above", file=sys.stderr)
        return 1
    if args.kind == "claimreview":
        text = claimreview.render(outputs)
        what = f"{len(claimreview.reviews(outputs))} ClaimReviews (statements with a decided status)"
    else:
        text = prov.render(outputs, args.format)
        g = prov.graph(outputs)
        what = (f"W3C PROV ({'PROV-JSON' if args.format == 'json' else 'PROV-O Turtle'}): {len(g.entities)} entities, "
                f"{len(g.activities)} activities, {len(g.agents)} agents, {len(g.relations)} relations")
    try:  # in one step: an interrupted export leaves the old file
        writer.write_file(args.output, text.encode("utf-8"), within=args.output.parent)
    except writer.WriteError as exc:
        print(f"factprov export: -o {printable(str(args.output))}: {printable(exc.message)}; nothing was written",
              file=sys.stderr)
        return 1
    print(f"wrote {args.output}: {what}, from factprov {outputs.version}")
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    from factprov import site  # Jinja2 and the templates are needed by this command only
    from factprov.site import browser

    project = _project(args)
    progress = None if args.quiet else pipeline.progress_to_stderr
    if (problem := outpaths.check_folder(project, args.output)) is not None:
        print(f"factprov site: {printable(problem)}; nothing was written", file=sys.stderr)
        return 1
    try:
        result = site.write_site(project, args.output, args.changed_since, progress=progress)
    except site.SiteError as exc:
        print(f"factprov site: {exc}; nothing was written", file=sys.stderr)
        return 1
    rows = [["folder", result.folder], ["pages", result.pages],
            ["article pages", f"{result.articles} of {result.total_articles}"]]
    print(table(["site", ""], rows))
    if result.scope:
        print(f"\n{result.scope}")
    if args.screenshot:
        try:
            page = browser.screenshot_article(result.folder, args.screenshot, args.article)
        except browser.BrowserError as exc:
            print(f"factprov site: --screenshot: {exc}", file=sys.stderr)
            return 1
        print(f"\nwrote {args.screenshot} (a screenshot of {page})")
    return 0


def _project(args: argparse.Namespace) -> Project:
    try:
        return Project(args.root.resolve()) if args.root else Project.find()
    except ProjectError as exc:
        raise SystemExit(printable(f"factprov: {exc}", newlines=False)) from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="factprov", description=__doc__)
    main.add_argument("--root", type=Path, help="the factprov checkout (default: the one containing the working folder)")
    sub = main.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="check the seeds and write dataset/ atomically, then print a summary")
    build.add_argument("-q", "--quiet", action="store_true", help="one line: no progress lines, no tables")
    build.set_defaults(func=cmd_build)
    validate = sub.add_parser("validate", help="run every check of the build without writing; exit 1 on any error")
    validate.add_argument("--format", choices=sorted(FORMATS), default="table",
                          help="table (default), json, or github (workflow annotations on the pull request)")
    validate.add_argument("--json", action="store_true", help="the same as --format json")
    validate.add_argument("--changed-since", metavar="REF",
                          help="check only the seed folders changed since the git REF, and those referring to them")
    validate.add_argument("--base", metavar="REF",
                          help="if dataset/ changed since the git REF, require the right version step and a "
                               "CHANGELOG.md entry")
    validate.set_defaults(func=cmd_validate)
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
    extract = sub.add_parser("extract", help="run an extraction model over a split, or over the .txt files of a "
                                             "folder, and write predictions (JSONL)")
    extract.add_argument("--model", required=True,
                         help="a baseline (sentences, quotes, rules) or package.module:function (text -> statements)")
    extract.add_argument("--split", default="test", help="split of the articles config (default: test)")
    extract.add_argument("--input", type=Path, metavar="DIR",
                         help="run over the .txt files of DIR instead (UTF-8; the article id is the file's stem)")
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    extract.add_argument("-o", "--output", type=Path, required=True, help="the predictions file to write")
    extract.set_defaults(func=cmd_extract)
    bench = sub.add_parser("bench", help="score predictions against the gold statements")
    bench.add_argument("predictions", type=Path, nargs="?", help="predictions (JSONL), as factprov extract writes")
    bench.add_argument("--split", default="test", help="split to score against (default: test)")
    bench.add_argument("--format", choices=["factprov", "citron"], default="factprov",
                       help="factprov (schema/prediction.schema.json, default) or citron (BBC Citron's output)")
    bench.add_argument("--json", action="store_true",
                       help="print the scores as JSON, with the dataset version; each figure x has x_ci95")
    bench.add_argument("--against", type=Path, metavar="B",
                       help="compare with the predictions in B: the difference in each headline figure, with a "
                            "paired bootstrap interval over articles")
    bench.add_argument("--baselines", action="store_true",
                       help="extract and score every baseline; record the leaderboard for the dataset card")
    bench.set_defaults(func=cmd_bench)
    publish = sub.add_parser("publish", help="upload a release (typed Parquet, card, Croissant, licence) to the "
                                             "Hugging Face Hub and tag it v<version>")
    publish.add_argument("--repo-id", metavar="OWNER/NAME", help="the Hub dataset repository to upload to")
    publish.add_argument("--dry-run", metavar="DIR", type=Path,
                         help="write the release folder to DIR and upload nothing")
    publish.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    publish.set_defaults(func=cmd_publish)
    export = sub.add_parser("export", help="write the statements as schema.org ClaimReview (JSON-LD) or W3C PROV")
    export.add_argument("kind", choices=["claimreview", "prov"],
                        help="claimreview: one review per statement with a decided status; prov: source chains")
    export.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    export.add_argument("--format", choices=["json", "ttl"], default="json",
                        help="for prov: PROV-JSON (default) or PROV-O Turtle")
    export.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    export.set_defaults(func=cmd_export)
    site_ = sub.add_parser("site", help="write a static site of dataset/: articles with their statements "
                                        "highlighted, provenance graphs, claims, sources, leaderboard")
    site_.add_argument("-o", "--output", type=Path, required=True,
                       help="the folder to write (replaced in one step; it must be new, empty, or an earlier site)")
    site_.add_argument("--changed-since", metavar="REF",
                       help="render only the articles whose seed folders changed since the git REF, and those "
                            "referring to them")
    site_.add_argument("--screenshot", type=Path, metavar="PNG",
                       help="then take a screenshot of an article page with headless Chromium")
    site_.add_argument("--article", metavar="ID", help="the article of --screenshot (default: the first)")
    site_.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    site_.set_defaults(func=cmd_site)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ProjectError as exc:
        print(printable(f"factprov: {exc}", newlines=False), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`factprov build | head`): the work is done; stop printing quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
