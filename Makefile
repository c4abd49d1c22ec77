# The README's test command is `make test`; .ci/run calls it.
PYTHON ?= python3

.PHONY: install test bench pins

install:
	$(PYTHON) -m pip install -q -e .

# Installs the package with its test extras at the pinned versions of .ci/constraints.txt, starts a
# throwaway PostgreSQL (from Debian's packages when missing) and runs every test, end-to-end builds
# included. Under CI=true a PostgreSQL that cannot start, or any missing toolchain, fails the run.
test:
	$(PYTHON) -m pip install -q -c .ci/constraints.txt -e '.[test]'
	pg_env="$$(.ci/postgres.sh)" || { \
	  case "$${CI:-}" in 1|true|TRUE|True|yes) echo "make test: PostgreSQL did not start" >&2; exit 1;; esac; \
	  echo "make test: no PostgreSQL; the tests that need it will skip" >&2; }; \
	eval "$$pg_env"; $(PYTHON) -m pytest -q

# Refresh .ci/constraints.txt: resolve the newest versions the ranges allow, then run `make test`
# with them (docs/dependencies.md).
pins:
	.ci/refresh-pins.sh

bench:
	$(PYTHON) benchmarks/bench_check.py --peers
