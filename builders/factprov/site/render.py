"""Render pages: the Jinja2 environment, the context of each page, and where each page goes."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from factprov.site import charts, graph, spans
from factprov.site.data import Dataset

STATIC = Path(__file__).parent / "static"
CLAIMS_PER_PAGE = 1000
FIELD_TITLES = {"kind": "Kind", "verification_status": "Verification status", "fidelity": "Fidelity",
                "claim_type": "Claim type"}


def human(label: str | None) -> str:
    """``direct_quote`` -> ``direct quote``."""
    return "" if label is None else label.replace("_", " ")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader(__package__, "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined,
                      auto_reload=False)
    env.filters["human"] = human
    return env


def article_path(article_id: str) -> str:
    return f"articles/{article_id}.html"


def claim_path(claim_id: str) -> str:
    """``claim:<article>/<n>`` -> ``claims/<article>.<n>.html`` ('.' is in no article id)."""
    article, n = claim_id.removeprefix("claim:").rsplit("/", 1)
    return f"claims/{article}.{n}.html"


def claims_page_path(page: int) -> str:
    return "claims/index.html" if page == 1 else f"claims/page-{page}.html"


def has_page(claim: dict) -> bool:
    """A claim reported more than once has a page with its merged graph; a single report's graph is its
    statement's chain, shown on the article page."""
    return claim["n_reports"] > 1


def statement_href(statement_id: str, rendered: set[str], prefix: str) -> str | None:
    article, n = statement_id.rsplit("/", 1)
    return f"{prefix}{article_path(article)}#s-{n}" if article in rendered else None


class Site:
    """What every page needs to know about the whole site: the dataset, and which pages exist."""

    def __init__(self, data: Dataset, rendered: set[str], partial_note: str | None):
        self.data = data
        self.rendered = rendered  # article ids that get a page
        self.articles = [a for a in data.articles if a["article_id"] in rendered]
        self.partial_note = partial_note  # None for a full site
        self.claim_pages = [c for c in data.claims if has_page(c) and
                            (partial_note is None or any(a in rendered for a in c["article_ids"]))]
        self.claim_ids = {c["claim_id"] for c in self.claim_pages}
        self.n_multi = sum(1 for c in data.claims if has_page(c))
        self.language = {a["article_id"]: a["language"] for a in data.articles}

    @property
    def full(self) -> bool:
        return self.partial_note is None

    def base(self, prefix: str, current: str) -> dict:
        nav = [("index.html", "Overview")]
        if self.full:
            nav += [("claims/index.html", "Claims"), ("sources.html", "Sources"), ("leaderboard.html", "Leaderboard")]
        return {"root": prefix, "nav": nav, "current": current, "version": self.data.version,
                "fingerprint": self.data.fingerprint, "partial_note": self.partial_note}

    def claim_ref(self, claim: dict, prefix: str) -> str | None:
        if has_page(claim):
            return f"{prefix}{claim_path(claim['claim_id'])}" if self.full or claim["claim_id"] in self.claim_ids \
                else None
        return statement_href(claim["statement_ids"][0], self.rendered, prefix)

    # -- the context of one article page, as plain data
    def article_job(self, article: dict) -> dict:
        statements = self.data.statements.get(article["article_id"], [])
        claims = {}
        for s in statements:
            claim = self.data.claim_of.get(s["statement_id"])
            if claim is not None:
                claims[s["statement_id"]] = {"claim_id": claim["claim_id"], "n_reports": claim["n_reports"],
                                             "n_independent_origins": claim["n_independent_origins"],
                                             "href": self.claim_ref(claim, "../") if has_page(claim) else None}
        refs = {ev["ref"]: statement_href(ev["ref"], self.rendered, "../")
                for s in statements for ev in s["evidence"] if not ev["ref"].startswith("https://")}
        return {"article": article, "statements": statements, "claims": claims, "refs": refs,
                "base": self.base("../", "article")}


