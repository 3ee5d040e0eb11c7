# Make targets; `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the project uses: the engine (JDK 17, Maven), OCR, pdftotext for the ingest
# benchmark, Chromium for browser tests, and PostgreSQL (the tests start a throwaway cluster).
DEBIAN_PACKAGES := openjdk-17-jre-headless maven tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym \
	poppler-utils chromium chromium-driver nodejs postgresql

.DEFAULT_GOAL := help
.PHONY: help demo test setup system-packages lint format bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

demo: setup ## set everything up, crawl/ingest/index the demo documents and serve the search app
	$(BIN)/casereview demo

test: setup ## run the whole test suite (starts its own Elasticsearch node)
	$(BIN)/pytest

setup: system-packages $(VENV)/.installed node_modules/.installed ## install system packages, the Python environment and the npm test tools

system-packages: ## install the Debian packages listed in DEBIAN_PACKAGES that are missing
	@missing=""; for pkg in $(DEBIAN_PACKAGES); do \
		dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(VENV)/.installed: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,standins]'
	touch $@

# axe-core (accessibility checks in the browser tests), pinned by package-lock.json.
# Debian's nodejs comes without npm; NodeSource's includes it.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null; }
	npm ci --no-audit --no-fund
	touch $@

lint: setup ## check the code: ruff (lint and format) and the import-linter contracts in setup.cfg
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: setup ## format the code with ruff
	$(BIN)/ruff format .

bench: setup ## run the benchmarks in bench/
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean: ## stop the engine and remove the data directory
	-$(BIN)/casereview engine stop
	rm -rf var
