"""``factprov publish`` (a release to the Hugging Face Hub), ``export`` (ClaimReview, PROV) and ``site``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factprov.base import outpaths, writer
from factprov.base.report import printable
from factprov.build import pipeline
from factprov.cli.output import format_report, project_of, table
from factprov.publish import dataset


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
    project = project_of(args)
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

    project = project_of(args)
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

    project = project_of(args)
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


def add(sub) -> None:
    """Its commands on the ``factprov`` parser."""
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
