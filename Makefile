# The commands the README names. `make serve` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: serve test lint stress bench browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

serve: $(VENV)/.installed
	$(BIN)/onrecord db upgrade
	$(BIN)/onrecord serve --host $(HOST) --port $(PORT)

# The /docs browser test needs Debian's chromium (no browser download); install it once.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the /docs browser test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; the browser test will be skipped"; }

lint: $(VENV)/.installed
	$(BIN)/ruff check app tests migrations bench

test: lint browser
	$(BIN)/pytest -q

stress: $(VENV)/.installed
	ONRECORD_STRESS=1 $(BIN)/pytest -q -m stress

bench: $(VENV)/.installed
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
