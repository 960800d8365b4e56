# Two commands: `make run` (set up and open the atlas) and `make test` (set up and run every test).
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: setup system-deps run test test-fast validate bench screenshot lint clean publish

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,render]'
	touch $@

setup: $(VENV)/.installed
	$(PY) -m geo.offline

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi; \
	fi

run: setup
	$(VENV)/bin/streamlit run app.py --server.port=$(PORT)

# The static atlas in site/ (index.html, embed.html, the data, Leaflet, the gazetteer, slides): serve it from anywhere.
publish: setup
	$(PY) scripts/publish.py --out site

validate: setup
	$(PY) -m geo.validate --stats

test: system-deps setup
	$(PY) -m geo.validate --stats
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) -m pytest

# The inner loop: validation, lint and every test that needs no browser (~30 s).
test-fast: setup
	$(PY) -m geo.validate
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) -m pytest -m "not browser" -q

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: system-deps setup
	$(PY) bench/step_latency.py

screenshot: system-deps setup
	$(PY) scripts/screenshot.py

clean:
	rm -rf $(VENV) static/vendor .pytest_cache site
