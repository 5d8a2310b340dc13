#!/usr/bin/env bash
# Regenerate every golden file and committed picture from the current code, then show what
# changed: review `git diff` before committing (a change must be on purpose).
# Usage: bash scripts/regenerate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
OPED=arguments/countering-external-threats.yaml
STUDENT=arguments/countering-external-threats.student-example.yaml

# The flagship diagram and a student's overlay (README, docs/rendering.md).
for suffix in dot svg png; do
  argmap render "$OPED" -o "docs/op-ed-map.$suffix"
  argmap render "$STUDENT" --group student --group nato -o "docs/student-overlay.$suffix"
done

# What objections do (README, docs/evaluation.md): evaluated drawings.
argmap render --evaluate "$STUDENT" --group nato --group coord -o docs/student-overlay-evaluated.png
for case in docs/evaluation/*.yaml; do
  argmap render --evaluate "$case" -o "${case%.yaml}.png"
done

# The overview slide of the op-ed's deck and its page in headless Chromium (docs/presenting.md).
# The editor screenshots (docs/editors.md) are of a real editor session: retaken by hand.
deck="$(mktemp -d)"
argmap slides "$OPED" -o "$deck" --format png
cp "$deck/slide-02-overview.png" docs/slides-overview.png
rm -r "$deck"
python scripts/screenshot_page.py "$OPED" docs/html-page.png

# The rules' documentation, from their docstrings.
python -m argmap.check.docs > docs/rules.md

# Golden files of the tests (tests/conftest.py compares with them).
argmap render tests/render_example.yaml -o tests/golden/render_example.dot
ARGMAP_UPDATE_GOLDEN=1 python -m pytest -q -p no:cacheprovider tests/test_cli.py tests/test_diff.py >/dev/null

git status --short -- docs tests/golden