@lru_cache(maxsize=4096)
def chain_svg(chain: tuple[tuple[str | None, str], ...]) -> Markup:
    """The SVG of a source chain; many statements share a chain, so each is drawn once."""
    statement = {"source_chain": [{"name": name, "role": role} for name, role in chain]}
    macros = environment().get_template("macros.html").module
    return macros.graph_svg(graph.chain_graph(statement), "Source chain")


def render_article(job: dict) -> str:
    """The page of one article (runs in a worker: plain data in, HTML out)."""
    article, statements = job["article"], job["statements"]
    labelled = []
    layout_spans = spans.boilerplate_spans(article)
    for s in statements:
        label = f"{human(s['kind'])} · {human(s['verification_status'])}"
        layout_spans += spans.statement_spans(s, label)
        labelled.append({"s": s, "n": s["statement_id"].rsplit("/", 1)[1], "label": label,
                         "svg": chain_svg(tuple((link["name"], link["role"]) for link in s["source_chain"])), "claim": job["claims"].get(s["statement_id"])})
    body = spans.layout(article["text"], layout_spans)
    notes = {n["field"]: n["note"] for n in article["notes"]}
    return environment().get_template("article.html").render(
        **job["base"], article=article, text_html=body, statements=labelled, refs=job["refs"], notes=notes)


def index_page(site: Site) -> str:
    data = site.data
    counts = {a["article_id"]: len(data.statements.get(a["article_id"], [])) for a in data.articles}
    listed = [a for a in data.articles if a["article_id"] in site.rendered]
    chart_list = [charts.bar_chart(name, FIELD_TITLES[name], data.labels[name], data.counts(name))
                  for name in ("kind", "verification_status", "fidelity", "claim_type")] if site.full else []
    return environment().get_template("index.html").render(
        **site.base("", "index"), articles=listed, counts=counts, n_articles=len(data.articles),
        n_statements=data.n_statements, n_claims=len(data.claims), n_sources=len(data.sources), charts=chart_list,
        article_path=article_path)


def claim_page(site: Site, claim: dict) -> str:
    reports = [site.data.statement(sid) for sid in claim["statement_ids"]]
    return environment().get_template("claim.html").render(
        **site.base("../", "claim"), claim=claim, reports=reports, graph=graph.claim_graph(reports),
        href=lambda sid: statement_href(sid, site.rendered, "../"), language=site.language)


def claims_pages(site: Site) -> int:
    return max(1, -(-len(site.data.claims) // CLAIMS_PER_PAGE))


def claims_table_page(site: Site, page: int) -> str:
    data = site.data
    rows = data.claims[(page - 1) * CLAIMS_PER_PAGE: page * CLAIMS_PER_PAGE]
    return environment().get_template("claims.html").render(
        **site.base("../", "claims"), claims=rows, page=page, n_pages=claims_pages(site), total=len(data.claims),
        first=(page - 1) * CLAIMS_PER_PAGE + 1, page_path=lambda p: claims_page_path(p).removeprefix("claims/"),
        claim_ref=lambda c: site.claim_ref(c, "../"), multi=site.n_multi)


def sources_page(site: Site) -> str:
    return environment().get_template("sources.html").render(
        **site.base("", "sources"), sources=site.data.sources, speakers=site.data.counts_by_speaker())


def leaderboard_page(site: Site) -> str:
    from factprov.bench.leaderboard import leaderboard_rows  # the scorer is not needed for anything else here

    board = site.data.leaderboard
    header, rows = leaderboard_rows(board) if board is not None else ([], [])
    return environment().get_template("leaderboard.html").render(
        **site.base("", "leaderboard"), board=board, header=header, rows=rows)


def static_files() -> dict[str, bytes]:
    return {f"static/{p.name}": p.read_bytes() for p in sorted(STATIC.iterdir()) if p.is_file()}
