# One entry point for editors, developers and CI. Every target sets up .venv first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build test check lint bench review page clean

help:
	@echo "make serve   build and preview with live reload at http://127.0.0.1:8000"
	@echo "make build   strict build into site/ (the last good site stays if it fails)"
	@echo "make test    every check: content checks, lint, unit, build, browser and link tests"
	@echo "make check   the fast content checks only (data, dose numbers, front matter, grade)"
	@echo "make bench   benchmarks; writes BENCHMARKS.md"
	@echo "make review  review dates of every page and the data values each one shows"
	@echo "make page TYPE=condition NAME=\"Stroke\"   start a new page from a template"

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/python scripts/build_site.py

serve: build
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

lint: $(STAMP)
	$(BIN)/ruff check scripts tests

check: $(STAMP)
	$(BIN)/python -m medsite.check

test: $(STAMP) lint check
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench/run.py

review: $(STAMP)
	$(BIN)/python -m medsite.review

page: $(STAMP)
	$(BIN)/python scripts/new_page.py --type "$(TYPE)" --name "$(NAME)"

clean:
	rm -rf site .site-* .pytest_cache .ruff_cache
