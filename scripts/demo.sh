#!/usr/bin/env bash
# The main job, end to end: set up, check every map, render the op-ed's diagram.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
argmap check arguments/
argmap coverage --min 90 arguments/countering-external-threats.yaml
mkdir -p out
if argmap --help | grep -q "^  render"; then
  argmap render arguments/countering-external-threats.yaml -o out/countering-external-threats.svg
  argmap render arguments/countering-external-threats.yaml --format png -o out/countering-external-threats.png
  echo "diagram: out/countering-external-threats.svg and .png"
fi
argmap export arguments/countering-external-threats.yaml -o out/countering-external-threats.json
echo "resolved map: out/countering-external-threats.json"
