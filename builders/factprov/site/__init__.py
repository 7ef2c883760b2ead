"""``factprov site``: a static site of the built dataset, to read offline or from any static host.

- :mod:`.data` loads dataset/ (and the leaderboard);
- :mod:`.spans` lays out an article's text with its statements' spans;
- :mod:`.graph` computes provenance graphs (a statement's chain, a claim's merged reports);
- :mod:`.charts` computes the overview's bar charts;
- :mod:`.render` fills the Jinja2 templates of ``templates/``;
- :mod:`.browser` drives a headless Chromium (screenshots, and the browser tests);
- :mod:`.folder` stages the output folder and swaps it in;
- this module renders and writes the pages. With many
  articles the pages are rendered by forked worker processes, which inherit the loaded dataset, so
  nothing but a task's name and range is sent to them.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from factprov.base import git
from factprov.base.project import Project
from factprov.site import folder as output
from factprov.site import render
from factprov.site.data import SiteError, load

POOL_MIN_ARTICLES = 300  # below this, starting workers costs more than it saves
CHUNK = 250  # articles per task

__all__ = ["SiteError", "SiteResult", "write_site"]

_state: dict = {}  # the site and the staging folder, set before the workers fork (they inherit it)


@dataclass
class SiteResult:
    folder: Path
    pages: int
    articles: int  # article pages written
    total_articles: int
    scope: str | None  # what --changed-since selected, None for a full site


def _write(folder: Path, rel: str, text: str | bytes) -> None:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)


def _tasks(site: render.Site) -> list[tuple[str, int, int]]:
    """(what, start, end): slices of the claim pages, the claims table pages, the article pages, the rest."""
    out = [("claim", i, i + 1) for i in range(min(len(site.claim_pages), 20))]  # the biggest claims go first
    out += [("claim", i, min(i + 200, len(site.claim_pages))) for i in range(20, len(site.claim_pages), 200)]
    if site.full:
        out += [("claims-table", page, page + 1) for page in range(1, render.claims_pages(site) + 1)]
        out.append(("pages", 0, 0))
    out += [("articles", i, min(i + CHUNK, len(site.articles))) for i in range(0, len(site.articles), CHUNK)]
    out.append(("index", 0, 0))
    return out


def _run(task: tuple[str, int, int]) -> tuple[str, int]:
    """Render and write the pages of one task; return what it was and how many pages it wrote."""
    what, start, end = task
    site, folder = _state["site"], _state["folder"]
    pages: list[tuple[str, str]] = []
    if what == "articles":
        for article in site.articles[start:end]:
            pages.append((render.article_path(article["article_id"]), render.render_article(site.article_job(article))))
    elif what == "claim":
        pages += [(render.claim_path(c["claim_id"]), render.claim_page(site, c)) for c in site.claim_pages[start:end]]
    elif what == "claims-table":
        pages.append((render.claims_page_path(start), render.claims_table_page(site, start)))
    elif what == "pages":
        pages += [("sources.html", render.sources_page(site)), ("leaderboard.html", render.leaderboard_page(site))]
    elif what == "index":
        pages.append(("index.html", render.index_page(site)))
    for rel, html in pages:
        _write(folder, rel, html)
    return what, len(pages)


def _select(project: Project, all_ids: list[str], changed_since: str | None) -> tuple[set[str], str | None]:
    if changed_since is None:
        return set(all_ids), None
    try:
        folders, reason = git.changed_scope(project, changed_since)
    except git.GitError as exc:
        raise SiteError(f"--changed-since {changed_since}: {exc}") from None
    selected = set(all_ids) if folders is None else {a for a in all_ids if a in folders}
    return selected, (f"Only the articles changed since {changed_since} are rendered ({reason}): "
                      f"{len(selected)} of {len(all_ids)}.")


def write_site(project: Project, folder: Path, changed_since: str | None = None,
               progress: Callable[[str], None] | None = None, workers: int | None = None) -> SiteResult:
    """Render the site of ``project``'s dataset/ into ``folder``, replacing what a previous run wrote there."""
    folder = folder.resolve()
    output.check_target(folder)
    data = load(project)
    all_ids = [a["article_id"] for a in data.articles]
    selected, scope_note = _select(project, all_ids, changed_since)
    site = render.Site(data, selected, scope_note)
    staging = output.stage(folder)
    _state.update(site=site, folder=staging)
    counts = {"articles": 0}
    try:
        tasks = _tasks(site)
        size = workers if workers is not None else (os.cpu_count() or 1)
        forking = "fork" in multiprocessing.get_all_start_methods()
        if len(site.articles) >= POOL_MIN_ARTICLES and size > 1 and forking:
            gc.freeze()  # the loaded dataset is permanent: the collector leaves it (and the workers' copies) alone
            with ProcessPoolExecutor(max_workers=size, mp_context=multiprocessing.get_context("fork")) as pool:
                results = pool.map(_run, tasks)
                for what, n in results:
                    counts[what] = counts.get(what, 0) + n
                    if what == "articles" and progress:
                        progress(f"site: {counts['articles']}/{len(site.articles)} article pages")
        else:
            for task in tasks:
                what, n = _run(task)
                counts[what] = counts.get(what, 0) + n
        for rel, content in render.static_files().items():
            _write(staging, rel, content)
    except OSError as exc:
        output.discard(folder)
        raise SiteError(f"cannot write {folder}: {exc}") from None
    except BaseException:
        output.discard(folder)
        raise
    finally:
        _state.clear()
        gc.unfreeze()
    output.swap_in(folder)
    return SiteResult(folder, sum(counts.values()), counts["articles"], len(all_ids), scope_note)
