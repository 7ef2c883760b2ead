"""The ``factprov`` command line: argument parsing only; each command lives in the module of its
capability (``dataset``: build and validate; ``contribute``: add-article, show, suggest, release;
``annotate``: label-studio and agreement; ``bench``: extract and bench; ``publish``: publish, export and site)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from factprov.base.project import ProjectError
from factprov.base.report import printable
from factprov.cli import annotate, bench, contribute, dataset, publish

DESCRIPTION = ("factprov: a fact-check and provenance dataset of attributed statements in news reports; "
               "build writes dataset/, validate runs the same checks without writing.")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="factprov", description=DESCRIPTION)
    main.add_argument("--root", type=Path, help="the factprov checkout (default: the one containing the working folder)")
    main.add_argument("--version", action=Versions, help="show the software's version and the dataset's, and exit")
    sub = main.add_subparsers(dest="command", required=True)
    for module in (dataset, contribute, annotate, bench, publish):
        module.add(sub)
    return main


class Versions(argparse.Action):
    """``--version``: the software's version (the package metadata) and the dataset's (the card of the checkout)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from factprov import __version__
        from factprov.base.project import Project

        try:
            root = getattr(namespace, "root", None)
            project = Project(root.resolve()) if root else Project.find()
            data = f"dataset {project.version()} ({project.rel(project.card)} of {project.root})"
        except ProjectError as exc:
            data = f"dataset: {exc}"
        print(printable(f"factprov {__version__}\n{data}"))
        parser.exit()


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
