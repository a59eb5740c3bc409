# Two commands on a fresh machine (only Python 3.11+ needed):
#   make demo   set up, then check the example trust, show its trust view and what moved since
#               last cycle, and write its reports to out/
#   make test   set up, then run the test suite
# Both install the project as a wheel into .venv, so what is tested is what a trust installs.
# For maintainers, and CI after make test:
#   make lint          the layer contracts of ARCHITECTURE.md (lint-imports) and mypy --strict
#   make test-lowest   the tests again in .venv-lowest, with the oldest version of each
#                      dependency that pyproject.toml allows, to keep its lower bounds true
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOWEST ?= .venv-lowest
TOOLS ?= .venv-tools
EXAMPLE := examples/larkspur-trust

.PHONY: demo test lint test-lowest fuzz setup bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[test]"

demo: setup
	$(BIN)/sendreview validate $(EXAMPLE)
	$(BIN)/sendreview aggregate $(EXAMPLE) --cycle 2026-autumn
	$(BIN)/sendreview compare $(EXAMPLE) --from 2026-summer --to 2026-autumn
	$(BIN)/sendreview report $(EXAMPLE) --cycle 2026-autumn --format html -o out/larkspur-trust.html --force
	$(BIN)/sendreview report $(EXAMPLE) --cycle 2026-autumn --format md -o out/larkspur-trust.md --force
	$(BIN)/sendreview report $(EXAMPLE) --cycle 2026-autumn --format xlsx -o out/larkspur-trust.xlsx --force
	$(BIN)/sendreview report $(EXAMPLE) --cycle 2026-autumn --format docx -o out/larkspur-trust.docx --force
	$(BIN)/sendreview report $(EXAMPLE) --cycle 2026-autumn --academy castlegate-academy -o out/castlegate-academy.html --force
	$(BIN)/sendreview report $(EXAMPLE) --cycle 2026-autumn --academy castlegate-academy -o out/castlegate-academy.docx --force
	@echo "Reports written to out/: open out/larkspur-trust.html in a browser, out/larkspur-trust.docx in Word."

test: setup
	$(BIN)/python -m pytest

# The import rules and the type checker, both configured in pyproject.toml. lint-imports reads
# the package from src/ (not the copy setup installed), so it checks the code as it is now.
# Both run, so one CI log lists every broken layer and every type error.
lint: setup
	PYTHONPATH=src $(BIN)/lint-imports --no-logo --no-cache; layers=$$?; \
	$(BIN)/mypy --strict; types=$$?; \
	[ $$layers = 0 ] && [ $$types = 0 ]

# make fuzz: the property tests under the "fuzz" profile (tests/conftest.py), with fifty
# times the examples, freshly random on each run, and failures shrunk to their smallest form.
PROPERTY_TESTS := tests/test_properties.py tests/test_yaml_write.py tests/test_text_as_typed.py \
	tests/test_aggregate_properties.py tests/test_forms.py
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q $(PROPERTY_TESTS)

# uv comes from PyPI into a tools venv of its own. Its lowest-direct resolution takes the
# oldest release that every direct dependency's bound allows (their own dependencies as
# usual); scripts/check_lowest.py then fails if a bound was not the version installed. The
# venv is made anew each time, so it never keeps a newer version from before; the sendreview
# wheel is rebuilt rather than taken from uv's cache.
$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet "uv>=0.5"

test-lowest: $(TOOLS)/bin/uv
	rm -rf $(LOWEST)
	UV_PYTHON_DOWNLOADS=never $(TOOLS)/bin/uv venv --quiet --python $(PYTHON) $(LOWEST)
	$(TOOLS)/bin/uv pip install --quiet --python $(LOWEST)/bin/python \
		--resolution lowest-direct --refresh-package sendreview ".[test]"
	$(LOWEST)/bin/python scripts/check_lowest.py
	$(LOWEST)/bin/python -m pytest

bench: setup
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf $(VENV) $(LOWEST) $(TOOLS) build dist .pytest_cache out
