# Pas à pas — the front door.
#   make kiosk   set everything up, then serve the kiosk (http://127.0.0.1:8000)
#   make test    set everything up (Chromium included), then run every test, browser tests included
#   make drills  the reliability drills, their figures written in docs/reliability.md (~30 min)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENDOR := kiosk/static/vendor
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locales/*/LC_MESSAGES/messages.po))
# One test worker per core. Two per core was faster on a quiet machine (2 cores: 26 min 43 s →
# 18 min 47 s) but overloads it (load average 22): in a clean-clone run the Ralph CLI timed out
# and an idle dialog opened mid-test (benchmarks/RESULTS.md). PYTEST_WORKERS=4 make test to try.
PYTEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: kiosk test setup browser lrs assets catalogs translations lint bench drills clean
.DEFAULT_GOAL := kiosk

kiosk: setup
	$(BIN)/python run_kiosk.py $(ARGS)

test: setup browser lrs lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(ARGS)

setup: $(VENV)/.installed assets catalogs

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Front-end libraries come from npm (pinned in package-lock.json) and are copied, never committed.
assets: $(VENDOR)/htmx.min.js $(VENDOR)/simple-keyboard.js $(VENDOR)/simple-keyboard.css

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENDOR)/htmx.min.js: node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $@

# The on-screen keyboard (kiosk/static/js/keyboard.js gives it our layouts).
# Its modern-browsers bundle (no polyfills: 46 KB instead of 107): the kiosk runs Chromium.
$(VENDOR)/simple-keyboard.js: node_modules/.package-lock.json Makefile
	mkdir -p $(VENDOR)
	cp node_modules/simple-keyboard/build/index.modern.js $@

$(VENDOR)/simple-keyboard.css: node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/simple-keyboard/build/css/index.css $@

catalogs: $(VENV)/.installed $(MO_FILES)

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel -q compile -d locales -l $* -i $< -o $@

# Re-extract the strings of the kiosk chrome and merge them into every catalog.
translations: $(VENV)/.installed
	$(BIN)/python scripts/translations.py

browser: $(VENV)/.installed
	scripts/install_browser.sh $(BIN)/python

# Ralph, the LRS the learning-records tests start (tests/lrs): its own virtual environment,
# since its click pin clashes with sqlite-utils'. The version is pinned in the requirements.
RALPH_VENV := .venv-ralph
lrs: $(RALPH_VENV)/.installed

$(RALPH_VENV)/.installed: tests/lrs/requirements-ralph.txt
	test -d $(RALPH_VENV) || $(PYTHON) -m venv $(RALPH_VENV)
	$(RALPH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(RALPH_VENV)/bin/python -m pip install --quiet -r tests/lrs/requirements-ralph.txt
	touch $@

# Style is part of the suite: a second of ruff (its version pinned in pyproject.toml).
lint: $(VENV)/.installed
	$(BIN)/python -m ruff check .

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run_all.py

# The reliability drills (docs/reliability.md): the production server crashed, its disk filled,
# its files damaged, its clocks moved, hostile taps, 500 learners for 10 minutes. ~30 min; not
# part of `make test`. ARGS="--only crash,clocks" or ARGS=--quick (a smoke run).
drills: setup browser
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m drills.run_all $(ARGS)

clean:
	rm -rf $(VENV) .venv-ralph node_modules $(VENDOR) instance .pytest_cache
	find locales -name '*.mo' -delete
