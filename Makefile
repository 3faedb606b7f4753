# zeronn — two commands for a new machine: `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP_INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
SITE_STAMP := site/.built
SITE_SOURCES := $(shell find docs overrides hooks notebooks figures zeronn scripts -type f -not -name '*.pyc' 2>/dev/null) mkdocs.yml mkdocs.en.yml

.PHONY: install lock browser serve build notebooks test test-slow check bench clean

install: $(PIP_INSTALLED) $(NODE_INSTALLED)

# torch comes first, its CPU build (scripts/install_torch.sh says where from); then the
# rest at the versions of requirements.lock, and zeronn itself in editable mode.
$(PIP_INSTALLED): pyproject.toml requirements.lock scripts/install_torch.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	scripts/install_torch.sh $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

# Rewrite requirements.lock: the newest versions that pyproject.toml allows, resolved in a
# new environment. torch stays at the version pinned in the lock: to move it, edit that line first.
LOCK_VENV := build/lock-venv
lock:
	rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	scripts/install_torch.sh $(LOCK_VENV)/bin/python
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(LOCK_VENV)/bin/python scripts/write_lock.py requirements.lock
	rm -rf $(LOCK_VENV)

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

# `make test`: every page block, notebook, unit test and the built site, in under 150 s on
# 2 cores. `make test-slow`: the checks that take minutes (the browser, the notebooks run with
# the values their notes suggest, a reader's install from the built wheel, other numerical
# paths, PyPI's resolution). CI runs both: `make check`.
# One thread per torch (OMP_NUM_THREADS=1): two workers on two cores, each with its own threads,
# would make four, and OpenMP's threads spin while they wait. `make test-slow` runs the pages
# under 1 and 2 threads both (tests/test_numerical_paths.py).
test: install
	OMP_NUM_THREADS=1 $(PY) -m pytest -m "not slow" -n 2

test-slow: install browser
	$(PY) -m pytest -m slow

check: test test-slow

# `make audit`: Lighthouse (npm, pinned in package.json) on every page of the built site, both
# languages, as a phone loads it (performance, accessibility, best practices, SEO); prints the
# scores per page and writes them to test-artifacts/lighthouse.json. Minutes: not part of `make test`.
# Each page is run AUDIT_RUNS times and its median run is kept (Lighthouse's own choice).
AUDIT_RUNS ?= 3
.PHONY: audit
audit: build browser
	CHROME_PATH=$(CHROMIUM) $(PY) scripts/audit.py --runs $(AUDIT_RUNS)

bench: install
	$(PY) scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site .venv node_modules
