"""factprov site without a browser: span layout, provenance graphs, determinism, links, the CLI."""

from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factprov import cli
from factprov.bench import leaderboard
from factprov.publish import dataset
from factprov.site import graph, spans, write_site
from factprov.site.data import load

from .conftest import git, replace_in
from .sitehtml import Page


def run(project, *args: str) -> int:
    return cli.main(["--root", str(project.root), *args])


@pytest.fixture
def built(project):
    return project  # the fixture corpus, built


@pytest.fixture
def site(built, tmp_path):
    write_site(built, tmp_path / "site")
    return tmp_path / "site"


# --- the text with its spans ------------------------------------------------------------------------

def statement(sid: str, quote: tuple[int, int], text: str, cue=None, mention=None) -> dict:
    def span(r):
        return None if r is None else {"text": text[r[0]:r[1]], "start": r[0], "end": r[1]}
    return {"statement_id": sid, "kind": "indirect_quote", "verification_status": "supported",
            "quote": span(quote), "cue": span(cue), "speaker_mention": span(mention)}


def check_layout(text: str, statements: list[dict], boilerplate=()) -> Page:
    items = [s for st_ in statements for s in spans.statement_spans(st_, "label")]
    items += spans.boilerplate_spans({"boilerplate": list(boilerplate)})
    page = Page(f'<div id="text">{spans.layout(text, items)}</div>')
    assert page.errors == []
    assert page.text_block == text  # the text exactly as stored
    for s in statements:
        for role, key in (("quote", "quote"), ("cue", "cue"), ("speaker", "speaker_mention")):
            if s[key] is not None:
                assert page.spans[(s["statement_id"], role)] == s[key]["text"]
    return page


def test_nested_and_crossing_statements_nest_properly_and_keep_their_texts():
    text = 'Menteri itu mengatakan "harga beras akan turun, kata petani", lalu pergi.\n<b>&amp;</b>'
    outer = (text.index('"') + 1, text.index('",'))
    inner = (text.index("harga"), text.index(", kata"))  # a clause inside the outer quote
    crossing = (text.index("petani"), text.index("pergi") + 5)  # crosses the end of the outer quote
    page = check_layout(text, [
        statement("a/1", outer, text, cue=(text.index("mengatakan"), text.index("mengatakan") + 10),
                  mention=(0, len("Menteri itu"))),
        statement("a/2", inner, text),
        statement("a/3", crossing, text, cue=(text.index("kata"), text.index("kata") + 4)),
    ], boilerplate=[{"label": "credit", "start": text.index("<b>"), "end": len(text)}])
    assert page.fragments[("a/3", "quote")] == 2  # split where it crosses a/1's end, reopened after it
    assert page.fragments[("a/1", "quote")] == 1 and page.fragments[("a/2", "quote")] == 1
    assert "s-1" in page.ids and "s-3" in page.ids and page.ids.count("s-3") == 1  # only the first fragment


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.data())
def test_any_spans_lay_out_as_well_formed_html_with_their_texts(data):
    text = data.draw(st.text(alphabet="ab <&>\"'\n", min_size=1, max_size=40))
    n = data.draw(st.integers(1, 5))

    def rng():
        a = data.draw(st.integers(0, len(text) - 1))
        return a, data.draw(st.integers(a + 1, len(text)))

    statements = [statement(f"x/{i + 1}", rng(), text, cue=data.draw(st.one_of(st.none(), st.builds(rng))))
                  for i in range(n)]
    check_layout(text, statements)


# --- provenance graphs ------------------------------------------------------------------------------

def chain(*names, article="a"):
    roles = ["origin", *["intermediary"] * (len(names) - 2), "publisher"] if len(names) > 1 else ["publisher"]
    return {"article_id": article, "source_chain": [{"name": n, "role": r} for n, r in zip(names, roles)]}


def test_claim_graph_merges_shared_sources_so_independent_origins_show():
    reports = [chain("Kremlin", "Sputnik", "ANTARA"), chain("Kremlin", "Pars Today", None, article="b"),
               chain("Kantor X", "ANTARA"), chain(None, article="c")]
    g = graph.claim_graph(reports)
    keys = {n.key for n in g.nodes}
    expected = {graph.link_key(link, r["article_id"]) for r in reports for link in r["source_chain"]}
    assert keys == expected  # one node per distinct source; unnamed publishers stay apart per article
    origins = {n.key for n in g.nodes if "origin" in n.roles}
    assert origins == {"Kremlin", "Kantor X", "publisher of c"}  # a lone publisher is its own origin
    assert {(e.source.key, e.target.key): e.count for e in g.edges}[("Kremlin", "Sputnik")] == 1
    assert all(e.target.layer > e.source.layer for e in g.edges)  # left to right, origin to publisher
    assert all(n.layer == max(m.layer for m in g.nodes) for n in g.nodes if n.roles == ["publisher"])


def overlaps(a: graph.Node, b: graph.Node) -> bool:
    return a.x < b.x + graph.NODE_W and b.x < a.x + graph.NODE_W and a.y < b.y + graph.NODE_H and b.y < a.y + graph.NODE_H


