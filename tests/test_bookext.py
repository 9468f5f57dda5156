"""Tests of blogcode.bookext: the ledger, the notebook download, the self-hosted MathJax.

A tiny Sphinx project is built with the extension: two "articles" whose outputs carry
claims tables, and a ledger page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from blogcode.claims import Claim, render_claims_html

NOTEBOOK_HEAD = """---
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def _project(tmp_path: Path, with_mathjax: bool = True) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    mathjax = tmp_path / "mathjax-es5"
    if with_mathjax:
        for part in ("input", "output", "ui", "a11y", "sre", "adaptors"):
            (mathjax / part).mkdir(parents=True)
        (mathjax / "tex-chtml.js").write_text("/* stand-in */")
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'blogcode.bookext']\n"
        "mathjax_path = 'mathjax/tex-chtml.js'\n"
        f"blogcode_mathjax_source = {str(mathjax)!r}\n"
        "suppress_warnings = ['myst.xref_missing']\n"
    )
    (src / "index.md").write_text("# Home\n\n```{toctree}\na\nb\nledger\n```\n")
    claims_a = [Claim("art-a", "1", "$x > 0$", "0.5", "holds"),
                Claim("art-a", "2", "y", "3", "fails", "counterexample")]
    claims_b = [Claim("art-b", "1", "z", "1", "caveat", "only for even $n$")]
    (src / "a.md").write_text(NOTEBOOK_HEAD + "# A\n\n" + render_claims_html(claims_a) + "\n")
    (src / "b.md").write_text("# B\n\n" + render_claims_html(claims_b) + "\n")
    (src / "ledger.md").write_text("# Ledger\n\n```{claims-ledger}\n```\n")
    return src


def _build(src: Path) -> tuple[int, Path]:
    out = src.parent / "html"
    code = build_main(["-q", "-W", "-b", "html", "-d", str(src.parent / "doctrees"), str(src), str(out)])
    return code, out


def test_ledger_collects_every_article_with_totals_and_links(tmp_path: Path) -> None:
    code, out = _build(_project(tmp_path))
    assert code == 0
    ledger = (out / "ledger.html").read_text("utf-8")
    assert "<strong>3 claims</strong> checked in 2 articles" in ledger
    assert "1 ✔ holds, 1 ⚠ holds with a caveat, 1 ✘ does not hold" in ledger
    assert 'href="a.html">art-a</a>' in ledger and 'href="b.html">art-b</a>' in ledger
    assert "{ARTICLE:" not in ledger
    # The ledger holds math in raw HTML, so MathJax must be loaded there.
    assert "_static/mathjax/tex-chtml.js" in ledger


def test_ledger_follows_an_edited_article(tmp_path: Path) -> None:
    src = _project(tmp_path)
    _build(src)
    (src / "b.md").write_text("# B\n\nNo claims any more.\n")
    code, out = _build(src)
    assert code == 0
    ledger = (out / "ledger.html").read_text("utf-8")
    assert "<strong>2 claims</strong> checked in 1 article:" in ledger


def test_notebook_pages_offer_an_ipynb(tmp_path: Path) -> None:
    import nbformat

    code, out = _build(_project(tmp_path))
    assert code == 0
    notebook = nbformat.read(out / "_sources" / "a.ipynb", as_version=4)
    nbformat.validate(notebook)
    assert not (out / "_sources" / "b.ipynb").exists()  # b.md is not a notebook


def test_mathjax_is_copied_into_the_site(tmp_path: Path) -> None:
    code, out = _build(_project(tmp_path))
    assert code == 0
    assert (out / "_static" / "mathjax" / "tex-chtml.js").read_text() == "/* stand-in */"


def test_missing_mathjax_fails_with_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, _ = _build(_project(tmp_path, with_mathjax=False))
    assert code != 0
    assert "MathJax is missing" in capsys.readouterr().err


def test_wide_equations_scroll_instead_of_being_cut(tmp_path: Path) -> None:
    code, out = _build(_project(tmp_path))
    assert code == 0
    css = (out / "_static" / "blogcode.css").read_text()
    assert "overflow-x: auto" in css
    page = next(p for p in out.glob("*.html") if p.name not in {"genindex.html", "search.html"})
    assert "_static/blogcode.css" in page.read_text()
