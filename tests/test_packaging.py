"""The environment files agree with each other."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# Conda packages that are part of the environment but not Python dependencies.
NOT_IN_PYPROJECT = {"python", "pip", "nodejs"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_the_packages_of_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for group in ("book", "test"):
        wanted |= {_name(r) for r in project["optional-dependencies"][group]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - NOT_IN_PYPROJECT
    # Packages that exist only on PyPI sit in the pip section (with the package itself).
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            conda |= {_name(r) for r in entry.get("pip", []) if not r.startswith("-e")}
    assert conda == wanted, (
        f"only in environment.yml: {sorted(conda - wanted)}; only in pyproject.toml: {sorted(wanted - conda)}"
    )


def test_jupyter_book_is_pinned_below_2() -> None:
    # Jupyter Book 2 reads neither _config.yml nor _toc.yml.
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"jupyter-book>=1.0.4.post1,<2"' in text


def test_lock_file_pins_jupyter_book_1() -> None:
    lock = tomllib.loads((ROOT / "uv.lock").read_text("utf-8"))
    versions = {p["name"]: p["version"] for p in lock["package"]}
    assert versions["jupyter-book"].startswith("1.")
