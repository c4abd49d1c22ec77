# The README's test command is `make test`; .ci/run calls it.
PYTHON ?= python3

.PHONY: install test bench

install:
	$(PYTHON) -m pip install -q -e .

# Installs the package with its test extras, starts a throwaway PostgreSQL (from Debian's
# packages when missing) and runs every test, end-to-end builds included.
test:
	$(PYTHON) -m pip install -q -e '.[test]'
	eval "$$(.ci/postgres.sh)" && $(PYTHON) -m pytest -q

bench:
	$(PYTHON) benchmarks/bench_check.py --peers
