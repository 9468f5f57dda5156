"""Bridge nbval to the MyST-markdown articles of the book.

nbval collects only ``.ipynb`` files. For every article listed in ``_toc.yml`` that is a
MyST notebook, this hook converts the markdown with jupytext into a hidden sibling
``.<slug>.nbval.ipynb`` (same folder, so the kernel's working directory is the article's),
hands it to nbval, and deletes it when the session ends. Each code cell is then one test
item. Converted notebooks carry no stored outputs, so outputs are not compared (nbval's
lax mode): the articles' own ``assert`` cells decide.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).parent
_GENERATED = pytest.StashKey[list]()


def _toc_files() -> set[Path]:
    """The source files of every page listed in ``_toc.yml``."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text("utf-8"))
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    found.add(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(toc)
    return {(ROOT / f).with_suffix(".md").resolve() for f in found}


def _is_myst_notebook(path: Path) -> bool:
    head = path.read_text("utf-8")[:2000]
    return head.startswith("---") and "kernelspec:" in head


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_GENERATED] = []
    config._blogcode_toc = _toc_files()  # type: ignore[attr-defined]


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # Never collect leftovers of an interrupted run, nor the build tree.
    if collection_path.name.endswith(".nbval.ipynb") or collection_path.name in {"_build", "node_modules"}:
        return True
    return None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix != ".md" or file_path.resolve() not in parent.config._blogcode_toc:  # type: ignore[attr-defined]
        return None
    if not _is_myst_notebook(file_path):
        return None
    import jupytext
    from nbval.plugin import IPyNbFile

    target = file_path.with_name(f".{file_path.stem}.nbval.ipynb")
    jupytext.write(jupytext.read(file_path), target, fmt="ipynb")
    parent.config.stash[_GENERATED].append(target)
    collector = IPyNbFile.from_parent(parent, path=target)
    collector.compare_outputs = False  # lax: the assert cells are the checks
    return collector


def pytest_sessionfinish(session: pytest.Session) -> None:
    for path in session.config.stash.get(_GENERATED, []):
        path.unlink(missing_ok=True)
