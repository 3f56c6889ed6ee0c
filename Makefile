# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip --disable-pip-version-check -q
export FRENEMY_DB ?= $(CURDIR)/demo.db

.PHONY: demo test lint typecheck unit eval bench bench-smoke chromium install install-dev lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Runtime install, pinned by constraints.txt.
$(VENV)/.runtime: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install -c constraints.txt -e .
	@touch $@

# Runtime plus test and lint tools.
$(VENV)/.dev: $(VENV)/.runtime
	$(PIP) install -c constraints.txt -e '.[dev]'
	@touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

demo: install
	@rm -f $(FRENEMY_DB) $(FRENEMY_DB)-wal $(FRENEMY_DB)-shm
	$(BIN)/frenemy ingest samples/ --db $(FRENEMY_DB)
	$(BIN)/frenemy actors --db $(FRENEMY_DB) --limit 25
	$(BIN)/frenemy dyad Iran "al Qaeda" --db $(FRENEMY_DB)
	$(BIN)/frenemy dyad "Saudi Arabia" Iran --db $(FRENEMY_DB)
	@echo "store: $(FRENEMY_DB)"
	@echo "try: $(BIN)/frenemy actors --db $(FRENEMY_DB)"
	@echo "     $(BIN)/frenemy dyad Iran \"al Qaeda\" --db $(FRENEMY_DB) --full      (every event, claim and rating)"
	@echo "     $(BIN)/frenemy dyad Iran \"al Qaeda\" --db $(FRENEMY_DB) --out iran-alqaeda.html"
	@echo "     $(BIN)/frenemy serve --db $(FRENEMY_DB)"

# Debian's Chromium for the browser tests; installed through apt when missing and apt is available.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "chromium missing and apt-get unavailable: browser tests will fail"; fi; }

lint: install-dev
	$(BIN)/ruff check src tests eval bench
	$(BIN)/ruff format --check src tests eval bench

typecheck: install-dev
	$(BIN)/mypy src

unit: install-dev chromium
	$(BIN)/pytest -q

test: lint typecheck unit

eval: install-dev
	$(BIN)/python -m eval.run

bench: install-dev
	$(BIN)/python -m bench.run

bench-smoke: install-dev
	$(BIN)/python -m bench.run --smoke

lock: $(BIN)/python
	$(PIP) install -e '.[dev]'
	$(BIN)/pip freeze --exclude-editable | sed '1i # Exact pins for every dependency (runtime and dev). Regenerate with: make lock' > constraints.txt

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache .mypy_cache .ruff_cache
