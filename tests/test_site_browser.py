"""The site in a real browser: headless Chromium, driven over the DevTools protocol.

Chromium is required: without it these tests are skipped on a developer's machine (with
the reason shown) and fail under CI (CI=true), where ``.ci/run`` installs it.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from PIL import Image

from factprov.build.corpus import origin_key
from factprov.site import write_site
from factprov.site.browser import Browser, find_chromium
from factprov.site.data import load

from .conftest import copy_checkout

if find_chromium() is None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Chromium is missing under CI; .ci/run installs it (apt-get install chromium)",
                    pytrace=False)
    pytest.skip("Chromium is not installed (apt-get install chromium); the browser tests need it",
                allow_module_level=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_checkout(tmp_path_factory.mktemp("site") / "repo")
    site = project.root / "site"
    write_site(project, site)
    return project, site, load(project)


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


def url(site: Path, rel: str) -> str:
    return (site / rel).resolve().as_uri()


def all_pages(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]


def test_every_page_loads_without_errors_and_nothing_leaves_the_machine(built, browser):
    _, site, _ = built
    browser.requests.clear()
    for rel in all_pages(site):
        browser.events.clear()
        browser.open(url(site, rel))
        assert browser.evaluate("document.querySelector('main h1').textContent.length > 0"), rel
        assert browser.evaluate("document.styleSheets.length") == 1, rel  # the stylesheet loaded
        thrown = [e for e in browser.events if e.get("method") in ("Runtime.exceptionThrown",
                                                                  "Network.loadingFailed")]
        assert thrown == [], (rel, thrown)
    assert browser.requests, "the request log is empty: the check below would prove nothing"
    assert all(u.startswith("file://") for u in browser.requests), [u for u in browser.requests
                                                                    if not u.startswith("file://")]


def test_the_network_check_sees_a_request_for_an_outside_resource(tmp_path, browser):
    page = tmp_path / "outside.html"
    page.write_text('<!DOCTYPE html><html><head><title>t</title></head><body>'
                    '<img src="https://example.org/x.png" alt=""></body></html>', encoding="utf-8")
    browser.requests.clear()
    browser.open(page.as_uri())
    assert "https://example.org/x.png" in browser.requests  # logged, and it could not be fetched:
    assert not browser.evaluate("document.querySelector('img').naturalWidth")


def test_every_statement_is_a_marked_span_whose_text_is_the_quote(built, browser):
    _, site, data = built
    collect = """JSON.stringify((() => {
      const out = {};
      for (const el of document.querySelectorAll('#text [data-statement-id][data-role]')) {
        const key = el.dataset.statementId + ' ' + el.dataset.role;
        out[key] = (out[key] || '') + el.textContent;
      }
      return {spans: out, text: document.getElementById('text').textContent};
    })())"""
    for article in data.articles:
        browser.open(url(site, f"articles/{article['article_id']}.html"))
        found = json.loads(browser.evaluate(collect))
        assert found["text"] == article["text"]
        statements = data.statements[article["article_id"]]
        assert statements, "an article without statements tests nothing here"
        for s in statements:
            assert found["spans"][f"{s['statement_id']} quote"] == s["quote"]["text"]
            if s["cue"]:
                assert found["spans"][f"{s['statement_id']} cue"] == s["cue"]["text"]
            if s["speaker_mention"]:
                assert found["spans"][f"{s['statement_id']} speaker"] == s["speaker_mention"]["text"]


def test_each_card_has_a_graph_node_for_each_link_of_the_chain(built, browser):
    _, site, data = built
    for article in data.articles:
        browser.open(url(site, f"articles/{article['article_id']}.html"))
        names = browser.evaluate("""Array.from(document.querySelectorAll('.card')).map(c =>
            [c.dataset.statementId, Array.from(c.querySelectorAll('svg .node')).map(n => n.dataset.name)])""")
        expected = [[s["statement_id"], [link["name"] or "unknown publisher" for link in s["source_chain"]]]
                    for s in data.statements[article["article_id"]]]
        assert names == expected


def test_each_claim_graph_has_a_node_for_each_source_of_its_reports(built, browser):
    _, site, data = built
    multi = [c for c in data.claims if c["n_reports"] > 1]
    assert multi, "the fixture corpus has claims reported more than once"
    for claim in multi:
        browser.open(url(site, "claims/" + claim["claim_id"].removeprefix("claim:").replace("/", ".") + ".html"))
        nodes = set(browser.evaluate("Array.from(document.querySelectorAll('svg.graph .node')).map(n => n.dataset.node)"))
        reports = [data.statement(sid) for sid in claim["statement_ids"]]
        assert nodes == {link["name"] or f"publisher of {s['article_id']}" for s in reports for link in s["source_chain"]}
        origins = browser.evaluate("document.querySelectorAll('svg.graph .node.role-origin').length")
        assert origins == len({origin_key(s) for s in reports}) == claim["n_independent_origins"]


def test_keyboard_selection_opens_the_statements_card(built, browser):
    _, site, data = built
    article = data.articles[0]
    browser.open(url(site, f"articles/{article['article_id']}.html"))
    assert browser.evaluate("document.querySelectorAll('.card:not([hidden])').length") == 0  # JS hid them
    for _ in range(60):  # Tab through the page to the first statement in the text
        browser.press("Tab")
        if browser.evaluate("document.activeElement.closest('#text') !== null"):
            break
    first = browser.evaluate("document.activeElement.dataset.statementId")
    assert first == data.statements[article["article_id"]][0]["statement_id"]
    browser.press("Enter")
    state = browser.evaluate("""({visible: Array.from(document.querySelectorAll('.card'))
                                   .filter(c => !c.hidden && c.offsetHeight > 0).map(c => c.dataset.statementId),
                                 focused: document.activeElement.dataset.statementId,
                                 expanded: document.getElementById('s-1') &&
                                           document.querySelector('[aria-expanded=true]').dataset.statementId})""")
    assert state == {"visible": [first], "focused": first, "expanded": first}
    browser.press("Escape")  # back to the statement in the text
    assert browser.evaluate("document.activeElement.dataset.statementId") == first
    browser.press("Tab")
    second = browser.evaluate("document.activeElement.dataset.statementId")
    assert second and second != first
    browser.press(" ")
    assert browser.evaluate("Array.from(document.querySelectorAll('.card')).filter(c => !c.hidden)"
                            ".map(c => c.dataset.statementId)") == [second]


def test_without_javascript_every_card_is_in_the_page(built):
    _, site, data = built
    for article in data.articles:
        html = (site / f"articles/{article['article_id']}.html").read_text(encoding="utf-8")
        for s in data.statements[article["article_id"]]:
            assert f'class="card" id="card-{s["statement_id"].rsplit("/", 1)[1]}"' in html
            assert " hidden" not in html.split("<main", 1)[1].split("<script", 1)[0]


def colour_stats(png: bytes) -> tuple[int, float]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24)
    top = max(n for n, _ in colours)
    return len(colours), top / (image.width * image.height)


@pytest.mark.parametrize("kind", ["index", "article", "claim", "claims", "sources", "leaderboard"])
def test_a_screenshot_of_each_page_type_is_not_blank(built, browser, kind, tmp_path):
    _, site, data = built
    rel = {"index": "index.html", "article": f"articles/{data.articles[0]['article_id']}.html",
           "claims": "claims/index.html", "sources": "sources.html", "leaderboard": "leaderboard.html",
           "claim": "claims/" + next(c for c in data.claims if c["n_reports"] > 1)["claim_id"]
           .removeprefix("claim:").replace("/", ".") + ".html"}[kind]
    for width in (1200, 390):  # a desktop and a phone
        browser.open(url(site, rel), width, 800)
        assert browser.evaluate("document.documentElement.scrollWidth") <= width  # no page-wide sideways scroll
        n_colours, top_share = colour_stats(browser.screenshot())
        assert n_colours >= 20 and top_share < 0.995, (rel, width, n_colours, top_share)


def test_screenshot_command_writes_a_png_of_an_article(built, tmp_path):
    from factprov import cli

    project, _, data = built
    png = tmp_path / "shot.png"
    assert cli.main(["--root", str(project.root), "site", "-q", "-o", str(tmp_path / "s"), "--screenshot",
                     str(png)]) == 0
    n_colours, top_share = colour_stats(png.read_bytes())
    assert n_colours >= 20 and top_share < 0.995


CONTRAST = """(() => {
  const rgb = s => { const m = s.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : [...m, 1]; };
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const over = (top, below) => top[3] >= 1 ? top : [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
  function background(el) {  // the colour behind el: its own and its ancestors' backgrounds, composed
    const layers = [];
    for (let e = el; e; e = e.parentElement) { layers.push(rgb(getComputedStyle(e).backgroundColor)); }
    return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]);
  }
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const failures = [];
  function check(el, style, bg, what) {
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(over(rgb(style.color), bg), bg);
    if (r < need) { failures.push([what, r.toFixed(2)]); }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || seen.has(el) || el.closest('svg') || !el.getClientRects().length) { continue; }
    seen.add(el);
    check(el, getComputedStyle(el), background(el), el.tagName + ' ' + n.textContent.trim().slice(0, 30));
  }
  for (const el of document.querySelectorAll('[data-label]')) {  // the labels drawn before quotes
    const style = getComputedStyle(el, '::before');
    check(el, style, over(rgb(style.backgroundColor), background(el)), 'label ' + el.dataset.label);
  }
  return {checked: seen.size, failures};
})()"""


def test_text_contrast_meets_wcag_aa_on_every_page_type(built, browser):
    _, site, data = built
    for rel in ["index.html", f"articles/{data.articles[0]['article_id']}.html", "claims/index.html", "sources.html",
                "leaderboard.html"]:
        browser.open(url(site, rel))
        browser.evaluate("document.querySelectorAll('details').forEach(d => d.open = true); true")  # the legend
        browser.evaluate("document.querySelector('#text [tabindex]') && document.querySelector('#text [tabindex]')"
                         ".click(); true")  # a selected statement and its card
        result = browser.evaluate(CONTRAST)
        assert result["checked"] > 10 and result["failures"] == [], (rel, result["failures"][:10])
