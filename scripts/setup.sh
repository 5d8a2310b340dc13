#!/usr/bin/env bash
# Install what argmap needs on a fresh Debian/Ubuntu machine: Graphviz and librsvg (system
# programs, via apt-get) and argmap with its Python dependencies in .venv/ (so
# nothing else on the machine changes). Safe to run again; quick when done.
# Usage: bash scripts/setup.sh [EXTRAS]      e.g. "[test]"
set -euo pipefail
cd "$(dirname "$0")/.."

# System programs: Graphviz draws diagrams, librsvg turns slides into PDF/PNG; with the test
# extras, Chromium and its driver run the HTML page's browser tests.
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)
if [[ "${1:-}" == *test* ]]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
  command -v npm >/dev/null 2>&1 || need+=(nodejs npm)  # the Argdown CLI the export tests parse with
fi
if [ "${#need[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: please install ${need[*]} (e.g. 'brew install graphviz librsvg chromium')" >&2
    exit 1
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${1:-}"

# The Argdown CLI, which the tests use to parse `argmap export --format argdown` (1.7.x runs on
# Node 20). Project-local, in .tools/argdown; without npm the tests that need it are skipped.
ARGDOWN_VERSION="1.7.5"
if command -v npm >/dev/null 2>&1 && [ ! -x .tools/argdown/node_modules/.bin/argdown ]; then
  mkdir -p .tools/argdown
  npm install --prefix .tools/argdown --no-audit --no-fund --silent "@argdown/cli@${ARGDOWN_VERSION}" >/dev/null
fi
