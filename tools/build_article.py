"""Build one article as a small stand-alone book, to check it before it joins the book.

    .venv/bin/python tools/build_article.py book/<part>/<slug>.md

makes ``_build/one/<slug>/`` holding a copy of the book's configuration, the article,
the bibliography (``book/references.bib``), the claims ledger and an API page of every
``blogcode`` module, and runs ``jupyter-book build -W -n --keep-going`` on it, as
``make book`` does for the whole book. It prints the article's execution time and exits
non-zero on any warning or failing cell. The full book is still built by ``make book``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", type=Path, help="path of the article, e.g. book/computing/prime-sums.md")
    args = parser.parse_args()
    article = (ROOT / args.article).resolve() if not args.article.is_absolute() else args.article
    if not article.is_file():
        parser.error(f"no such article: {article}")
    rel = article.relative_to(ROOT)
    slug = article.stem
    out = ROOT / "_build" / "one" / slug
    src = out / "src"
    if src.exists():
        shutil.rmtree(src)
    (src / rel.parent).mkdir(parents=True)
    # The article's whole folder (data files beside it), but only it is in the toc.
    for item in article.parent.iterdir():
        if item.is_file():
            shutil.copy2(item, src / rel.parent / item.name)
    for name in ["bibliography.md", "reproducibility-ledger.md", "execution-statistics.md", "references.bib"]:
        shutil.copy2(ROOT / "book" / name, src / "book" / name)
    (src / "book" / "intro.md").write_text(f"# Stand-alone build of `{slug}`\n", encoding="utf-8")
    # The API page documents the modules the article names (others may be half-written).
    source = article.read_text(encoding="utf-8")
    named = set(re.findall(r"blogcode\.(\w+)", source)) | set(re.findall(r"from blogcode import (\w+)", source))
    modules = sorted(
        p.stem for p in (ROOT / "src" / "blogcode").glob("*.py")
        if p.stem in named | {"claims", "plotting", "timing"}
    )
    api = ["# The `blogcode` package", ""]
    for mod in modules:
        api += [f"## `blogcode.{mod}`", "", "```{eval-rst}", f".. automodule:: blogcode.{mod}", "   :members:", "```", ""]
    (src / "book" / "about-blogcode.md").write_text("\n".join(api), encoding="utf-8")
    (src / "node_modules").symlink_to(ROOT / "node_modules")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    # An article's new references may wait in book/bib/<slug>.bib until they are merged
    # into book/references.bib.
    extra_bib = ROOT / "book" / "bib" / f"{slug}.bib"
    if extra_bib.is_file():
        (src / "book" / "bib").mkdir()
        shutil.copy2(extra_bib, src / "book" / "bib" / extra_bib.name)
        config["bibtex_bibfiles"] = list(config["bibtex_bibfiles"]) + [f"book/bib/{slug}.bib"]
    (src / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    toc = {
        "format": "jb-book",
        "root": "book/intro",
        "chapters": [
            {"file": str(rel.with_suffix(""))},
            {"file": "book/reproducibility-ledger"},
            {"file": "book/execution-statistics"},
            {"file": "book/about-blogcode"},
            {"file": "book/bibliography"},
        ],
    }
    (src / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    jb = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(jb), "build", str(src), "--path-output", str(out), "--builder", "html", "-W", "-n", "--keep-going"]
    print("$", " ".join(cmd), flush=True)
    rc = subprocess.call(cmd, cwd=ROOT)
    try:
        from jupyter_cache import get_cache

        for record in get_cache(out / "_build" / ".jupyter_cache").list_cache_records():
            print(f"execution time of {Path(record.uri).name}: {record.data.get('execution_seconds', float('nan')):.1f} s")
    except Exception as exc:  # the report is a convenience; the build's return code decides
        print(f"(no execution record: {exc})")
    print(f"site: {out / '_build' / 'html' / rel.with_suffix('.html')}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
