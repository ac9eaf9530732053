# One entry point for editors, developers and CI. Every target sets up .venv first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MEDSITE := $(BIN)/python -m medsite
export NO_MKDOCS_2_WARNING := 1
# The git ref make check and make changes compare with. Under CI=true a BASE that is given
# (the pull-request and deploy workflows give one) must be readable; the default is only
# compared with when the clone has it, and a printed note says when it has not.
BASE ?= main

.PHONY: help serve build test test-fast check lint bench review changes page offline \
	check-sources clean

help:
	@echo "make serve          build and preview with live reload at http://127.0.0.1:8000"
	@echo "make build          strict build into site/ (the last good site stays if it fails)"
	@echo "make test           every check CI runs: lint, content checks, all tests"
	@echo "make test-fast      the same without the browser tests, hostile edits by sample (a minute or two)"
	@echo "make check          the fast content checks only (data, doses, pages, grade)"
	@echo "make changes        what your change to data and pages does (BASE=main)"
	@echo "make review         review dates, reviewers, drafts; KEY=... pages showing a value"
	@echo "make page TYPE=condition NAME=\"Stroke\"   start a new page (a draft)"
	@echo "make bench          benchmarks; writes BENCHMARKS.md"
	@echo "make offline        a zip of the site that works from the file system (build/)"
	@echo "make check-sources  are the data file's source addresses alive? (needs internet)"

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

build: $(STAMP)
	$(MEDSITE) build

serve: build
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --livereload

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy

check: $(STAMP)
	$(MEDSITE) check --base "$(BASE)"$(if $(and $(filter true,$(CI)),$(filter-out file,$(origin BASE))), --require-base)

changes: $(STAMP)
	$(MEDSITE) changes --base "$(BASE)"

test: $(STAMP) lint check
	$(BIN)/python -m pytest

test-fast: $(STAMP) lint check
	$(BIN)/python -m pytest -m "not browser and not every_case"

# The benchmark's peer (mkdocs-macros-plugin) is installed for the benchmark only.
BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python scripts/bench/run.py

review: $(STAMP)
	$(MEDSITE) review $(KEY)

page: $(STAMP)
	$(MEDSITE) page --type "$(TYPE)" --name "$(NAME)"

offline: $(STAMP)
	$(MEDSITE) offline --out build/offline-site.zip

check-sources: $(STAMP)
	$(MEDSITE) check-sources --report build/check-sources/report.md

clean:
	rm -rf site .site-* .pytest_cache .ruff_cache .mypy_cache
