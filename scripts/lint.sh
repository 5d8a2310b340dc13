#!/usr/bin/env bash
# The code's habits, as CI holds them: formatted, linted, typed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
ruff format --check src tests bench fuzz scripts
ruff check src tests bench fuzz scripts
mypy --strict src
