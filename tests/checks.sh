#!/usr/bin/env bash
# The static checks, exactly as CI runs them before the tests. Run before every commit:
#
#   bash tests/checks.sh                      # tools from .venv/bin
#   PYTHON=/path/to/venv/bin/python bash tests/checks.sh
#
# ruff (lint and format), mypy --strict over desktop/ and the import contracts (lint-imports) are
# configured in pyproject.toml. Every check runs even when an earlier one fails; the script exits
# non-zero if any of them found something.
set -uo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-.venv/bin/python}"
bin="$(dirname "$python")"
failed=()

check() {
    echo "== $*"
    "$@" || failed+=("$1 ${2:-}")
}

check "$bin/ruff" check .
check "$bin/ruff" format --check .
check "$bin/mypy"
check "$bin/lint-imports" --no-cache

if [ "${#failed[@]}" -ne 0 ]; then
    echo "== FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "== all checks passed"
