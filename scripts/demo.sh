#!/usr/bin/env bash
# The main job, end to end: set up, check every map, measure coverage, draw and export the op-ed map.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
set -x
argmap check arguments/
argmap coverage --min 90 arguments/countering-external-threats.yaml
mkdir -p out
argmap render arguments/countering-external-threats.yaml -o out/countering-external-threats.svg
argmap render arguments/countering-external-threats.yaml -o out/countering-external-threats.png
argmap export arguments/countering-external-threats.yaml -o out/countering-external-threats.json