def test_a_twenty_node_claim_graph_is_laid_out_without_overlaps_and_deterministically():
    rng = random.Random(7)
    origins, middles, publishers = [f"Origin {i}" for i in range(8)], [f"Agency {i}" for i in range(6)], \
        [f"Outlet {i}" for i in range(6)]
    reports = [chain(rng.choice(origins), rng.choice(middles), rng.choice(publishers)) for _ in range(40)]
    reports += [chain(o, m, p) for o, m, p in zip(origins, middles + middles, publishers + publishers)]
    g = graph.claim_graph(reports)
    assert len(g.nodes) == 20
    assert not any(overlaps(a, b) for a, b in itertools.combinations(g.nodes, 2))
    assert all(0 <= n.x and n.x + graph.NODE_W <= g.width and 0 <= n.y and n.y + graph.NODE_H <= g.height
               for n in g.nodes)
    again = graph.claim_graph(list(reversed(reports)))
    assert [(n.key, n.x, n.y) for n in g.nodes] == [(n.key, n.x, n.y) for n in again.nodes]


def test_chains_that_disagree_on_order_still_get_a_layout():
    g = graph.claim_graph([chain("A", "B", "P"), chain("B", "A", "P")])
    assert {n.key for n in g.nodes} == {"A", "B", "P"} and all(e.path for e in g.edges)


# --- the written site -------------------------------------------------------------------------------

def pages(folder: Path) -> dict[str, Page]:
    return {p.relative_to(folder).as_posix(): Page(p.read_text(encoding="utf-8"))
            for p in sorted(folder.rglob("*.html"))}


def test_every_article_page_marks_every_statement_with_its_exact_text(built, site):
    data = load(built)
    parsed = pages(site)
    for article in data.articles:
        page = parsed[f"articles/{article['article_id']}.html"]
        assert page.errors == []
        assert page.text_block == article["text"]
        for s in data.statements[article["article_id"]]:
            assert page.spans[(s["statement_id"], "quote")] == s["quote"]["text"]
            for role, key in (("cue", "cue"), ("speaker", "speaker_mention")):
                if s[key] is not None:
                    assert page.spans[(s["statement_id"], role)] == s[key]["text"]


def test_nothing_is_loaded_from_outside_and_every_local_link_resolves(site):
    for rel, page in pages(site).items():
        assert page.errors == [], rel
        for tag, attr, value in page.links:
            if value.startswith(("https://", "http://", "//")) or ":" in value.split("/")[0]:
                assert tag == "a" and attr == "href" and value.startswith("https://"), (rel, tag, value)
                continue
            target = value.split("#")[0]
            if target:
                assert (site / rel).parent.joinpath(target).resolve().is_file(), (rel, value)
            anchor = value.split("#")[1] if "#" in value else None
            if anchor:
                other = pages_cache(site, (site / rel).parent.joinpath(target or Path(rel).name).resolve())
                assert anchor in other.ids, (rel, value)


_cache: dict[Path, Page] = {}


def pages_cache(site: Path, path: Path) -> Page:
    if path not in _cache:
        _cache[path] = Page(path.read_text(encoding="utf-8"))
    return _cache[path]


def test_overview_pages_show_the_dataset(built, tmp_path):
    leaderboard.save_results(built, leaderboard.baselines(built))  # a leaderboard for the data as it is
    site = tmp_path / "site"
    write_site(built, site)
    data = load(built)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert data.version in index and data.fingerprint in index
    for a in data.articles:
        assert f'href="articles/{a["article_id"]}.html"' in index
    claims = (site / "claims" / "index.html").read_text(encoding="utf-8")
    assert all(c["claim_id"] in claims for c in data.claims)
    sources = (site / "sources.html").read_text(encoding="utf-8")
    assert all(f'id="{s["source_id"]}"' in sources for s in data.sources)
    board = (site / "leaderboard.html").read_text(encoding="utf-8")
    assert [r["model"] for r in data.leaderboard["results"]] == list(leaderboard.BASELINES)
    assert all(f"<code>{r['model']}</code>" in board for r in data.leaderboard["results"])
    assert "The data has changed since then" not in board
    for name in data.labels["kind"]:
        assert f'data-label="{name}" data-count="{data.counts("kind")[name]}"' in index


