#!/usr/bin/env bash
# The test suite, set-up included: what CI runs (.ci/run) and what a developer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh "[test]"
export PATH="$PWD/.venv/bin:$PATH"
python -m pytest "$@"
