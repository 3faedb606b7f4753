# zeronn — two commands for a new machine: `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP_INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
SITE_STAMP := site/.built
SITE_SOURCES := $(shell find docs overrides hooks zeronn scripts -type f -not -name '*.pyc' 2>/dev/null) mkdocs.yml mkdocs.en.yml

.PHONY: install serve build test bench clean

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

test: install
	$(PY) -m pytest

bench: install
	$(PY) scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site .venv node_modules
