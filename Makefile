# Scientific Spaces, executable — the two commands of the README:
#   make book   build the whole book into _build/html (installs what it needs)
#   make test   run every test (unit, property, nbval over every article, browser)
# and the conveniences `make bench` (speed ratios), `make serve`, `make clean`.

SHELL := /bin/bash
.DEFAULT_GOAL := book

PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
# uv from PATH if there is one, otherwise a private copy in .tools/ (pip-installed from PyPI).
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
# Never let uv download a Python: use the machine's (3.11+).
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(shell command -v $(PYTHON))
export PYTHONHASHSEED := 0

JB_FLAGS := -W -n --keep-going
CACHE := _build/.jupyter_cache
STAMP := _build/.blogcode-inputs.sha256

.PHONY: book test bench serve clean install assets stale-cache-check

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# The locked environment: the package (editable) with its book and test extras.
$(BIN)/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --all-extras --python "$(UV_PYTHON)"
	touch $@

install: $(BIN)/.synced

# MathJax is served by the site itself (no CDN): npm's mathjax 3 package, locked.
node_modules/mathjax/es5/tex-chtml.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# (blogcode.bookext copies it into _build/html/_static/mathjax at build time.)
assets: node_modules/mathjax/es5/tex-chtml.js

# jupyter-cache keys a notebook only on its code cells: when the package, the lock or a
# recorded benchmark result (read by the articles) changes, drop the cache and the saved doctrees so that every article runs again.
stale-cache-check: install
	@mkdir -p _build
	@new=$$(cat uv.lock $$(find src/blogcode benchmarks/results -name '*.py' -o -name '*.json' | LC_ALL=C sort) | sha256sum | cut -d' ' -f1); \
	old=$$(cat $(STAMP) 2>/dev/null); \
	if [ "$$new" != "$$old" ]; then \
	  [ -n "$$old" ] && echo "blogcode, uv.lock or benchmarks/results changed: re-executing every article."; \
	  rm -rf $(CACHE) _build/.doctrees _build/jupyter_execute _build/html; \
	  echo "$$new" > $(STAMP); \
	fi

book: install assets stale-cache-check
	$(BIN)/jupyter-book build . --builder html $(JB_FLAGS)
	@echo "The book is in $(CURDIR)/_build/html (open index.html, or run 'make serve')."

test: book
	$(BIN)/python -m pytest

# Speed claims are ratios measured in one run (never timed assertions in tests). Each
# benchmarks/bench_*.py records its ratios, the machine and the date in
# benchmarks/results/<name>.json, which the articles show.
bench: install
	@set -e; for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f; done

serve:
	@test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python -m http.server --directory _build/html --bind 127.0.0.1 8000

clean:
	rm -rf _build
