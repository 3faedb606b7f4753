# zeronn — two commands for a new machine: `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP_INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
SITE_STAMP := site/.built
SITE_SOURCES := $(shell find docs overrides hooks notebooks figures benchmarks zeronn scripts -type f -not -name '*.pyc' 2>/dev/null) mkdocs.yml mkdocs.en.yml

.PHONY: install browser serve build notebooks test bench clean

install: $(PIP_INSTALLED) $(NODE_INSTALLED)

# torch comes first and pinned: an unpinned torch would pull a multi-GB CUDA build.
$(PIP_INSTALLED): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

# KaTeX comes from the npm registry, pinned by package-lock.json; the build copies it into the site.
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: $(SITE_STAMP)

$(SITE_STAMP): $(PIP_INSTALLED) $(NODE_INSTALLED) $(SITE_SOURCES)
	$(PY) scripts/build_site.py

serve: install
	$(PY) scripts/serve.py

# Rewrite docs/<lang>/notebooks/*.ipynb from their source, notebooks/<name>.py (both languages).
notebooks: $(PIP_INSTALLED)
	$(PY) -m notebooks.build

# The browser tests (tests/browser/) drive Debian's chromium; Japanese text needs a CJK font.
CHROMIUM := /usr/bin/chromium
browser:
	@if [ -x $(CHROMIUM) ] && fc-list :lang=ja 2>/dev/null | grep -q .; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then \
	  echo "error: the browser tests need $(CHROMIUM) and a Japanese font. Install them as root:" >&2; \
	  echo "  apt-get update && apt-get install -y chromium fonts-ipafont-gothic" >&2; \
	  exit 1; \
	fi; \
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-ipafont-gothic

test: install browser
	$(PY) -m pytest

bench: install
	$(PY) scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site .venv node_modules