def test_the_same_dataset_gives_byte_identical_files(built, tmp_path):
    write_site(built, tmp_path / "one")
    write_site(built, tmp_path / "two", workers=2)

    def tree(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_the_pool_writes_what_one_process_writes(built, tmp_path, monkeypatch):
    from factprov import site as site_module

    monkeypatch.setattr(site_module, "POOL_MIN_ARTICLES", 1)
    monkeypatch.setattr(site_module, "CHUNK", 1)
    write_site(built, tmp_path / "pool", workers=2)
    write_site(built, tmp_path / "one", workers=1)
    for p in sorted((tmp_path / "one").rglob("*.html")):
        assert (tmp_path / "pool" / p.relative_to(tmp_path / "one")).read_bytes() == p.read_bytes()


def test_cli_writes_the_site_and_replaces_an_earlier_one(built, tmp_path, capsys):
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("x")
    assert run(built, "site", "-q", "-o", str(out)) == 1  # a folder it did not write is left alone
    assert "not a site written by factprov site" in capsys.readouterr().err and (out / "stale.html").exists()
    (out / "stale.html").unlink()
    assert run(built, "site", "-q", "-o", str(out)) == 0
    n_articles = len(load(built).articles)
    assert f"article pages  {n_articles} of {n_articles}" in capsys.readouterr().out
    (out / "articles" / "gone.html").write_text("x")
    assert run(built, "site", "-q", "-o", str(out)) == 0
    assert not (out / "articles" / "gone.html").exists()


def test_cli_without_a_built_dataset_says_so(project, tmp_path, capsys):
    shutil.rmtree(project.dataset / "data")
    assert run(project, "site", "-o", str(tmp_path / "site")) == 1
    err = capsys.readouterr().err
    assert "run `factprov build` first" in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()


def test_changed_since_renders_only_the_changed_articles(built, tmp_path, capsys):
    project = built
    data = load(project)
    source = data.articles[-1]["article_id"]
    new = "zz_site_test"
    shutil.copytree(project.seeds / source, project.seeds / new)
    replace_in(project.seeds / new / "meta.yaml", f"article_id: {source}", f"article_id: {new}")
    text = project.seeds / new / "article.txt"
    import hashlib
    old_sha = hashlib.sha256(text.read_bytes()).hexdigest()
    text.write_bytes(text.read_bytes() + b"\n")
    replace_in(project.seeds / new / "meta.yaml", old_sha, hashlib.sha256(text.read_bytes()).hexdigest())
    dataset.build(project, progress=None)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    statements = project.seeds / new / "statements.yaml"
    statements.write_text(statements.read_text(encoding="utf-8").replace("rationale: ", "rationale: Checked. ", 1),
                          encoding="utf-8")
    dataset.build(project, progress=None)
    out = tmp_path / "partial"
    assert run(project, "site", "-q", "-o", str(out), "--changed-since", "main") == 0
    assert "changed since main" in capsys.readouterr().out
    assert sorted(p.stem for p in (out / "articles").glob("*.html")) == [new]
    assert not (out / "sources.html").exists()
    rendered = load(project)
    claims = {c["claim_id"] for c in rendered.claims if c["n_reports"] > 1 and new in c["article_ids"]}
    assert {p.name for p in (out / "claims").glob("*.html")} == {
        c.removeprefix("claim:").replace("/", ".") + ".html" for c in claims}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"articles/{new}.html" in index and f"articles/{source}.html" not in index
    test_nothing_is_loaded_from_outside_and_every_local_link_resolves(out)  # no link to a page not written
    assert run(project, "site", "-q", "-o", str(out), "--changed-since", "no-such-ref") == 1
    assert "--changed-since no-such-ref" in capsys.readouterr().err


def test_cli_output_that_cannot_be_written_is_a_clear_error(built, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert run(built, "site", "-q", "-o", str(blocker)) == 1  # a file, not a folder
    assert run(built, "site", "-q", "-o", str(blocker / "site")) == 1  # a folder under a file
    err = capsys.readouterr().err
    assert err.count("factprov site: ") == 2 and "Traceback" not in err and blocker.read_text() == "x"


def test_a_card_links_the_speakers_wikidata_item_where_there_is_one(built):
    import copy

    from factprov.site import render

    data = load(built)
    site = render.Site(data, {a["article_id"] for a in data.articles}, None)
    job = copy.deepcopy(site.article_job(data.articles[0]))
    with_id, without = job["statements"][0], job["statements"][1]
    with_id["speaker"] = {"name": "Tokoh Contoh", "type": "person", "wikidata_id": "Q123"}  # made up for the test
    without["speaker"] = {"name": "Tokoh Lain", "type": "person", "wikidata_id": None}
    html = render.render_article(job)
    cards = {c.split('"', 1)[0]: c for c in html.split('<article class="card" id="card-')[1:]}
    first, second = (s["statement_id"].rsplit("/", 1)[1] for s in (with_id, without))
    assert '<a href="https://www.wikidata.org/wiki/Q123" rel="noopener noreferrer">Wikidata Q123</a>' in cards[first]
    assert "Tokoh Lain" in cards[second] and "wikidata.org" not in cards[second]


def test_cli_names_the_line_of_a_damaged_data_file(built, tmp_path, capsys):
    path = next((built.dataset / "data" / "statements").glob("*.jsonl"))
    rows = path.read_bytes().split(b"\n")
    rows[1] = rows[1][:40]  # a line cut short
    path.write_bytes(b"\n".join(rows))
    assert run(built, "site", "-q", "-o", str(tmp_path / "site")) == 1
    err = capsys.readouterr().err
    assert f"{built.rel(path)}:2: not a JSON line" in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()
