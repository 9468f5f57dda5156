"""Add a checked article to the book: toc entry, part index link, API section, references.

    .venv/bin/python tools/integrate_article.py <part> <slug> <module> "<module summary>"

Idempotent: running it twice changes nothing the second time. Merges book/bib/<slug>.bib
into book/references.bib (skipping keys already there) and deletes it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(part: str, slug: str, module: str, summary: str) -> None:
    article = ROOT / "book" / part / f"{slug}.md"
    if not article.is_file():
        sys.exit(f"no article {article}")
    # toc: a section under the part's index, in catalogue order of the index table.
    toc_path = ROOT / "_toc.yml"
    toc = toc_path.read_text(encoding="utf-8")
    entry = f"          - file: book/{part}/{slug}\n"
    if entry not in toc:
        index_line = f"      - file: book/{part}/index\n"
        pos = toc.index(index_line) + len(index_line)
        if toc[pos:].startswith("        sections:\n"):
            pos += len("        sections:\n")
            while toc[pos:].startswith("          - file:"):
                pos = toc.index("\n", pos) + 1
            toc = toc[:pos] + entry + toc[pos:]
        else:
            toc = toc[:pos] + "        sections:\n" + entry + toc[pos:]
        toc_path.write_text(toc, encoding="utf-8")
    # part index: "planned" becomes a link.
    index = ROOT / "book" / part / "index.md"
    text = index.read_text(encoding="utf-8")
    text = re.sub(rf"^(\| `{re.escape(slug)}` \|.*\| )planned \|$", rf"\1{{doc}}`{slug}` |", text, flags=re.M)
    index.write_text(text, encoding="utf-8")
    # API page.
    api = ROOT / "book" / "about-blogcode.md"
    text = api.read_text(encoding="utf-8")
    if f".. automodule:: blogcode.{module}\n" not in text:
        section = f"## `blogcode.{module}` — {summary}\n\n```{{eval-rst}}\n.. automodule:: blogcode.{module}\n   :members:\n```\n\n"
        text = text.replace("## `blogcode.timing`", section + "## `blogcode.timing`", 1)
        api.write_text(text, encoding="utf-8")
    # References.
    bib = ROOT / "book" / "bib" / f"{slug}.bib"
    if bib.is_file():
        refs = ROOT / "book" / "references.bib"
        have = set(re.findall(r"^@\w+\{([^,]+),", refs.read_text(encoding="utf-8"), flags=re.M))
        new = re.split(r"(?m)^(?=@)", bib.read_text(encoding="utf-8"))
        added = [e.strip() for e in new if (m := re.match(r"@\w+\{([^,]+),", e)) and m.group(1) not in have]
        skipped = [m.group(1) for e in new if (m := re.match(r"@\w+\{([^,]+),", e)) and m.group(1) in have]
        if added:
            with refs.open("a", encoding="utf-8") as fh:
                fh.write("\n" + "\n\n".join(added) + "\n")
        if skipped:
            print(f"keys already in references.bib (kept the existing entry): {skipped}")
        bib.unlink()
        if not any(bib.parent.iterdir()):
            bib.parent.rmdir()
    print(f"integrated {part}/{slug} (blogcode.{module})")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
