"""The built site in a real browser: Debian's Chromium driven by Playwright.

The site in ``_build/html`` (built by ``make book`` first if it is missing) is served on
localhost, and every page is loaded in headless Chromium. With ``CI`` set, a missing
browser fails the run instead of skipping it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlparse

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
EXEMPLAR = "book/analysis-physics/taylor-exp-positive.html"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _pages() -> list[str]:
    if not (SITE / "index.html").exists():
        subprocess.run(["make", "book"], cwd=ROOT, check=True)
    skip = ("_static", "_sources", "_images", "_downloads")
    return sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if not p.relative_to(SITE).parts[0].startswith(skip)
    )


def _articles() -> list[str]:
    """The articles of the toc: pages inside a part's folder other than its index."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            file = entry.get("file", "")
            if file.count("/") == 2 and not file.endswith("/index"):
                found.append(file + ".html")
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    _pages()  # builds the site if needed
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = _chromium()
    if executable is None:
        message = "Chromium is not installed (Debian package 'chromium'); .ci/run installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageVisit:
    """A page loaded in a fresh browser context, with everything that went wrong recorded."""

    def __init__(self, browser: object, url: str) -> None:
        self.context = browser.new_context()  # type: ignore[attr-defined]
        self.errors: list[str] = []
        self.external: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} ({r.failure})"))
        self.page.on(
            "response", lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status}: {r.url}")
        )
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        # Wait for MathJax, where the page loads it, to finish typesetting.
        self.page.evaluate(
            "() => (window.MathJax && MathJax.startup && MathJax.startup.promise) || null"
        )

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about") or parsed.hostname in LOCAL_HOSTS:
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.external.append(url)
            route.abort()  # type: ignore[attr-defined]

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def visit(browser: object, site_url: str) -> Iterator[object]:
    visits: list[PageVisit] = []

    def _visit(path: str) -> PageVisit:
        v = PageVisit(browser, urljoin(site_url, path))
        visits.append(v)
        return v

    yield _visit
    for v in visits:
        v.close()


_VISIBLE_TEXT_JS = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('pre, code, script, style, mjx-container, .highlight, textarea')
      .forEach(n => n.remove());
  return body.textContent;
}"""

_IMAGES_JS = """async () => {
  const imgs = Array.from(document.images);
  imgs.forEach(i => { i.loading = 'eager'; });
  await Promise.all(imgs.map(i => i.complete ? null :
      new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })));
  return imgs.filter(i => !(i.naturalWidth > 0)).map(i => i.currentSrc || i.src);
}"""


@pytest.mark.parametrize("path", _pages())
def test_page_loads_cleanly_offline(visit: object, path: str) -> None:
    """Every page: no console error, no failed request, nothing from another host,
    every formula typeset by MathJax, every image loaded."""
    v = visit(path)  # type: ignore[operator]
    assert v.external == [], f"{path} requested other hosts: {v.external}"
    assert v.errors == [], f"{path}: {v.errors}"
    text = v.page.evaluate(_VISIBLE_TEXT_JS)
    for raw in ("$$", "\\(", "\\["):
        assert raw not in text, f"{path}: untypeset math delimiter {raw!r} in the visible text"
    broken = v.page.evaluate(_IMAGES_JS)
    assert broken == [], f"{path}: images that did not load: {broken}"


def test_exemplar_has_rendered_math_figures_exercise_and_claims(visit: object) -> None:
    v = visit(EXEMPLAR)  # type: ignore[operator]
    page = v.page
    assert page.locator("mjx-container").count() >= 10
    assert page.locator("figure img").count() >= 3
    assert page.locator(".exercise").count() >= 2
    # Solutions are hidden until the reader asks for them.
    assert page.locator(".solution.dropdown").count() >= 2
    claims = page.locator("table.claims-table tbody tr")
    assert claims.count() >= 10
    assert "holds" in page.locator("table.claims-table").inner_text()


_FIGURES_JS = """() => Array.from(document.querySelectorAll('article figure')).map(f => ({
  alt: (f.querySelector('img') || {}).alt || '',
  caption: (f.querySelector('figcaption') || {}).textContent || '',
}))"""


@pytest.mark.parametrize("path", _articles())
def test_every_article_meets_the_standard_on_the_page(visit: object, path: str) -> None:
    """Each article as a reader sees it: typeset math, figures with alt text and a
    caption, at least two exercises with hidden solutions, a claims table, a download."""
    v = visit(path)  # type: ignore[operator]
    page = v.page
    assert page.locator("mjx-container").count() >= 3, f"{path}: too little typeset math"
    for figure in page.evaluate(_FIGURES_JS):
        assert figure["alt"].strip(), f"{path}: a figure has no alt text"
        assert figure["caption"].strip(), f"{path}: a figure has no caption"
    assert page.locator(".exercise").count() >= 2, f"{path}: fewer than two exercises"
    assert page.locator(".solution.dropdown").count() >= 2, f"{path}: solutions not hidden"
    rows = page.locator("table.claims-table tbody tr")
    assert rows.count() >= 3, f"{path}: claims table missing or nearly empty"
    assert page.locator('a[href$=".ipynb"]').count() >= 1, f"{path}: no notebook download"
    assert page.locator(".admonition").first.inner_text().count("kexue.fm") >= 1, (
        f"{path}: the provenance box does not link the original post"
    )


def test_ledger_lists_every_article(visit: object) -> None:
    ledger = visit("book/reproducibility-ledger.html").page  # type: ignore[operator]
    for path in _articles():
        slug = path.rsplit("/", 1)[-1].removesuffix(".html")
        assert ledger.locator(f'table.claims-table a[href*="{slug}"]').count() >= 3, slug


def test_search_finds_exemplar(visit: object) -> None:
    v = visit("search.html?q=Taylor")  # type: ignore[operator]
    link = v.page.locator('#search-results a[href*="taylor-exp-positive"]')
    link.first.wait_for(timeout=20_000)
    assert link.count() >= 1
    assert v.errors == []


def test_notebook_download_is_a_valid_notebook(visit: object, site_url: str) -> None:
    v = visit(EXEMPLAR)  # type: ignore[operator]
    href = v.page.locator('a[href$=".ipynb"]').first.get_attribute("href")
    assert href, "the article offers no .ipynb download"
    url = urljoin(urljoin(site_url, EXEMPLAR), href)
    response = v.page.request.get(url)
    assert response.ok, f"{url}: HTTP {response.status}"
    notebook = nbformat.reads(response.text(), as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert len(code) >= 10
    assert any("blogcode.taylor" in c.source for c in code)


def test_ledger_and_execution_statistics_show_the_exemplar(visit: object) -> None:
    ledger = visit("book/reproducibility-ledger.html").page  # type: ignore[operator]
    assert ledger.locator('table.claims-table a[href*="taylor-exp-positive"]').count() >= 8
    totals = ledger.locator("p.claims-totals").inner_text()
    assert "claims" in totals and "holds" in totals
    stats = visit("book/execution-statistics.html").page  # type: ignore[operator]
    assert "taylor-exp-positive" in stats.locator("article").inner_text()
