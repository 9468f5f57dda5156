"""Sphinx extension of the book: the claims ledger and the notebook downloads.

Loaded by Jupyter Book through ``sphinx.extra_extensions`` in ``_config.yml``.

* ``{claims-ledger}`` — a directive that becomes, once every article has been read (and
  so executed), the table of all claims checked by all articles, with totals. The rows
  are collected from the executed outputs of the articles' claims tables
  (:func:`blogcode.claims.render_claims_html` embeds them), never typed by hand.
* Each MyST-notebook page gets its ``.ipynb``, converted from the MyST source with
  jupytext at build time, in the page's download menu.
* MathJax 3, installed from npm, is copied into the site, so that no page loads anything
  from another host; the build fails early, saying what to run, when it is missing.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

from blogcode.claims import Claim, claims_from_html, count_verdicts, render_claims_html, VERDICTS

__all__ = ["setup"]

_ENV_KEY = "blogcode_claims"


class _ledger_node(nodes.General, nodes.Element):
    """Placeholder replaced by the ledger table when the doctree is resolved."""


class ClaimsLedgerDirective(SphinxDirective):
    """``{claims-ledger}``: every claim checked by every article, with totals."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [_ledger_node()]


def _collect_claims(app: Sphinx, doctree: nodes.document) -> None:
    """After an article is read (and executed), keep the claims its outputs carry."""
    env = app.env
    store: dict[str, list[dict[str, Any]]] = getattr(env, _ENV_KEY, {})
    found: list[Claim] = []
    for node in doctree.findall(nodes.raw):
        if "html" in node.get("format", "") and "blogcode-claims" in node.astext():
            found.extend(claims_from_html(node.astext()))
    store.pop(env.docname, None)
    if found:
        store[env.docname] = [c.__dict__.copy() for c in found]
    setattr(env, _ENV_KEY, store)
    if found or any(doctree.findall(_ledger_node)):
        # Claims tables hold math in raw HTML, which Sphinx cannot see: load MathJax here.
        env.get_domain("math").data["has_equations"][env.docname] = True


def _purge(app: Sphinx, env: Any, docname: str) -> None:
    getattr(env, _ENV_KEY, {}).pop(docname, None)


def _merge(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    store = getattr(env, _ENV_KEY, {})
    for docname, rows in getattr(other, _ENV_KEY, {}).items():
        if docname in docnames:
            store[docname] = rows
    setattr(env, _ENV_KEY, store)


def _ledger_docs(env: Any) -> list[str]:
    return [d for d in env.found_docs if "claims-ledger" in Path(env.doc2path(d)).read_text("utf-8")]


def _always_reread_ledger(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """The ledger depends on every article, so it is read again on every build."""
    return _ledger_docs(env)


def _fill_ledger(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(_ledger_node))
    if not placeholders:
        return
    store: dict[str, list[dict[str, Any]]] = getattr(app.env, _ENV_KEY, {})
    claims: list[Claim] = []
    uris: dict[str, str] = {}
    for article_doc in sorted(store):
        rows = [Claim(**row) for row in store[article_doc]]
        claims.extend(rows)
        for c in rows:
            uris[c.article] = app.builder.get_relative_uri(docname, article_doc)
    counts = count_verdicts(claims)
    summary = ", ".join(f"{counts[k]} {VERDICTS[k][1]} {VERDICTS[k][0]}" for k in VERDICTS)
    table = render_claims_html(claims, with_article=True)
    for slug, uri in uris.items():
        table = table.replace(f"{{ARTICLE:{html.escape(slug)}}}", html.escape(uri))
    totals = (
        f'<p class="claims-totals"><strong>{len(claims)} claims</strong> checked in '
        f"{len(store)} article{'s' if len(store) != 1 else ''}: {summary}.</p>"
    )
    for node in placeholders:
        node.replace_self(nodes.raw("", totals + table, format="html"))


def _drop_thebe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Remove sphinx-thebe's scripts, which Jupyter Book always loads.

    The book is static and offline (no Binder kernels), and sphinx-thebe 0.3 declares
    its ``THEBE_JS_URL`` constant twice, a script error on every page.
    """
    scripts = context.get("script_files", [])
    context["script_files"] = [
        s for s in scripts
        if "THEBE_JS_URL" not in str(getattr(s, "attributes", {}).get("body", ""))
        and not str(s).endswith("sphinx-thebe.js")
    ]


def _is_myst_notebook(path: Path) -> bool:
    if path.suffix != ".md" or not path.exists():
        return False
    head = path.read_text("utf-8")[:2000]
    return head.startswith("---") and "kernelspec:" in head


def _offer_notebook(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Write the page's ``.ipynb`` (from its MyST source) next to its source download."""
    if doctree is None or app.builder.format != "html":
        return
    source = Path(app.env.doc2path(pagename))
    if not _is_myst_notebook(source):
        return
    import jupytext

    notebook = jupytext.read(source)
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(notebook, target, fmt="ipynb")
    # sphinx-book-theme adds the ".ipynb" entry to the download menu when this is set.
    context["ipynb_source"] = f"{pagename}.ipynb"


_MATHJAX_PARTS = ("tex-chtml.js", "input", "output", "ui", "a11y", "sre", "adaptors")


def _install_mathjax(app: Sphinx) -> None:
    """Copy the self-hosted MathJax into the site's ``_static`` (the site works offline).

    MathJax is not put in ``html_static_path``: Jupyter Book would then load every one of
    its scripts on every page.
    """
    if app.builder.format != "html":
        return
    path = str(app.config.mathjax_path)
    if "://" in path or not path.startswith("mathjax/"):
        raise ConfigError(f"mathjax_path must be 'mathjax/<file>' inside the site (offline), got {path}")
    source = Path(app.confdir) / app.config.blogcode_mathjax_source
    if not (source / "tex-chtml.js").exists():
        raise ConfigError(
            f"MathJax is missing from {source}; run `make book`, which installs it with `npm ci`"
        )
    target = Path(app.outdir) / "_static" / "mathjax"
    if (target / ".installed").exists():
        return
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for part in _MATHJAX_PARTS:
        src = source / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, target / part)
    licence = source.parent / "LICENSE"
    if licence.exists():
        shutil.copy2(licence, target / "LICENSE")
    (target / ".installed").write_text(str(source))


_CSS = """/* blogcode.bookext: a display equation wider than the page (a long SymPy output,
   a narrow screen) scrolls sideways instead of being cut off. */
mjx-container[jax="CHTML"][display="true"] {
  overflow-x: auto;
  overflow-y: hidden;
  max-width: 100%;
}
"""


def _install_css(app: Sphinx) -> None:
    """Write the extension's small stylesheet into the site's ``_static``."""
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "blogcode.css"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_CSS, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    app.add_css_file("blogcode.css")
    app.connect("builder-inited", _install_css)
    app.add_node(_ledger_node)
    app.add_directive("claims-ledger", ClaimsLedgerDirective)
    app.add_config_value("blogcode_mathjax_source", "node_modules/mathjax/es5", "html")
    app.connect("builder-inited", _install_mathjax)
    app.connect("doctree-read", _collect_claims)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _always_reread_ledger)
    app.connect("doctree-resolved", _fill_ledger)
    # Before sphinx-book-theme builds its header buttons (priority 501).
    app.connect("html-page-context", _offer_notebook, priority=499)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
