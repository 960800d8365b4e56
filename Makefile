# Two commands: `make run` (set up and open the atlas) and `make test` (set up and run every test).
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: setup system-deps run test validate bench screenshot lint clean

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

validate: setup
	$(PY) -m geo.validate --stats

test: system-deps setup
	$(PY) -m geo.validate --stats
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .

bench: system-deps setup
	$(PY) bench/step_latency.py

screenshot: system-deps setup
	$(PY) scripts/screenshot.py

clean:
	rm -rf $(VENV) static/vendor .pytest_cache
