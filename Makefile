# Two commands on a fresh machine (only Python 3.11+ needed):
#   make demo   set up, then check the example trust, show its trust view, write its reports to out/
#   make test   set up, then run the test suite
# Both install the project as a wheel into .venv, so what is tested is what a trust installs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/larkspur-trust

.PHONY: demo test fuzz setup bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[test]"

demo: setup
	$(BIN)/sendreview validate $(EXAMPLE)
	$(BIN)/sendreview aggregate $(EXAMPLE) --cycle 2026-autumn
	$(BIN)/sendreview report $(EXAMPLE) --cycle 2026-autumn --format html -o out/larkspur-trust.html --force
	$(BIN)/sendreview report $(EXAMPLE) --cycle 2026-autumn --format md -o out/larkspur-trust.md --force
	$(BIN)/sendreview report $(EXAMPLE) --cycle 2026-autumn --format xlsx -o out/larkspur-trust.xlsx --force
	$(BIN)/sendreview report $(EXAMPLE) --cycle 2026-autumn --academy castlegate-academy -o out/castlegate-academy.html --force
	@echo "Reports written to out/: open out/larkspur-trust.html in a browser."

test: setup
	$(BIN)/python -m pytest

# make fuzz: the property tests under the "fuzz" profile (tests/conftest.py), with fifty
# times the examples, freshly random on each run, and failures shrunk to their smallest form.
PROPERTY_TESTS := tests/test_properties.py tests/test_yaml_write.py tests/test_text_as_typed.py \
	tests/test_aggregate_properties.py tests/test_forms.py
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q $(PROPERTY_TESTS)

bench: setup
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf $(VENV) build dist .pytest_cache out
