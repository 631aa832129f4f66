# The two commands of the README quick start: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck pytest docs docs-check docs-build bench schemas clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[report]'  # the demo's --html and --xlsx (#14)
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP_RUN)

demo: $(STAMP_RUN)
	$(BIN)/sp4n demo

test: lint typecheck pytest docs-build  # pytest runs the docs check too

lint: $(STAMP_DEV)
	$(BIN)/ruff check src tests examples benchmarks scripts
	$(BIN)/ruff format --check src tests examples benchmarks scripts

typecheck: $(STAMP_DEV)
	$(BIN)/mypy --strict src

pytest: $(STAMP_DEV)
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -q

docs: docs-check docs-build

docs-check: $(STAMP_DEV)  # the pages' Python blocks run as written, reference on public paths (#12)
	$(BIN)/python -m pytest -q tests/test_docs_examples.py tests/test_docs_site.py

docs-build: $(STAMP_DEV)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir .site  # not --quiet: it hides the warnings strict counts

bench: $(STAMP_DEV)
	$(BIN)/python -m benchmarks

schemas: $(STAMP_DEV)
	$(BIN)/python scripts/update_golden_schemas.py

clean:
	rm -rf $(VENV) .site build dist
