# make run: set up and serve on http://127.0.0.1:8000 with the embedded defaults.
# make test: set up everything the tests need (Chromium included) and run the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

.PHONY: run test typecheck bench clean chromium

$(BIN)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.dev: requirements-dev.txt $(BIN)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.runtime
	$(BIN)/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) --workers $(WORKERS) 'app:create_app()'

# The browser tests drive Debian's Chromium; installed here when missing (as root).
chromium:
	sh .ci/install-chromium

test: $(BIN)/.dev chromium
	$(BIN)/python -m pytest
	$(BIN)/python -m mypy

typecheck: $(BIN)/.dev
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .hypothesis

# Benchmarks report figures and assert nothing: loading the gazetteer (time, memory, sharing
# under gunicorn), then name repair on the development set (../shared/data/devset), then the
# Dask archive job on 1 and 2 workers.
bench: $(BIN)/.runtime
	$(BIN)/python bench/gazetteer_load.py
	$(BIN)/python bench/names.py
	$(BIN)/python bench/batch.py
