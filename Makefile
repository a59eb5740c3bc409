# Two commands on a fresh machine (only Python 3.11+ needed):
#   make demo   set up, then check the bundled example trust and summarise it
#   make test   set up, then run the test suite
# Both install the project as a wheel into .venv, so what is tested is what a trust installs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/larkspur-trust

.PHONY: demo test setup bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[test]"

demo: setup
	$(BIN)/sendreview validate $(EXAMPLE)

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build dist .pytest_cache
