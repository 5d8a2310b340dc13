#!/usr/bin/env bash
# The main job, end to end: set up, check every map, measure coverage, then draw, export and evaluate
# the op-ed map and make its slide deck and its page beside the article.
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
argmap evaluate arguments/countering-external-threats.yaml --format json -o out/countering-external-threats.evaluation.json
argmap slides arguments/countering-external-threats.yaml -o out/countering-external-threats.pdf
argmap html arguments/countering-external-threats.yaml -o out/countering-external-threats.html
